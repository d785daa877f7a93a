"""Reminder mails are jobs: enqueued after the reminder run commits, sent by the worker, never twice.

The run records each reminder in the reminder log (unique per tandem, kind, audience, subject and date)
in the same transaction that registers the mails, so a second run, or a run in parallel that loses the
race at the commit, enqueues nothing.
"""
import threading

import pytest
from sqlalchemy.exc import DBAPIError

from bridge.cli import main
from bridge.core import jobs
from bridge.modules.mentoring.models import ReminderLog
from bridge.modules.mentoring.operations import reminders
from tests.bridge.mentoring.conftest import make_tandem  # noqa: F401
from tests.bridge.mentoring.test_reminders import _at, _tandem
from tests.bridge.service.test_jobs import job_queue, needs_redis, queued  # noqa: F401

NOW = "2026-04-15T06:00"  # 45 days after the tandems' start: pair and coordinator reminders are due


@needs_redis
@queued
def test_reminder_mails_are_queued_after_the_commit_and_sent_once(app, db, make_tandem, make_person,  # noqa: F811
                                                                  job_queue, outbox):
    _tandem(db, make_tandem)
    make_person(roles=["coordinator"])
    runner = app.test_cli_runner()
    first = runner.invoke(main, ["reminders", "--now", NOW])
    assert first.exit_code == 0, first.output
    assert job_queue.count == 3 and outbox() == []  # mentor, mentee, coordinator: queued, not sent yet
    assert {job.description for job in job_queue.jobs} == {"bridge.modules.mentoring.operations.reminders.mail_reminder"}
    second = runner.invoke(main, ["reminders", "--now", NOW])
    assert "0 mails sent" in second.output and job_queue.count == 3
    jobs.run_worker(burst=True)
    assert len(outbox()) == 3 and job_queue.count == 0


def test_parallel_reminder_runs_send_each_mail_once(app, db, make_tandem, make_person, outbox):  # noqa: F811
    if app.config["DB_BACKEND"] != "postgresql":
        pytest.skip("races need a database with parallel writers (set QSER_TEST_DATABASE_URL)")
    for _ in range(3):
        _tandem(db, make_tandem)
    make_person(roles=["coordinator"])
    runs, barrier, results = 4, threading.Barrier(4), []

    def run():
        with app.app_context():
            from bridge.core.db import db as session_db

            barrier.wait()  # the runs start together; a loser blocks on the winner's log rows, then fails
            try:
                counts = reminders.send_reminders(_at(45))
                session_db.session.commit()
                results.append(counts["mails"])
            except DBAPIError:  # a unique violation (or a deadlock the database broke): this run sent nothing
                session_db.session.rollback()
                results.append(0)
            finally:
                session_db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == runs and sum(results) == 9
    assert len(outbox()) == 9  # 3 tandems × (mentor, mentee, one coordinator)
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(ReminderLog.id))) == 6
