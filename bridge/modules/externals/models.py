"""Applications of external professionals, and the organisation's versioned application template."""
import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import TimestampMixin, db, utcnow
from bridge.modules.people.models import Person


class ApplicationState(str, enum.Enum):
    """Where an application stands."""

    SUBMITTED = "submitted"
    INFO_REQUESTED = "info_requested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    ANONYMISED = "anonymised"


OPEN_STATES = frozenset({ApplicationState.SUBMITTED.value, ApplicationState.INFO_REQUESTED.value})
OPEN_APPLICATION_CONDITION = "state IN ('submitted', 'info_requested')"


class QuestionKind(str, enum.Enum):
    """The kinds of question a coordinator can add to the application template."""

    TEXT = "text"
    CHOICE = "choice"
    YESNO = "yesno"


class ApplicationTemplate(db.Model):
    """One version of the organisation's application template (a new version on every change)."""

    __tablename__ = "application_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    questions: Mapped[list["ApplicationQuestion"]] = relationship(
        back_populates="template", cascade="all, delete-orphan", order_by="ApplicationQuestion.position",
        lazy="selectin")


class ApplicationQuestion(db.Model):
    """A question of one template version: free text, a choice, or yes/no."""

    __tablename__ = "application_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("application_templates.id", ondelete="CASCADE"),
                                             index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(10), default=QuestionKind.TEXT.value)
    label: Mapped[str] = mapped_column(String(300))
    options: Mapped[list] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=False)

    template: Mapped[ApplicationTemplate] = relationship(back_populates="questions")


class ExternalApplication(TimestampMixin, db.Model):
    """A professional's application to mentor as an external, with consent, CV and review."""

    __tablename__ = "external_applications"
    __table_args__ = (  # one open application per address, also under parallel requests
        Index("uq_external_applications_open_email", "email", unique=True,
              sqlite_where=text(OPEN_APPLICATION_CONDITION), postgresql_where=text(OPEN_APPLICATION_CONDITION)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(20), default=ApplicationState.SUBMITTED.value, index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), index=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    languages: Mapped[list] = mapped_column(JSON, default=list)
    profile: Mapped[dict] = mapped_column(JSON, default=dict)  # the mentor-profile fields
    answers: Mapped[list] = mapped_column(JSON, default=list)  # [{"question", "kind", "answer"}]
    template_version: Mapped[int | None]
    locale: Mapped[str] = mapped_column(String(5), default="en")
    consent_at: Mapped[datetime]
    consent_text_version: Mapped[str] = mapped_column(String(20))
    cv_storage_name: Mapped[str | None] = mapped_column(String(80))
    cv_size: Mapped[int | None]
    cv_sha256: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    reject_reason: Mapped[str] = mapped_column(Text, default="")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    anonymised_at: Mapped[datetime | None]

    decided_by: Mapped[Person | None] = relationship(foreign_keys=[decided_by_id])
    person: Mapped[Person | None] = relationship(foreign_keys=[person_id])
    comments: Mapped[list["ApplicationComment"]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationComment.id")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class ApplicationComment(db.Model):
    """A coordinator's note on an application, or a request for more information sent by mail."""

    __tablename__ = "application_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("external_applications.id", ondelete="CASCADE"),
                                                index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20), default="comment")  # comment | info_request
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[ExternalApplication] = relationship(back_populates="comments")
    author: Mapped[Person | None] = relationship()


class TandemAdviser(db.Model):
    """An external professional who advises a tandem; they join the tandem's Moodle group and discussion."""

    __tablename__ = "tandem_advisers"

    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    pair = relationship("Pair")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    added_by: Mapped[Person | None] = relationship(foreign_keys=[added_by_id])
