"""One sync at a time: a PostgreSQL advisory lock (across machines) or a lock file (SQLite)."""
import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

# Arbitrary but fixed 64-bit key for pg_try_advisory_lock ("QSERSYNC").
ADVISORY_KEY = 0x5153455253594E43


class SyncAlreadyRunning(Exception):
    """Another sync run holds the lock."""

    def __init__(self, detail=""):
        super().__init__("another sync run is in progress" + (f" ({detail})" if detail else "")
                         + "; this one did not start")


@contextmanager
def sync_lock(engine, fallback_dir):
    """Hold the sync lock for the duration of the block, or raise SyncAlreadyRunning."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine):
            yield
    else:
        with _file_lock(lock_path(engine, fallback_dir)):
            yield


def lock_path(engine, fallback_dir):
    """Return the lock file: sync.lock next to the SQLite database (or in the instance folder)."""
    database = engine.url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        return Path(database).resolve().with_name("sync.lock")
    return Path(fallback_dir) / "sync.lock"


@contextmanager
def _advisory_lock(engine):
    """Take a session-level advisory lock on a dedicated connection (freed if the process dies)."""
    connection = engine.connect()
    try:
        got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"),
                                 {"key": ADVISORY_KEY}).scalar()
        connection.commit()
        if not got:
            raise SyncAlreadyRunning("PostgreSQL advisory lock is held")
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            connection.commit()
    finally:
        connection.close()


@contextmanager
def _file_lock(path):
    """Take an exclusive flock on path (freed by the kernel if the process dies)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SyncAlreadyRunning(f"lock file {path} is held") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()
