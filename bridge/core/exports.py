"""Exports built as jobs: requested in a request, written by the queue after the commit, downloaded when ready.

A domain registers a builder for a kind (`@exporter("evaluations.xlsx")`: params -> bytes). Requesting an
export stores a row (queued) and, after the commit, runs `build_export(id)` as a job (inline without
Redis). The job marks the row running, writes the file to the file storage (bridge.core.storage) and marks
it ready, or failed with the error line (RQ retries it; a retry of a finished export does nothing). Only the
person who asked for an export sees and downloads it; files are removed after EXPORT_KEEP_DAYS.
"""
import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from bridge.core.db import claim, db, utcnow
from bridge.core.effects import after_commit
from bridge.core.errors import N_, ValidationFailed
from bridge.core.permissions import policy
from bridge.core.storage import storage

log = logging.getLogger(__name__)
EXPORTERS: dict[str, tuple[Callable[[dict], bytes], str]] = {}
KEEP_DAYS = 7


class ExportState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"


STATE_LABELS = {ExportState.QUEUED: N_("waiting"), ExportState.RUNNING: N_("being prepared"),
                ExportState.READY: N_("ready"), ExportState.FAILED: N_("could not be prepared")}


class ExportFile(db.Model):
    """One requested export and, once built, its file in the storage."""

    __tablename__ = "export_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    filename: Mapped[str] = mapped_column(String(200))
    mimetype: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(20), default=ExportState.QUEUED.value)
    storage_name: Mapped[str | None] = mapped_column(String(200))
    size: Mapped[int | None]
    error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]

    @property
    def ready(self) -> bool:
        return self.state == ExportState.READY.value

    @property
    def pending(self) -> bool:
        return self.state in (ExportState.QUEUED.value, ExportState.RUNNING.value)


@policy(ExportFile)
def export_policy(person, action: str, export) -> bool:
    """An export holds data chosen by and for the person who asked for it: only they see and download it."""
    return action in ("view", "download") and person is not None and export.requested_by_id == person.id


def exporter(kind: str, mimetype: str):
    """Register fn(params) -> bytes as the builder of a kind of export."""
    def register(fn):
        EXPORTERS[kind] = (fn, mimetype)
        return fn
    return register


def request_export(person, kind: str, params: dict, filename: str, locale: str) -> ExportFile:
    """Record an export for the person and build it after the commit (an operation: flushes only).

    Exports older than KEEP_DAYS (everyone's) are deleted on the way, so no schedule is needed for them.
    """
    if kind not in EXPORTERS:
        raise ValidationFailed(N_("There is no export of this kind."))
    purge_exports()
    export = ExportFile(requested_by_id=person.id, kind=kind, params={**params, "locale": locale},
                        filename=filename[:200], mimetype=EXPORTERS[kind][1])
    db.session.add(export)
    db.session.flush()
    after_commit(build_export, export.id)
    return export


def build_export(export_id: int) -> None:
    """Build one export (a job): mark it running, write its file, mark it ready; failed with the error otherwise."""
    startable = ExportFile.state.in_((ExportState.QUEUED.value, ExportState.FAILED.value))
    if not claim(ExportFile, export_id, startable, state=ExportState.RUNNING.value, error=""):
        db.session.rollback()
        return  # built already, being built by another worker, or deleted
    db.session.commit()
    export = db.session.get(ExportFile, export_id)
    name = f"exports/{secrets.token_hex(16)}"
    try:
        builder, _mimetype = EXPORTERS[export.kind]
        params = dict(export.params)
        with force_locale(params.pop("locale", None) or current_app.config.get("BABEL_DEFAULT_LOCALE", "en")):
            data = builder(params)
        storage().put(name, data)
    except Exception as exc:
        db.session.rollback()
        db.session.execute(db.update(ExportFile).where(ExportFile.id == export_id).values(
            state=ExportState.FAILED.value, error=f"{type(exc).__name__}: {exc}"[:500], finished_at=utcnow()))
        db.session.commit()
        raise
    export.state, export.storage_name, export.size = ExportState.READY.value, name, len(data)
    export.finished_at = utcnow()
    db.session.commit()


def remove_file(storage_name: str) -> None:
    """Delete an export's file from the storage (an after-commit effect)."""
    storage().delete(storage_name)


def exports_of(person, limit: int = 20) -> list[ExportFile]:
    """Return the person's recent exports, newest first."""
    return db.session.scalars(db.select(ExportFile).where(ExportFile.requested_by_id == person.id)
                              .order_by(ExportFile.created_at.desc(), ExportFile.id.desc()).limit(limit)).all()


def purge_exports(now: datetime | None = None, days: int = KEEP_DAYS) -> int:
    """Delete exports (rows and files) older than `days`; return how many (the caller commits)."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    old = db.session.scalars(db.select(ExportFile).where(ExportFile.created_at < cutoff)).all()
    for export in old:
        if export.storage_name:
            after_commit(remove_file, export.storage_name)
        db.session.delete(export)
    db.session.flush()
    return len(old)
