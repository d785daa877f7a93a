"""The sync's own records: one SyncRun row per execution of a sync job."""
import enum
from datetime import datetime

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bridge.core.db import db, utcnow


class SyncStatus(str, enum.Enum):
    """The outcome of a sync run."""

    RUNNING = "running"
    SUCCEEDED = "succeeded"
    PARTIAL = "partial"
    FAILED = "failed"


class SyncRun(db.Model):
    """One execution of a Moodle sync job."""

    __tablename__ = "sync_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    status: Mapped[str] = mapped_column(String(20), default=SyncStatus.RUNNING.value, index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    dry_run: Mapped[bool] = mapped_column(default=False)
    full: Mapped[bool] = mapped_column(default=False)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    errors: Mapped[list] = mapped_column(JSON, default=list)
    watermark: Mapped[int | None]
    message: Mapped[str | None] = mapped_column(Text)
    triggered_by: Mapped[str | None] = mapped_column(String(120))
    # The OER activities the run read: [{module, cmid, status}], status one of
    # configured, found, ambiguous, missing.
    activities: Mapped[list | None] = mapped_column(JSON)
