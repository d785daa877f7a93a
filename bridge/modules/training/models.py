"""Training records: each person's progress in each OER module (filled by the Moodle sync)."""
import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import db, utcnow
from bridge.core.vocabulary import module_ids
from bridge.modules.people.models import Person


class TrainingStatus(str, enum.Enum):
    """Where a learner stands in one module."""

    NOT_ATTEMPTED = "not_attempted"
    INCOMPLETE = "incomplete"
    COMPLETED = "completed"
    PASSED = "passed"
    FAILED = "failed"


DONE_STATUSES = {TrainingStatus.COMPLETED.value, TrainingStatus.PASSED.value}
# The OER modules a mentor completes before matching (ids of oer/*/module.yaml).
OER_MODULES = module_ids()


class TrainingRecord(db.Model):
    """A person's status, score and completion date in one OER module."""

    __tablename__ = "training_records"
    __table_args__ = (UniqueConstraint("person_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20), default=TrainingStatus.NOT_ATTEMPTED.value)
    score: Mapped[float | None]
    completed_at: Mapped[datetime | None]
    source: Mapped[str] = mapped_column(String(20), default="moodle")
    last_seen_at: Mapped[datetime | None]
    # The completion Moodle last reported before it went back to "not complete" (e.g. a reset).
    previous_status: Mapped[str | None] = mapped_column(String(20))
    previous_score: Mapped[float | None]
    previous_completed_at: Mapped[datetime | None]
    # The module's Moodle quiz (QSER_MOODLE_QUIZZES), where an organisation gates with it:
    # passed or failed against the quiz's grade to pass, the best grade in percent, when read, and when the sync first
    # read it passed (kept while it stays passed; none once it is not).
    quiz_status: Mapped[str | None] = mapped_column(String(20))
    quiz_score: Mapped[float | None]
    quiz_read_at: Mapped[datetime | None]
    quiz_passed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    person: Mapped[Person] = relationship()

    @property
    def is_done(self) -> bool:
        """Tell whether the SCORM activity is completed or passed."""
        return self.status in DONE_STATUSES

    @property
    def quiz_passed(self) -> bool:
        """Tell whether the module's Moodle quiz was passed."""
        return self.quiz_status == TrainingStatus.PASSED.value


class TrainingExemption(db.Model):
    """A coordinator's decision that a person need not complete the OER modules, with the reason."""

    __tablename__ = "training_exemptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    created_by: Mapped[Person | None] = relationship(foreign_keys=[created_by_id])
