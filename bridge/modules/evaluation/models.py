"""Evaluation forms (versioned definitions) and immutable responses with their answers."""
import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, event, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import db, utcnow
from bridge.modules.people.models import Person

ASPECTS = ("a", "b", "c", "d", "e", "f")


class FormType(str, enum.Enum):
    """What an evaluation form is for."""

    SESSION = "session"
    MIDTERM = "midterm"
    FINAL = "final"
    MUTUAL = "mutual"
    PROGRAMME = "programme"


class Audience(str, enum.Enum):
    """Who fills a form in."""

    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"
    COORDINATOR = "coordinator"


class EvaluationForm(db.Model):
    """One version of an evaluation form; items are a list of dicts (key, aspect, kind, required, texts)."""

    __tablename__ = "evaluation_forms"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int]
    type: Mapped[str] = mapped_column(String(20))
    audience: Mapped[str] = mapped_column(String(20))
    title_en: Mapped[str] = mapped_column(String(200))
    title_de: Mapped[str] = mapped_column(String(200))
    intro_en: Mapped[str] = mapped_column(Text, default="")
    intro_de: Mapped[str] = mapped_column(Text, default="")
    items: Mapped[list] = mapped_column(JSON, default=list)
    # Who sees a response besides the respondent and coordinators: members | mutual | coordinator | anonymous.
    visibility: Mapped[str] = mapped_column(String(20), default="members", server_default="members")
    source: Mapped[str] = mapped_column(Text, default="")  # the YAML text this version was made from
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Person | None] = relationship()

    def title(self, locale: str) -> str:
        """Return the title in the language (German or English)."""
        return self.title_de if locale == "de" and self.title_de else self.title_en

    def item(self, key: str) -> dict | None:
        """Return the item with this key."""
        return next((i for i in self.items if i["key"] == key), None)


class EvaluationResponse(db.Model):
    """A submitted response to one form version; never changed afterwards."""

    __tablename__ = "evaluation_responses"
    __table_args__ = (UniqueConstraint("form_key", "pair_id", "respondent_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("evaluation_forms.id", ondelete="RESTRICT"), index=True)
    form_key: Mapped[str] = mapped_column(String(40), index=True)
    form_version: Mapped[int]
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # A paper response a coordinator typed in on the respondent's behalf: marked, with who entered it.
    transcribed: Mapped[bool] = mapped_column(default=False, server_default=false())
    transcribed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    form: Mapped[EvaluationForm] = relationship()
    pair = relationship("Pair")
    respondent: Mapped[Person | None] = relationship(foreign_keys=[respondent_id])
    transcribed_by: Mapped[Person | None] = relationship(foreign_keys=[transcribed_by_id])
    answers: Mapped[list["EvaluationAnswer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="EvaluationAnswer.id")


class EvaluationAnswer(db.Model):
    """The answer to one item: a Likert value or a text (the aspect is copied for tidy exports)."""

    __tablename__ = "evaluation_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("evaluation_responses.id", ondelete="CASCADE"),
                                             index=True)
    item_key: Mapped[str] = mapped_column(String(40))
    aspect: Mapped[str] = mapped_column(String(1), index=True)
    value: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text, default="")

    response: Mapped[EvaluationResponse] = relationship(back_populates="answers")


class ImmutableError(RuntimeError):
    """A submitted response or answer was about to be changed."""


@event.listens_for(EvaluationResponse, "before_update")
@event.listens_for(EvaluationAnswer, "before_update")
def _refuse_update(_mapper, _connection, target):
    raise ImmutableError(f"{type(target).__name__} {target.id} is submitted and cannot be changed")
