"""Pooled connections are checked before use only after lying idle, and replaced when the database dropped them."""
import pytest
import sqlalchemy as sa

from bridge.core import db as core_db
from bridge.core.db import ping_idle_connections
from tests.conftest import PG_URL, _pg_url

needs_pg = pytest.mark.skipif(not PG_URL, reason="needs QSER_TEST_DATABASE_URL (PostgreSQL)")


def _counting_pings(engine, monkeypatch) -> list:
    pings = []
    real = engine.dialect.do_ping

    def do_ping(dbapi_connection):
        pings.append(dbapi_connection)
        return real(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", do_ping)
    return pings


def _use(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT 1")).scalar_one()


def test_a_connection_in_steady_use_is_not_pinged(tmp_path, monkeypatch):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}", pool_size=1, max_overflow=0)
    ping_idle_connections(engine, idle_seconds=3600)
    pings = _counting_pings(engine, monkeypatch)
    for _ in range(5):
        assert _use(engine) == 1
    assert pings == []
    engine.dispose()


def test_a_connection_that_lay_idle_is_pinged_before_use(tmp_path, monkeypatch):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}", pool_size=1, max_overflow=0)
    ping_idle_connections(engine, idle_seconds=0)
    pings = _counting_pings(engine, monkeypatch)
    for _ in range(5):
        assert _use(engine) == 1
    assert len(pings) == 4  # every checkout but the first, which opened the connection
    engine.dispose()


def test_the_app_pings_only_after_ten_idle_seconds(app, monkeypatch):
    from bridge.extensions import db

    assert not app.config["SQLALCHEMY_ENGINE_OPTIONS"].get("pool_pre_ping")  # no round trip per request
    with app.app_context():
        engine = db.engine
        pings = _counting_pings(engine, monkeypatch)
        _use(engine)
        _use(engine)
        assert pings == []
        now = core_db.time.monotonic()
        monkeypatch.setattr(core_db.time, "monotonic", lambda: now + core_db.IDLE_PING_SECONDS + 1)
        _use(engine)
        assert len(pings) == 1


def _backend_pid(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()


def _terminate(pid: int) -> None:
    admin = sa.create_engine(_pg_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()


@needs_pg
def test_an_idle_connection_the_database_dropped_is_replaced_unseen():
    engine = sa.create_engine(_pg_url(PG_URL), pool_size=1, max_overflow=0)
    ping_idle_connections(engine, idle_seconds=0)
    first = _backend_pid(engine)
    _terminate(first)  # a database restart or an idle timeout while the connection lay in the pool
    second = _backend_pid(engine)  # no error: the ping found it gone and the pool connected anew
    assert second != first
    engine.dispose()


@needs_pg
def test_a_connection_dropped_during_steady_use_fails_once_then_the_pool_reconnects():
    engine = sa.create_engine(_pg_url(PG_URL), pool_size=1, max_overflow=0)
    ping_idle_connections(engine, idle_seconds=3600)
    first = _backend_pid(engine)
    _terminate(first)
    with pytest.raises(sa.exc.OperationalError):
        _backend_pid(engine)  # the request in flight at the restart fails (the price of not pinging every time)
    assert _backend_pid(engine) != first  # the disconnect discarded the pool; the next request gets a new one
    engine.dispose()
