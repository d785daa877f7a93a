"""A job-shadowing activity: who shadows whom, when, on what, and the trainer's checklist."""
from datetime import date

from sqlalchemy import JSON, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import TimestampMixin, db
from bridge.modules.people.models import Person


class JobShadowingActivity(TimestampMixin, db.Model):
    """A shadower (trainer or trained colleague) observing a host at work, with the outcome."""

    __tablename__ = "job_shadowing_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    shadower_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    host_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    focus_competences: Mapped[list] = mapped_column(JSON, default=list)
    observations: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    checklist: Mapped[dict] = mapped_column(JSON, default=dict)  # {item key: True}
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    shadower: Mapped[Person] = relationship(foreign_keys=[shadower_id])
    host: Mapped[Person] = relationship(foreign_keys=[host_id])
    created_by: Mapped[Person | None] = relationship(foreign_keys=[created_by_id])

    def involves(self, person) -> bool:
        """Return whether the person is the shadower or the host."""
        return person is not None and person.id in (self.shadower_id, self.host_id)
