"""Good practices and case studies, their reviews and their reuse."""
import enum

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import TimestampMixin, db

TEMPLATE_FIELDS = ("context", "challenge", "approach", "tools_used", "outcome", "evidence", "transferability")


class PracticeState(str, enum.Enum):
    """Where a good practice stands: draft → submitted → published → reused."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    REUSED = "reused"


class GoodPractice(TimestampMixin, db.Model):
    """A good practice or case study written from the template."""

    __tablename__ = "community_good_practices"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("community_workshops.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20), default="practice")  # practice | case_study
    title: Mapped[str] = mapped_column(String(200))
    context: Mapped[str] = mapped_column(Text, default="")
    challenge: Mapped[str] = mapped_column(Text, default="")
    approach: Mapped[str] = mapped_column(Text, default="")
    tools_used: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    transferability: Mapped[str] = mapped_column(Text, default="")
    department: Mapped[str | None] = mapped_column(String(120))
    competences: Mapped[list] = mapped_column(JSON, default=list)
    state: Mapped[PracticeState] = mapped_column(
        Enum(PracticeState, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=PracticeState.DRAFT)

    author = relationship("Person", foreign_keys=[author_id])
    workshop = relationship("Workshop", foreign_keys=[workshop_id])
    reviews: Mapped[list["GoodPracticeReview"]] = relationship(back_populates="practice",
                                                               order_by="GoodPracticeReview.id",
                                                               cascade="all, delete-orphan")
    reuses: Mapped[list["GoodPracticeReuse"]] = relationship(back_populates="practice",
                                                             order_by="GoodPracticeReuse.id",
                                                             cascade="all, delete-orphan")

    @property
    def is_public(self) -> bool:
        return self.state in (PracticeState.PUBLISHED, PracticeState.REUSED)


class GoodPracticeReview(TimestampMixin, db.Model):
    """A coordinator's decision on a submitted practice, with a comment."""

    __tablename__ = "community_good_practice_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("community_good_practices.id", ondelete="CASCADE"),
                                             index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    decision: Mapped[str] = mapped_column(String(20))  # published | returned
    comment: Mapped[str] = mapped_column(Text, default="")

    practice: Mapped[GoodPractice] = relationship(back_populates="reviews")
    reviewer = relationship("Person")


class GoodPracticeReuse(TimestampMixin, db.Model):
    """Someone applied a published practice, with a short note."""

    __tablename__ = "community_good_practice_reuses"
    __table_args__ = (UniqueConstraint("practice_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("community_good_practices.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(Text)

    practice: Mapped[GoodPractice] = relationship(back_populates="reuses")
    person = relationship("Person")
