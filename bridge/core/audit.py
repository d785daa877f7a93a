"""The audit log: who did what to which object, when."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core import events
from bridge.core.db import db, utcnow


class AuditEvent(db.Model):
    """One recorded action."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(String(500), default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    actor = relationship("Person", foreign_keys=[actor_id])

    @property
    def sentence(self) -> str:
        """The event as a sentence in the reader's language (the catalogue in bridge/core/events.py)."""
        return events.render(self.action, {**(self.details or {}), "subject": self.summary})

    @property
    def object_label(self) -> str:
        """The kind of object in the reader's language."""
        return events.object_label(self.object_type)


def record(actor, action: str, obj=None, summary: str = "", **details) -> AuditEvent:
    """Add an audit event for an action on an object (flushed with the caller's session).

    action is a code of the event catalogue (bridge/core/events.py; add a new code there with its sentence);
    summary is the name or title the event is about (the sentence's %(subject)s) and details its other
    parameters (JSON values)."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(obj.id) if getattr(obj, "id", None) is not None else None,
        summary=summary[:500],
        details=details,
    )
    db.session.add(event)
    return event
