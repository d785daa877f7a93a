"""Figures over the whole programme (the coordinator's to-do counts, the dashboard) kept for a short while.

A figure is kept under its key and the programme's *write generation*: every commit that wrote something other than
account bookkeeping moves the generation on (after the commit), so the next reader computes the figure afresh and
a coordinator sees the count change as soon as they (or anyone) changed the data. A figure also expires after
QSER_FIGURE_CACHE_SECONDS (60; 0, i.e. no keeping, in tests unless set), which covers the date moving on and
writes the generation cannot see (SQL typed into psql).

With Redis configured (QSER_REDIS_URL) the figures and the generation live there, shared by every worker and web
machine: one worker computes an expired figure while the others answer with the previous one, and when there is
no figure for the current generation (a cold start, the first reads after a write) the others wait for the one
computing it instead of all computing it at once. Without Redis each process keeps its own (the embedded default
runs one process). If Redis fails, the figure is computed and the failure logged: the page still answers.

per_transaction() keeps reference data a page reads several times (the evaluation forms) for one transaction.
"""
import logging
import pickle
import threading
import time
from collections.abc import Callable

from flask import current_app
from sqlalchemy import event

log = logging.getLogger(__name__)
WROTE = "qser_wrote_programme_data"
# Tables whose writes do not change any kept figure: logins, sessions and the job bookkeeping of exports.
IGNORED_TABLES = frozenset({"accounts", "lti_login_states", "export_files"})
PREFIX = "qser:figures:"
LOCK_SECONDS = 30  # the longest a figure may take to compute before another worker computes it too

_local: dict = {}
_local_generation = [0]
_lock = threading.Lock()


def seconds() -> int:
    """Return how long a figure is kept (0: computed on every call)."""
    value = current_app.config.get("FIGURE_CACHE_SECONDS")
    if value is None:
        return 0 if current_app.testing else 60
    return int(value)


def _redis():
    if not current_app.config.get("REDIS_URL"):
        return None
    from bridge.core.jobs import connection

    return connection()


def _namespace() -> str:
    from bridge.core.db import db

    return PREFIX + db.engine.url.render_as_string(hide_password=True) + ":"


def generation() -> int:
    """Return the programme's write generation."""
    redis = _redis()
    if redis is None:
        return _local_generation[0]
    return int(redis.get(_namespace() + "generation") or 0)


def bump() -> None:
    """Move the write generation on: every kept figure is computed afresh by its next reader."""
    with _lock:
        _local_generation[0] += 1
        _local.clear()
    try:
        redis = _redis()
        if redis is not None:
            redis.incr(_namespace() + "generation")
    except Exception:  # a cache must never fail a committed change
        log.exception("Could not move the figure cache's generation on")


def remember(key: tuple, compute: Callable):
    """Return compute(), kept under the key for the current write generation (see the module's text)."""
    keep = seconds()
    if not keep:
        return compute()
    try:
        redis = _redis()
        if redis is not None:
            return _remember_shared(redis, key, compute, keep)
    except Exception:
        log.exception("Figure cache unavailable; computing %s", key[0] if key else "")
        return compute()
    return _remember_local(key, compute, keep)


def _remember_local(key: tuple, compute: Callable, keep: int):
    full = (_namespace(), _local_generation[0], *key)
    now = time.monotonic()
    with _lock:
        hit = _local.get(full)
    if hit and now - hit[0] < keep:
        return hit[1]
    value = compute()
    with _lock:
        if len(_local) > 256:  # keys are few (filters, languages); never let odd ones grow the process
            _local.clear()
        _local[full] = (now, value)
    return value


def _remember_shared(redis, key: tuple, compute: Callable, keep: int):
    namespace = _namespace()
    name = namespace + repr(key)
    lock = name + ":computing"
    stored_generation, stored = redis.mget(namespace + "generation", name)
    current = int(stored_generation or 0)
    previous = pickle.loads(stored) if stored is not None else None
    if previous is not None and previous[1] == current:
        made_at, _made_in, value = previous
        if time.time() - made_at < keep:
            return value
        # Only expired (nothing was written since): one worker recomputes while the others answer with the previous
        # figure meanwhile.
        if not redis.set(lock, 1, nx=True, ex=LOCK_SECONDS):
            return value
        return _compute_holding(redis, name, lock, current, compute, keep)
    if redis.set(lock, 1, nx=True, ex=LOCK_SECONDS):
        return _compute_holding(redis, name, lock, current, compute, keep)
    # No figure for this generation yet (a cold start, or the first reads after a write): wait for the worker that
    # computes it rather than compute it in every worker at once; compute here if it takes too long.
    deadline = time.monotonic() + LOCK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        stored = redis.get(name)
        if stored is not None and (found := pickle.loads(stored))[1] == current:
            return found[2]
        if not redis.exists(lock):
            break
    value = compute()
    redis.set(name, pickle.dumps((time.time(), current, value)), ex=keep * 2)
    return value


def _compute_holding(redis, name: str, lock: str, current: int, compute: Callable, keep: int):
    """Compute the figure while holding its lock; store it for the generation it was computed in."""
    try:
        value = compute()
        redis.set(name, pickle.dumps((time.time(), current, value)), ex=keep * 2)
    finally:
        redis.delete(lock)
    return value


MEMO = "qser_transaction_memo"


def per_transaction(key, compute: Callable):
    """Return compute(), computed once per database transaction: reference data a page reads several times (the
    evaluation forms for each tandem). Any write, commit or rollback forgets it."""
    from bridge.core.db import db

    memo = db.session().info.setdefault(MEMO, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget_transaction(session) -> None:
    """Forget what per_transaction kept for the session's transaction."""
    session.info.pop(MEMO, None)


def _mark_writes(session, _flush_context) -> None:
    """After a flush: note that the transaction wrote programme data (not only account bookkeeping)."""
    if session.new or session.dirty or session.deleted:
        forget_transaction(session)
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(getattr(obj, "__table__", None), "name", None)
        if table not in IGNORED_TABLES:
            session.info[WROTE] = True
            return


def _mark_statements(state) -> None:
    """An UPDATE, DELETE or INSERT statement (bulk operations, SQL text) counts as a write."""
    if not state.is_select:
        forget_transaction(state.session)
        table = getattr(getattr(state, "bind_mapper", None), "local_table", None)
        if getattr(table, "name", None) not in IGNORED_TABLES:
            state.session.info[WROTE] = True


def install(session_class) -> None:
    """Listen to the app's session class for writes (called once, where the session class is defined)."""
    event.listen(session_class, "after_flush", _mark_writes)
    event.listen(session_class, "do_orm_execute", _mark_statements)
