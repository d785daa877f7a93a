"""Database base class with a naming convention, common column helpers, and the connection pool's liveness check."""
import time
from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData, event, exc, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry
from sqlalchemy.types import TypeDecorator

from bridge.core.effects import Session

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Store UTC datetimes; always return them timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC datetimes")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    """Declarative base for every model."""

    registry = registry(metadata=MetaData(naming_convention=NAMING_CONVENTION),
                        type_annotation_map={datetime: UTCDateTime()})


db = SQLAlchemy(model_class=Base, session_options={"class_": Session})

IDLE_PING_SECONDS = 10.0


def ping_idle_connections(engine, idle_seconds: float = IDLE_PING_SECONDS) -> None:
    """Check a pooled connection before use only when it has been idle for idle_seconds or more.

    SQLAlchemy's pool_pre_ping checks every connection on every checkout: one more round trip to the database per
    request, about a millisecond of the workers' CPU under load (docs/operations.md). A connection in steady use is
    alive; one that lay idle may have been closed by a database restart, a firewall or an idle timeout, and is then
    replaced before the request sees it. A restart during traffic fails only the requests in flight: SQLAlchemy
    recognises the disconnect and discards the whole pool.
    """
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection, record) -> None:
        record.info["qser_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection, record, _proxy) -> None:
        since = record.info.get("qser_idle_since")
        if since is None or time.monotonic() - since < idle_seconds:
            return  # just connected, or in steady use
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise exc.DisconnectionError("the pooled connection is gone") from error  # the pool reconnects
            raise


class TimestampMixin:
    """Columns created_at and updated_at, maintained automatically."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def insert_or_skip(model, values: dict, conflict_columns: list[str]) -> bool:
    """Insert a row unless one with the same unique columns exists (even in parallel); return whether inserted."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = (dialect.insert(model).values(**values).on_conflict_do_nothing(index_elements=conflict_columns)
            .returning(model.id))
    return db.session.execute(stmt).scalar() is not None


def claim(model, object_id: int, condition, **values) -> bool:
    """Update one row only if condition still holds (compare-and-set); return whether this request won.

    Two parallel requests that both read the old state cannot both pass: the database re-checks the
    condition under the row lock, so the second one updates nothing and is told the work is already done.
    """
    stmt = (db.update(model).where(model.id == object_id, condition).values(**values)
            .execution_options(synchronize_session=False))
    return db.session.execute(stmt).rowcount == 1


def lock_rows(model, ids: list[int]) -> None:
    """Lock rows until the commit (PostgreSQL; SQLite serialises writers anyway), in id order against deadlocks."""
    db.session.execute(db.select(model.id).where(model.id.in_(sorted(ids))).order_by(model.id).with_for_update())


# The programme cycle that is current when a row is inserted (a tandem, a matching run, a workshop belongs to it).
# A SQL default, so that domains below `cycles` need not import it; NULL while no cycle is current.
CURRENT_CYCLE_ID = text("(SELECT cycles.id FROM cycles WHERE cycles.state = 'current')")
