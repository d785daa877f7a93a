"""Questions, answers and tags.

Languages: every post has a `lang`. Posts written in the app have no `import_key` and are shown in
every interface language. Imported posts (`qser qa import`) exist once per language with the same
`import_key`; each interface language shows only its own version.
"""
import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import TimestampMixin, db


class TagKind(str, enum.Enum):
    """Where a tag comes from."""

    COMPETENCE = "competence"
    FREE = "free"


class Tag(db.Model):
    """A competence key or a free tag."""

    __tablename__ = "community_tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)  # competence key or lowercase free tag
    kind: Mapped[TagKind] = mapped_column(Enum(TagKind, native_enum=False, length=20,
                                               values_callable=lambda e: [m.value for m in e]))


class QuestionTag(db.Model):
    """A tag on a question."""

    __tablename__ = "community_question_tags"

    question_id: Mapped[int] = mapped_column(ForeignKey("community_questions.id", ondelete="CASCADE"),
                                             primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("community_tags.id", ondelete="CASCADE"), primary_key=True)


class Question(TimestampMixin, db.Model):
    """A question in the Q&A area."""

    __tablename__ = "community_questions"
    __table_args__ = (UniqueConstraint("import_key", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str] = mapped_column(String(5), default="en")
    import_key: Mapped[str | None] = mapped_column(String(80))
    accepted_answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("community_answers.id", ondelete="SET NULL", use_alter=True))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("community_questions.id", ondelete="SET NULL"))
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("community_workshops.id", ondelete="SET NULL"))
    hidden_at: Mapped[datetime | None]

    author = relationship("Person", foreign_keys=[author_id])
    tags: Mapped[list[Tag]] = relationship(secondary="community_question_tags", lazy="selectin",
                                           order_by=Tag.name)
    answers: Mapped[list["Answer"]] = relationship(back_populates="question", foreign_keys="Answer.question_id",
                                                   order_by="Answer.id")
    accepted_answer = relationship("Answer", foreign_keys=[accepted_answer_id], post_update=True)
    workshop = relationship("Workshop", foreign_keys=[workshop_id])


class Answer(TimestampMixin, db.Model):
    """An answer to a question."""

    __tablename__ = "community_answers"
    __table_args__ = (UniqueConstraint("import_key", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("community_questions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(5), default="en")
    import_key: Mapped[str | None] = mapped_column(String(80))
    hidden_at: Mapped[datetime | None]

    question: Mapped[Question] = relationship(back_populates="answers", foreign_keys=[question_id])
    author = relationship("Person", foreign_keys=[author_id])
