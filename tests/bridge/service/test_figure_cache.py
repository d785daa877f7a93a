"""Figures kept until the next write (bridge.core.cache): the overview's counts, list totals, the dashboard.

A commit that writes programme data moves the write generation on, a rollback or an account's login bookkeeping
does not; a kept figure is read without computing it again until then. With Redis the figures are shared by every
worker, and a worker that finds a figure being computed waits for it instead of computing it too.
"""
import threading
import time
import uuid

import pytest
import sqlalchemy as sa

from bridge.core import cache
from bridge.core.db import utcnow
from bridge.modules.people.models import Person
from tests.bridge.externals.helpers import make_application
from tests.bridge.service.test_jobs import REDIS_URL, needs_redis

kept = pytest.mark.app_config(FIGURE_CACHE_SECONDS=60)
shared = pytest.mark.app_config(FIGURE_CACHE_SECONDS=60, REDIS_URL=REDIS_URL,
                                JOB_QUEUE=f"qser-test-{uuid.uuid4().hex[:8]}")


def _counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)
    return compute, calls


def test_a_commit_moves_the_generation_a_rollback_and_a_login_do_not(app, db, make_person):
    person = make_person(roles=["mentor"])
    before = cache.generation()
    db.session.add(Person(first_name="Rolled", last_name="Back", email="rolled@example.org"))
    db.session.flush()
    db.session.rollback()
    assert cache.generation() == before
    person.account.last_login_at = utcnow()  # account bookkeeping: no kept figure depends on it
    db.session.commit()
    assert cache.generation() == before
    person.department = "Youth welfare office"
    db.session.commit()
    assert cache.generation() == before + 1
    db.session.execute(sa.update(Person).where(Person.id == person.id).values(department="Job centre"))
    db.session.commit()  # a bulk statement counts as a write too
    assert cache.generation() == before + 2


def test_without_keeping_every_call_computes(app):
    compute, calls = _counter()
    cache.remember(("test", "off"), compute)
    cache.remember(("test", "off"), compute)
    assert len(calls) == 2  # tests keep nothing unless QSER_FIGURE_CACHE_SECONDS is set


@kept
def test_a_kept_figure_is_computed_once_until_a_write(app, db, make_person):
    compute, calls = _counter()
    assert cache.remember(("test", "kept"), compute) == 1
    assert cache.remember(("test", "kept"), compute) == 1
    make_person(roles=["mentee"])  # a commit: the next reader computes afresh
    assert cache.remember(("test", "kept"), compute) == 2
    assert len(calls) == 2


@kept
def test_overview_count_is_kept_and_follows_the_next_write(app, client, db, login_as, make_person):
    login_as("coordinator")
    make_application(app, db, email="first@example.org")
    assert "1 application waiting for your review" in client.get("/").get_data(as_text=True)
    with db.engine.begin() as conn:  # a change behind the app's back (psql): the kept count does not see it
        conn.execute(sa.text("UPDATE external_applications SET state = 'rejected'"))
    assert "1 application waiting for your review" in client.get("/").get_data(as_text=True)
    make_person(roles=["mentee"])  # any write through the app: the next overview counts afresh
    assert "application waiting" not in client.get("/").get_data(as_text=True)


@kept
def test_list_total_is_kept_until_someone_is_added(app, client, db, login_as, make_person):
    login_as("coordinator")
    make_person(roles=["mentor"], last_name="Yilmaz")
    assert "1 person" in client.get("/people/?q=yilmaz").get_data(as_text=True)
    make_person(roles=["mentee"], last_name="Yilmaz")
    assert "2 people" in client.get("/people/?q=yilmaz").get_data(as_text=True)


@needs_redis
@shared
def test_workers_share_figures_through_redis(app, db, make_person):
    compute, calls = _counter()
    key = ("test", uuid.uuid4().hex)
    assert cache.remember(key, compute) == 1
    cache._local.clear()  # another worker has nothing of its own: it reads Redis
    assert cache.remember(key, compute) == 1 and len(calls) == 1
    make_person(roles=["mentor"])  # a commit in any worker moves the shared generation on
    assert cache.remember(key, compute) == 2


@needs_redis
@shared
def test_a_worker_waits_for_the_figure_another_is_computing(app):
    from bridge.core import jobs

    key = ("test", uuid.uuid4().hex)
    name = cache._namespace() + repr(key)
    redis = jobs.connection()
    redis.set(name + ":computing", 1, ex=30)  # another worker holds the lock and computes
    generation = cache.generation()

    def other_worker_finishes():
        import pickle

        time.sleep(0.2)
        redis.set(name, pickle.dumps((time.time(), generation, "from the other worker")), ex=120)
        redis.delete(name + ":computing")

    thread = threading.Thread(target=other_worker_finishes)
    thread.start()
    compute, calls = _counter()
    assert cache.remember(key, compute) == "from the other worker"
    thread.join()
    assert calls == []


@needs_redis
@shared
def test_redis_failure_still_answers(app, monkeypatch):
    from redis.exceptions import ConnectionError as RedisDown

    from bridge.core import jobs

    class Down:
        def mget(self, *args, **kwargs):
            raise RedisDown("Redis went away")

    monkeypatch.setattr(jobs, "connection", lambda: Down())
    compute, calls = _counter()
    assert cache.remember(("test", "down"), compute) == 1 and calls == [1]


def test_per_transaction_memo_is_forgotten_by_a_write(app, db, make_person):
    compute, calls = _counter()
    assert cache.per_transaction("memo", compute) == 1
    assert cache.per_transaction("memo", compute) == 1
    make_person(roles=["mentor"])
    assert cache.per_transaction("memo", compute) == 2


def test_a_failed_commit_does_not_move_the_generation(app, db, make_person):
    person = make_person(roles=["mentor"])
    before = cache.generation()
    db.session.add(Person(first_name="Same", last_name="Address", email=person.email))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    person.department = "Youth welfare office"  # the next commit that writes counts once
    db.session.commit()
    assert cache.generation() == before + 1
