"""Pairs (tandems) of a mentor and a mentee, their state machine and its logged transitions."""
import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core import events
from bridge.core.db import CURRENT_CYCLE_ID, TimestampMixin, db, utcnow
from bridge.modules.people.models import Person


class PairState(str, enum.Enum):
    """Where a pair stands: proposed → introduced → agreed → active → completed | ended_early."""

    PROPOSED = "proposed"
    INTRODUCED = "introduced"
    AGREED = "agreed"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"


class PairAction(str, enum.Enum):
    """What can happen to a tandem; each action is one edge (or set of edges) of the state machine."""

    INTRODUCE = "introduce"
    AGREE = "agree"
    ACTIVATE = "activate"
    COMPLETE = "complete"
    END_EARLY = "end_early"


MEMBER_ROLES = frozenset({"mentor", "mentee"})
ANYONE_INVOLVED = MEMBER_ROLES | {"coordinator"}
# The state machine: action -> (states it starts from, state it leads to, roles that may ask for it).
# Further guards (agreed duration, final evaluations, reasons) are checked in pairing.operations.lifecycle.
ACTIONS = {
    PairAction.INTRODUCE: ((PairState.PROPOSED,), PairState.INTRODUCED, frozenset({"coordinator"})),
    PairAction.AGREE: ((PairState.INTRODUCED,), PairState.AGREED, ANYONE_INVOLVED),
    PairAction.ACTIVATE: ((PairState.AGREED,), PairState.ACTIVE, ANYONE_INVOLVED),
    PairAction.COMPLETE: ((PairState.ACTIVE,), PairState.COMPLETED, ANYONE_INVOLVED),
    PairAction.END_EARLY: ((PairState.PROPOSED, PairState.INTRODUCED, PairState.AGREED, PairState.ACTIVE),
                           PairState.ENDED_EARLY, ANYONE_INVOLVED),
}
# The allowed edges, derived from ACTIONS: any state before completion may end early; the final states allow nothing.
TRANSITIONS = {state: tuple(target for sources, target, _roles in ACTIONS.values() if state in sources)
               for state in PairState}
ACTION_TO = {target: action for action, (_sources, target, _roles) in ACTIONS.items()}
FINAL_STATES = frozenset({PairState.COMPLETED.value, PairState.ENDED_EARLY.value})
# States in which a pair is visible to its members (they are never shown unconfirmed proposals).
OPEN_PAIR_CONDITION = "state NOT IN ('completed', 'ended_early')"
CONFIRMED_STATES = frozenset(s.value for s in PairState) - {PairState.PROPOSED.value}


class PairSource(str, enum.Enum):
    """How a pair came about."""

    AUTOMATIC = "automatic"  # a confirmed proposal of a matching run
    MANUAL = "manual"  # a proposal the coordinator replaced by hand
    OFFLINE = "offline"  # decided in a meeting and recorded afterwards


class Pair(TimestampMixin, db.Model):
    """A mentor and a mentee working together (a tandem)."""

    __tablename__ = "pairs"
    __table_args__ = (  # one open tandem per mentor and mentee, also under parallel requests
        Index("uq_pairs_open_mentor_mentee", "mentor_id", "mentee_id", unique=True,
              sqlite_where=text(OPEN_PAIR_CONDITION), postgresql_where=text(OPEN_PAIR_CONDITION)),
        Index("ix_pairs_created", "created_at", "id"),  # the tandem list, newest first, a page at a time
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(20), default=PairState.PROPOSED.value, index=True)
    source: Mapped[str] = mapped_column(String(20), default=PairSource.AUTOMATIC.value)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("match_runs.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str] = mapped_column(Text, default="")
    # Allowed by a coordinator although one is the other's line manager (the justification is a coordinator note).
    line_manager_exception: Mapped[bool] = mapped_column(default=False, server_default=false())
    moodle_group_id: Mapped[int | None]
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id", ondelete="SET NULL"), index=True,
                                                 default=CURRENT_CYCLE_ID)

    mentor: Mapped[Person] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[Person] = relationship(foreign_keys=[mentee_id])
    created_by: Mapped[Person | None] = relationship(foreign_keys=[created_by_id])
    transitions: Mapped[list["PairTransition"]] = relationship(
        back_populates="pair", cascade="all, delete-orphan", order_by="PairTransition.id")
    notes = relationship("CoordinatorNote", cascade="all, delete-orphan", order_by="CoordinatorNote.id")

    @property
    def is_current(self) -> bool:
        return self.state not in FINAL_STATES

    def has_member(self, person) -> bool:
        """Return whether the person is the mentor or the mentee of this pair."""
        return person is not None and person.id in (self.mentor_id, self.mentee_id)

    def partner_of(self, person) -> Person:
        """Return the other member of the pair."""
        return self.mentee if person.id == self.mentor_id else self.mentor


class PairTransition(db.Model):
    """One change of a pair's state, with its author and comment."""

    __tablename__ = "pair_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    comment: Mapped[str] = mapped_column(Text, default="")
    # what caused the change when the system made it (a code of bridge/core/events.py with its parameters),
    # rendered in the reader's language; empty for a change made by hand
    event: Mapped[str] = mapped_column(String(60), default="", server_default="")
    event_params: Mapped[dict | None] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    pair: Mapped[Pair] = relationship(back_populates="transitions")
    actor: Mapped[Person | None] = relationship()

    @property
    def event_text(self) -> str:
        """The system's reason for the change in the reader's language, or ""."""
        return events.render(self.event, self.event_params) if self.event else ""
