"""The tandem workspace: documents, session reports, messages, sent reminders and mentor candidates."""
import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import db, utcnow
from bridge.modules.people.models import Person


class SessionMode(str, enum.Enum):
    """How a meeting took place."""

    ONSITE = "onsite"
    ONLINE = "online"
    PHONE = "phone"


class Document(db.Model):
    """A file in a tandem's folder, stored under a random name outside the static files."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    original_name: Mapped[str] = mapped_column(String(200))
    storage_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    mimetype: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[Person | None] = relationship()
    pair = relationship("Pair")


class MentoringSession(db.Model):
    """A meeting report logged by one member; the other confirms it with a rating and a comment."""

    __tablename__ = "mentoring_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    held_on: Mapped[date] = mapped_column(Date)
    duration_minutes: Mapped[int]
    mode: Mapped[str] = mapped_column(String(10))
    competences: Mapped[list] = mapped_column(JSON, default=list)
    topics: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    author_rating: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime | None]
    partner_rating: Mapped[int | None]
    partner_comment: Mapped[str] = mapped_column(Text, default="")

    author: Mapped[Person | None] = relationship(foreign_keys=[author_id])
    confirmed_by: Mapped[Person | None] = relationship(foreign_keys=[confirmed_by_id])
    pair = relationship("Pair")


class Message(db.Model):
    """A private message in a tandem's thread."""

    __tablename__ = "pair_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Person | None] = relationship()


class ReminderLog(db.Model):
    """A reminder sent about a tandem, kept so that the same reminder is never sent twice.

    kind "sessions": a gap without sessions (audience "pair" or "coordinator", anchor_date = the gap's start);
    kind "evaluation": a due evaluation (audience = the member's role, subject = the form key,
    person_id = the member, anchor_date = the due date).
    """

    __tablename__ = "reminder_logs"
    __table_args__ = (UniqueConstraint("pair_id", "kind", "audience", "subject", "anchor_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    audience: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(40), default="")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    anchor_date: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class MentorCandidate(db.Model):
    """A former mentee offered to become a mentor after completing a tandem (closing the cycle)."""

    __tablename__ = "mentor_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id", ondelete="SET NULL"))
    offered_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None]

    person: Mapped[Person] = relationship()
