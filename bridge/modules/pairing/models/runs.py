"""Matching runs, their proposals, and the pins and exclusions a coordinator sets before a run."""
import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import CURRENT_CYCLE_ID, db, utcnow
from bridge.modules.people.models import Person


class RunStatus(str, enum.Enum):
    """A run is a draft until confirmed; a newer run discards older drafts."""

    DRAFT = "draft"
    CONFIRMED = "confirmed"
    DISCARDED = "discarded"


class ProposalStatus(str, enum.Enum):
    """The coordinator's decision on a proposal."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    REPLACED = "replaced"
    CONFIRMED = "confirmed"


class RunKind(str, enum.Enum):
    """A run is an automatic matching, or the selection report of one tandem recorded offline."""

    MATCHING = "matching"
    OFFLINE = "offline"


class MatchRun(db.Model):
    """One automatic matching (or an offline tandem's selection): weights, a snapshot of the inputs, a summary."""

    __tablename__ = "match_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=RunKind.MATCHING.value, server_default="matching")
    status: Mapped[str] = mapped_column(String(20), default=RunStatus.DRAFT.value, index=True)
    weights: Mapped[dict] = mapped_column(JSON, default=dict)
    inputs: Mapped[dict] = mapped_column(JSON, default=dict)  # mentees, mentors, constraints, procedures
    summary: Mapped[dict] = mapped_column(JSON, default=dict)  # counts, total score, unmatched, pin errors
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime | None]
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id", ondelete="SET NULL"), index=True,
                                                 default=CURRENT_CYCLE_ID)

    created_by: Mapped[Person | None] = relationship(foreign_keys=[created_by_id])
    confirmed_by: Mapped[Person | None] = relationship(foreign_keys=[confirmed_by_id])
    proposals: Mapped[list["MatchProposal"]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="MatchProposal.id")

    @property
    def is_draft(self) -> bool:
        return self.status == RunStatus.DRAFT.value

    @property
    def is_offline(self) -> bool:
        return self.kind == RunKind.OFFLINE.value


class MatchProposal(db.Model):
    """A proposed mentor for a mentee, with the score broken down by criterion and the runners-up."""

    __tablename__ = "match_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("match_runs.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(default=0.0)
    contributions: Mapped[dict] = mapped_column(JSON, default=dict)  # {criterion: weight x value}
    runners_up: Mapped[list] = mapped_column(JSON, default=list)  # [[mentor person id, score], ...]
    status: Mapped[str] = mapped_column(String(20), default=ProposalStatus.PROPOSED.value)
    pinned: Mapped[bool] = mapped_column(default=False)
    manual: Mapped[bool] = mapped_column(default=False)  # chosen by hand to replace another proposal
    comment: Mapped[str] = mapped_column(Text, default="")
    # A coordinator's written justification for pairing a line manager with their report (empty: no exception).
    exception_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    run: Mapped[MatchRun] = relationship(back_populates="proposals")
    mentee: Mapped[Person] = relationship(foreign_keys=[mentee_id])
    mentor: Mapped[Person] = relationship(foreign_keys=[mentor_id])
    decided_by: Mapped[Person | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.PROPOSED.value


class MatchPin(db.Model):
    """A pair the coordinator requires in the next runs (one pin per mentee)."""

    __tablename__ = "match_pins"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    mentee: Mapped[Person] = relationship(foreign_keys=[mentee_id])
    mentor: Mapped[Person] = relationship(foreign_keys=[mentor_id])


class MatchExclusion(db.Model):
    """A pair the coordinator rules out of the next runs."""

    __tablename__ = "match_exclusions"
    __table_args__ = (UniqueConstraint("mentee_id", "mentor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    mentee: Mapped[Person] = relationship(foreign_keys=[mentee_id])
    mentor: Mapped[Person] = relationship(foreign_keys=[mentor_id])
