"""The job queue: effects are enqueued only after the commit, the worker runs and retries them.

Tests that need Redis use QSER_TEST_REDIS_URL (default redis://127.0.0.1:6379/15) and skip when it
does not answer; CI starts Redis so they run there. Inline mode (no Redis) needs nothing.
"""
import os
import uuid
from pathlib import Path

import pytest

from bridge.core import jobs
from bridge.core.effects import after_commit, run_inline

REDIS_URL = os.environ.get("QSER_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    try:
        from redis import Redis

        return bool(Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:  # no Redis here: the queue tests skip
        return False


needs_redis = pytest.mark.skipif(not _redis_answers(), reason=f"Redis does not answer at {REDIS_URL}")
queued = pytest.mark.app_config(REDIS_URL=REDIS_URL, JOB_QUEUE=f"qser-test-{uuid.uuid4().hex[:8]}",
                                JOB_RETRY_INTERVALS=[0, 0])


def append_line(path: str, text: str) -> None:
    """A test effect: append a line to a file."""
    with open(path, "a") as f:
        f.write(text + "\n")


def fail_until(path: str, failures: int) -> None:
    """A test effect that fails the first `failures` times it runs."""
    append_line(path, "try")
    if len(Path(path).read_text().splitlines()) <= failures:
        raise RuntimeError("Moodle is down")


@pytest.fixture
def job_queue(app):
    """Return the app's (empty) queue and empty it again afterwards."""
    q = jobs.queue()
    q.empty()
    yield q
    q.empty()
    for registry in (q.failed_job_registry, q.finished_job_registry, q.scheduled_job_registry):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)


def test_without_redis_effects_run_inline(app, db, tmp_path):
    from bridge.core.effects import _runner

    assert not jobs.enabled() and _runner() is run_inline
    out = tmp_path / "out.txt"
    after_commit(append_line, str(out), "mail")
    db.session.commit()
    assert out.read_text() == "mail\n"


@needs_redis
@queued
def test_effect_enqueued_after_commit_only(app, db, job_queue, tmp_path):
    out = tmp_path / "out.txt"
    after_commit(append_line, str(out), "rolled back")
    db.session.rollback()
    db.session.commit()
    assert job_queue.count == 0
    after_commit(append_line, str(out), "committed")
    assert job_queue.count == 0
    db.session.commit()
    assert job_queue.count == 1 and not out.exists()
    job = job_queue.jobs[0]
    assert job.description == f"{__name__}.append_line" and job.args[1] == [str(out), "committed"]
    jobs.run_worker(burst=True)
    assert out.read_text() == "committed\n" and job_queue.count == 0


@needs_redis
@queued
def test_worker_retries_a_failing_job(app, db, job_queue, tmp_path):
    out = tmp_path / "tries.txt"
    after_commit(fail_until, str(out), 2)
    db.session.commit()
    jobs.run_worker(burst=True)
    assert out.read_text().splitlines() == ["try", "try", "try"]
    assert job_queue.failed_job_registry.count == 0


@needs_redis
@queued
def test_job_failing_every_retry_is_kept_and_can_be_requeued(app, db, job_queue, tmp_path, login_as, client):
    out = tmp_path / "tries.txt"
    after_commit(fail_until, str(out), 99)
    db.session.commit()
    jobs.run_worker(burst=True)
    assert len(out.read_text().splitlines()) == 3, "the first run and two retries"
    [failed] = jobs.failed_jobs()
    assert failed["name"] == f"{__name__}.fail_until" and "Moodle is down" in failed["error"]
    login_as("coordinator")
    page = client.get("/admin/jobs")
    assert page.status_code == 200 and b"fail_until" in page.data and b"Moodle is down" in page.data
    assert client.post(f"/admin/jobs/{failed['id']}/requeue").status_code == 302
    assert job_queue.count == 1 and jobs.failed_jobs() == []


@needs_redis
@queued
def test_redis_down_at_commit_runs_the_effect_inline(app, db, tmp_path):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    app.extensions.pop("qser_redis", None)
    out = tmp_path / "out.txt"
    after_commit(append_line, str(out), "not lost")
    db.session.commit()
    assert out.read_text() == "not lost\n"
