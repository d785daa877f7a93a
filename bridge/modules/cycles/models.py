"""A programme cycle, the mentor candidates carried into it, and the complaint figures coordinators enter."""
import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import db, utcnow
from bridge.modules.people.models import Person


class CycleState(str, enum.Enum):
    """planned → current → closed; exactly one cycle is current at a time (or none before the first)."""

    PLANNED = "planned"
    CURRENT = "current"
    CLOSED = "closed"


CURRENT_CONDITION = "state = 'current'"


class Cycle(db.Model):
    """One round of the programme: matching runs, tandems and workshops belong to it; closing it stores its report."""

    __tablename__ = "cycles"
    __table_args__ = (  # at most one current cycle, also under parallel requests
        Index("uq_cycles_one_current", "state", unique=True,
              sqlite_where=text(CURRENT_CONDITION), postgresql_where=text(CURRENT_CONDITION)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default=CycleState.PLANNED.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    report: Mapped[dict | None] = mapped_column(JSON)  # the aggregated report, stored when the cycle closes

    closed_by: Mapped[Person | None] = relationship()
    candidates: Mapped[list["CycleCandidate"]] = relationship(
        back_populates="cycle", cascade="all, delete-orphan", order_by="CycleCandidate.id",
        foreign_keys="CycleCandidate.cycle_id")

    @property
    def is_current(self) -> bool:
        return self.state == CycleState.CURRENT.value

    @property
    def is_closed(self) -> bool:
        return self.state == CycleState.CLOSED.value


class CandidateReason(str, enum.Enum):
    """Why a person is a mentor candidate of a cycle."""

    ELIGIBLE_MENTOR = "eligible_mentor"  # a mentor who was eligible when the previous cycle closed
    FORMER_MENTEE = "former_mentee"  # completed a tandem as mentee in the previous cycle and is now eligible


class CycleCandidate(db.Model):
    """A mentor candidate carried into a cycle when the previous one closed."""

    __tablename__ = "cycle_candidates"
    __table_args__ = (UniqueConstraint("cycle_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20))
    from_cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id", ondelete="SET NULL"))

    cycle: Mapped[Cycle] = relationship(back_populates="candidates", foreign_keys=[cycle_id])
    person: Mapped[Person] = relationship()


class ComplaintFigure(db.Model):
    """The number of complaints or incidents in a period (and department), entered by a coordinator."""

    __tablename__ = "complaint_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    department: Mapped[str | None] = mapped_column(String(120))  # None: the whole organisation
    count: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    entered_by: Mapped[Person | None] = relationship()
