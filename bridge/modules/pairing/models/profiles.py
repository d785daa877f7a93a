"""Mentoring profiles of mentees and mentors, mentors' declared conflicts, and the procedure checklist."""
import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import TimestampMixin, db, utcnow
from bridge.modules.people.models import Person

# Half-day time slots, Monday to Friday, and meeting modes (the engine's vocabulary).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
SLOTS = tuple(f"{day}-{part}" for day in WEEKDAYS for part in ("am", "pm"))
MODES = ("online", "onsite")


class MenteeProfile(TimestampMixin, db.Model):
    """What a mentee wants from the mentoring: goals, competences with priority 1-3, logistics."""

    __tablename__ = "mentee_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    goals: Mapped[str] = mapped_column(Text, default="")
    competences: Mapped[dict] = mapped_column(JSON, default=dict)  # {competence key: priority 1-3}
    preferred_language: Mapped[str | None] = mapped_column(String(10))
    availability: Mapped[list] = mapped_column(JSON, default=list)  # ["mon-am", ...]
    modes: Mapped[list] = mapped_column(JSON, default=list)  # ["online", "onsite"]
    preferred_traits: Mapped[str] = mapped_column(Text, default="")
    line_manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    line_manager: Mapped[Person | None] = relationship(foreign_keys=[line_manager_id])


class MentorProfile(TimestampMixin, db.Model):
    """What a mentor offers: competence levels 1-4, experience, know-how, willingness, capacity."""

    __tablename__ = "mentor_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    competences: Mapped[dict] = mapped_column(JSON, default=dict)  # {competence key: level 1-4}
    experience_years: Mapped[int] = mapped_column(default=0)
    work_areas: Mapped[str] = mapped_column(Text, default="")  # areas of work with migrants
    know_how: Mapped[str] = mapped_column(Text, default="")
    willingness_statement: Mapped[str] = mapped_column(Text, default="")
    willingness_scale: Mapped[int | None]  # 1-5
    availability: Mapped[list] = mapped_column(JSON, default=list)
    modes: Mapped[list] = mapped_column(JSON, default=list)
    capacity: Mapped[int] = mapped_column(default=1)
    line_manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    line_manager: Mapped[Person | None] = relationship(foreign_keys=[line_manager_id])
    conflicts: Mapped[list["MentorConflict"]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", lazy="selectin")

    @property
    def conflict_ids(self) -> list[int]:
        return sorted(c.person_id for c in self.conflicts)


class MentorConflict(db.Model):
    """A person the mentor declared they must not be paired with (conflict of interest)."""

    __tablename__ = "mentor_conflicts"

    profile_id: Mapped[int] = mapped_column(ForeignKey("mentor_profiles.id", ondelete="CASCADE"),
                                            primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)

    profile: Mapped[MentorProfile] = relationship(back_populates="conflicts")
    person: Mapped[Person] = relationship()


class ProcedureCategory(str, enum.Enum):
    """The kinds of internal procedure checked before matching."""

    LEGAL = "legal"
    PROCEDURAL = "procedural"
    DEPARTMENTAL = "departmental"


class ProcedureItem(db.Model):
    """One internal procedure the coordinator checks before matching runs."""

    __tablename__ = "procedure_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20), default=ProcedureCategory.PROCEDURAL.value)
    note: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    done_by: Mapped[Person | None] = relationship()

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
