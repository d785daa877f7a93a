"""The job queue: outside effects become RQ jobs on Redis when QSER_REDIS_URL is set, else run inline.

Each effect is enqueued after the commit by its dotted function name and plain arguments; a worker
(`qser worker`) runs it inside the app context. A failing job is retried with backoff and then kept in
RQ's failed job registry (shown to coordinators on /admin/jobs) until someone requeues or deletes it.
"""
import importlib
import logging
from datetime import datetime

from flask import Flask, current_app

from bridge.core.effects import Effect, run_inline, set_runner

log = logging.getLogger(__name__)
FAILED_TTL = 365 * 24 * 3600  # failed jobs stay visible a year: never silently lost


def init_app(app: Flask) -> None:
    """Hand the app's effects to the queue when Redis is configured."""
    if app.config.get("REDIS_URL"):
        set_runner(app, enqueue_effect)


def enabled() -> bool:
    """Return whether effects go to the queue (Redis configured)."""
    return bool(current_app.config.get("REDIS_URL"))


def connection():
    """Return the Redis connection of the app (one per app)."""
    from redis import Redis

    conn = current_app.extensions.get("qser_redis")
    if conn is None:
        conn = Redis.from_url(current_app.config["REDIS_URL"], socket_timeout=5, socket_connect_timeout=2)
        current_app.extensions["qser_redis"] = conn
    return conn


def queue():
    """Return the app's RQ queue."""
    from rq import Queue

    return Queue(current_app.config["JOB_QUEUE"], connection=connection())


def enqueue_effect(effect: Effect) -> None:
    """Enqueue an effect as a job; if Redis cannot take it, run it inline rather than lose it."""
    from redis.exceptions import RedisError
    from rq import Retry

    intervals = list(current_app.config["JOB_RETRY_INTERVALS"])
    try:
        queue().enqueue(perform, effect.name, list(effect.args), dict(effect.kwargs),
                        retry=Retry(max=len(intervals), interval=intervals), failure_ttl=FAILED_TTL,
                        description=effect.name)
    except RedisError:
        log.exception("Could not enqueue %s; running it inline", effect.name)
        run_inline(effect)


def resolve(name: str):
    """Return the function a dotted name refers to (module path, then attribute path)."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(f"No function named {name}")


def perform(name: str, args: list, kwargs: dict) -> None:
    """Run one queued effect in the worker's app context (raising, so RQ retries it)."""
    from bridge.core.db import db

    try:
        resolve(name)(*args, **kwargs)
        db.session.commit()
    finally:
        db.session.remove()


def run_worker(burst: bool = False) -> bool:
    """Run a worker on the app's queue in this process; with burst, stop when the queue is empty."""
    from rq import SimpleWorker

    worker = SimpleWorker([queue()], connection=connection())
    return worker.work(burst=burst, with_scheduler=True)


def failed_jobs(limit: int = 100) -> list[dict]:
    """Return the failed jobs (newest first) with their function, arguments and last error line."""
    from rq.job import Job

    ids = queue().failed_job_registry.get_job_ids()[-limit:][::-1]
    jobs = [job for job in Job.fetch_many(ids, connection=connection()) if job is not None]
    return [{"id": job.id, "name": job.description, "args": job.args[1:] if job.args else (),
             "failed_at": job.ended_at or datetime.min, "error": _error(job)} for job in jobs]


def _error(job) -> str:
    result = job.latest_result()
    lines = [line for line in ((result and result.exc_string) or "").strip().splitlines() if line.strip()]
    return lines[-1][:500] if lines else ""


def requeue(job_id: str) -> bool:
    """Put a failed job back on the queue; return False if there is no such failed job."""
    from rq.exceptions import InvalidJobOperationError, NoSuchJobError

    try:
        queue().failed_job_registry.requeue(job_id)
    except (NoSuchJobError, InvalidJobOperationError):
        return False
    return True


def status() -> dict:
    """Return the queue's state for /health: reachable, queued and failed counts."""
    q = queue()
    connection().ping()
    return {"queued": q.count, "failed": q.failed_job_registry.count}
