"""Workshops with external advisers, their participants, and the scenario library."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import CURRENT_CYCLE_ID, TimestampMixin, db


class Workshop(TimestampMixin, db.Model):
    """A workshop where external mentors advise pairs or the organisation, or a webinar held online."""

    __tablename__ = "community_workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200), default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    kind: Mapped[str] = mapped_column(String(20), default="workshop", server_default="workshop")  # | webinar
    recording_link: Mapped[str] = mapped_column(String(500), default="", server_default="")
    materials: Mapped[str] = mapped_column(Text, default="", server_default="")  # Markdown: links, handouts
    description: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id", ondelete="SET NULL"), index=True,
                                                 default=CURRENT_CYCLE_ID)

    facilitator = relationship("Person", foreign_keys=[facilitator_id])
    participants: Mapped[list["WorkshopParticipant"]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", lazy="selectin")
    scenarios: Mapped[list["Scenario"]] = relationship(secondary="community_workshop_scenarios",
                                                      order_by="Scenario.title")


class WorkshopParticipant(db.Model):
    """A person invited to a workshop, and whether they attended."""

    __tablename__ = "community_workshop_participants"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("community_workshops.id", ondelete="CASCADE"),
                                             primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    invited_at: Mapped[datetime]
    attended: Mapped[bool | None]

    workshop: Mapped[Workshop] = relationship(back_populates="participants")
    person = relationship("Person", lazy="selectin")


class Scenario(TimestampMixin, db.Model):
    """A real-case scenario for workshops: situation, questions, possible approaches."""

    __tablename__ = "community_scenarios"
    __table_args__ = (UniqueConstraint("import_key", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    situation: Mapped[str] = mapped_column(Text)
    questions: Mapped[str] = mapped_column(Text, default="")
    approaches: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str] = mapped_column(String(5), default="en")
    competences: Mapped[list] = mapped_column(JSON, default=list)  # keys of the nine competences
    import_key: Mapped[str | None] = mapped_column(String(80))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    author = relationship("Person")


class WorkshopScenario(db.Model):
    """A scenario discussed at a workshop."""

    __tablename__ = "community_workshop_scenarios"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("community_workshops.id", ondelete="CASCADE"),
                                             primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("community_scenarios.id", ondelete="CASCADE"),
                                             primary_key=True)
