"""Coordinator notes on a tandem (match reasons, overrides, confirm and review comments), apart from its history."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import db, utcnow
from bridge.modules.people.models import Person


class CoordinatorNote(db.Model):
    """A note only coordinators see; transition_id links it to the state change it explains, if any."""

    __tablename__ = "coordinator_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    transition_id: Mapped[int | None] = mapped_column(ForeignKey("pair_transitions.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))  # match_reason | transition | override | manager_exception | procedures_waived
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Person | None] = relationship()
    transition = relationship("PairTransition")
