"""The health report behind GET /health: database, migrations and (when configured) the job queue."""
import logging

from flask import current_app

from bridge.core.db import db

log = logging.getLogger(__name__)


def head_revisions() -> list[str]:
    """Return the head revision(s) of the migrations shipped with the code."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bridge import MIGRATIONS_DIR

    heads = current_app.extensions.get("qser_migration_heads")
    if heads is None:
        config = Config()
        config.set_main_option("script_location", MIGRATIONS_DIR)
        heads = sorted(ScriptDirectory.from_config(config).get_heads())
        current_app.extensions["qser_migration_heads"] = heads
    return heads


def current_revisions() -> list[str]:
    """Return the revision(s) the database is at (empty when never migrated)."""
    if not db.inspect(db.engine).has_table("alembic_version"):
        return []
    return sorted(db.session.execute(db.text("SELECT version_num FROM alembic_version")).scalars())


def _check(name: str, probe) -> dict:
    try:
        return {"ok": True, **(probe() or {})}
    except Exception as exc:  # a health check reports every failure instead of raising
        log.warning("Health check %s failed: %s", name, exc)
        db.session.rollback()
        return {"ok": False, "error": type(exc).__name__}


def _database() -> None:
    db.session.execute(db.text("SELECT 1"))


def _migrations() -> dict:
    current, head = current_revisions(), head_revisions()
    return {"ok": current == head, "current": current, "head": head}


def report() -> tuple[dict, int]:
    """Return the health report and its HTTP status (200 when every check passes, else 503)."""
    from bridge.core import jobs

    checks = {"database": _check("database", _database), "migrations": _check("migrations", _migrations)}
    if jobs.enabled():
        checks["queue"] = _check("queue", jobs.status)
    ok = all(check["ok"] for check in checks.values())
    return {"status": "ok" if ok else "error", "checks": checks}, 200 if ok else 503
