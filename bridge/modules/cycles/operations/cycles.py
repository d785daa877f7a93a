"""Create a cycle, close the current one (store its report, carry mentor candidates and open tandems over)."""
from datetime import date

from bridge.core import audit
from bridge.core.db import db, utcnow
from bridge.core.errors import N_, Conflict, PermissionDenied, ValidationFailed
from bridge.core.roles import Role
from bridge.modules.cycles.models import CandidateReason, ComplaintFigure, Cycle, CycleCandidate, CycleState
from bridge.modules.cycles.operations.report import MIN_GROUP, SUPPRESSED, compute, eligible_mentor_ids
from bridge.modules.pairing.models import FINAL_STATES, MatchRun, Pair, PairState, RunStatus

MAX_NAME = 100
MAX_NOTE = 2000
MAX_COMPLAINTS = 1_000_000


def _require_coordinator(actor) -> None:
    if actor is None or not actor.is_active or not actor.has_role(Role.COORDINATOR):
        raise PermissionDenied(N_("You do not have permission to open this page."))


def current_cycle() -> Cycle | None:
    """Return the current cycle (None before the first one)."""
    return db.session.scalar(db.select(Cycle).where(Cycle.state == CycleState.CURRENT.value))


def all_cycles() -> list[Cycle]:
    """Return every cycle, newest first."""
    return list(db.session.scalars(db.select(Cycle).order_by(Cycle.starts_on.desc(), Cycle.id.desc())))


def planned_cycles() -> list[Cycle]:
    """Return the cycles that may follow the current one."""
    return list(db.session.scalars(db.select(Cycle).where(Cycle.state == CycleState.PLANNED.value)
                                   .order_by(Cycle.starts_on, Cycle.id)))


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on is None:
        raise ValidationFailed(N_("Please give a valid date."), field="starts_on")
    if ends_on is None:
        raise ValidationFailed(N_("Please give a valid date."), field="ends_on")
    if ends_on <= starts_on:
        raise ValidationFailed(N_("The end must be after the start."), field="ends_on")


def _checked_name(value, cycle_id: int | None = None) -> str:
    """Return the cycle name given, stripped; refuse a blank, long or (ignoring case) taken one."""
    name = (value or "").strip()
    if not name:
        raise ValidationFailed(N_("Please give a name."), field="name")
    if len(name) > MAX_NAME:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field="name", n=MAX_NAME)
    if db.session.scalar(db.select(Cycle.id).where(db.func.lower(Cycle.name) == name.lower(), Cycle.id != cycle_id)):
        raise ValidationFailed(N_("A cycle with this name exists already."), field="name")
    return name


def create_cycle(actor, data: dict) -> Cycle:
    """Create a cycle: the current one if there is none yet, else a planned one that closing the current leads to."""
    _require_coordinator(actor)
    name = _checked_name(data.get("name"))
    _check_dates(data.get("starts_on"), data.get("ends_on"))
    state = CycleState.PLANNED if current_cycle() else CycleState.CURRENT
    cycle = Cycle(name=name, starts_on=data["starts_on"], ends_on=data["ends_on"], state=state.value)
    db.session.add(cycle)
    db.session.flush()
    audit.record(actor, "cycle.created", cycle, name, state=cycle.state)
    return cycle


def update_cycle(actor, cycle: Cycle, data: dict) -> Cycle:
    """Correct the name and dates of a cycle that is not closed (a closed cycle's report is stored with them)."""
    _require_coordinator(actor)
    cycle = _lock(cycle)
    if cycle.is_closed:
        raise Conflict(N_("A closed cycle keeps its name and dates: its report is stored with them."))
    name = _checked_name(data.get("name"), cycle.id)
    _check_dates(data.get("starts_on"), data.get("ends_on"))
    before = {"name": cycle.name, "starts_on": cycle.starts_on.isoformat(), "ends_on": cycle.ends_on.isoformat()}
    cycle.name, cycle.starts_on, cycle.ends_on = name, data["starts_on"], data["ends_on"]
    db.session.flush()
    audit.record(actor, "cycle.updated", cycle, name, before=before)
    return cycle


def open_tandems(cycle: Cycle) -> list[Pair]:
    """Return the cycle's tandems that are neither completed nor ended."""
    return list(db.session.scalars(db.select(Pair).where(Pair.cycle_id == cycle.id, Pair.state.not_in(FINAL_STATES))
                                   .order_by(Pair.id)))


def count_open_tandems(cycle: Cycle) -> int:
    """Return how many of the cycle's tandems are neither completed nor ended (one count, not the tandems)."""
    return db.session.scalar(db.select(db.func.count(Pair.id)).where(Pair.cycle_id == cycle.id,
                                                                     Pair.state.not_in(FINAL_STATES))) or 0


def _lock(cycle: Cycle) -> Cycle:
    """Reload the cycle under a row lock (PostgreSQL), so that two closings cannot both pass the state check."""
    db.session.refresh(cycle, with_for_update=True)
    return cycle


def close_cycle(actor, cycle: Cycle, next_cycle: Cycle | None, move_open_tandems: bool) -> Cycle:
    """Close the current cycle and make the planned next one current.

    The report is computed and stored first, so it shows the tandems as they stood at the close. Open
    tandems (not completed or ended) and draft matching runs move into the next cycle; because that
    changes the numbers of both cycles, closing with open tandems needs `move_open_tandems` confirmed.
    Mentor candidates are carried over: every eligible mentor, and the mentees who completed a tandem
    in this cycle and are eligible now. A closed cycle cannot be closed again or reopened.
    """
    _require_coordinator(actor)
    cycle = _lock(cycle)
    if cycle.is_closed:
        raise Conflict(N_("This cycle is already closed."))
    if not cycle.is_current:
        raise Conflict(N_("Only the current cycle can be closed."))
    if next_cycle is None or next_cycle.state != CycleState.PLANNED.value or next_cycle.id == cycle.id:
        raise ValidationFailed(N_("Please choose the planned cycle that follows."), field="next_cycle")
    still_open = open_tandems(cycle)
    if still_open and not move_open_tandems:
        raise ValidationFailed(N_("%(n)s tandems of this cycle are still open. Confirm that they move into the next "
                                  "cycle, or complete or end them first."), field="move_open_tandems",
                               n=len(still_open))
    report = compute(cycle)
    moved = len(still_open)
    report["moved_tandems"] = {"value": moved, "n": moved} if moved >= MIN_GROUP else dict(SUPPRESSED)
    report["cycle"]["state"] = CycleState.CLOSED.value
    cycle.report = report
    cycle.state, cycle.closed_at, cycle.closed_by_id = CycleState.CLOSED.value, utcnow(), actor.id
    db.session.flush()  # the one current cycle is free before the next one takes its place
    next_cycle.state = CycleState.CURRENT.value
    for pair in still_open:
        pair.cycle_id = next_cycle.id
    db.session.execute(db.update(MatchRun).where(MatchRun.cycle_id == cycle.id,
                                                 MatchRun.status == RunStatus.DRAFT.value)
                       .values(cycle_id=next_cycle.id))
    carried = carry_candidates(cycle, next_cycle)
    db.session.flush()
    audit.record(actor, "cycle.closed", cycle, cycle.name, next_cycle=next_cycle.id, moved_tandems=len(still_open),
                 candidates=carried)
    return cycle


def carry_candidates(cycle: Cycle, next_cycle: Cycle) -> int:
    """Add the closing cycle's mentor candidates to the next cycle; return how many were added."""
    eligible = eligible_mentor_ids()
    completed = set(db.session.scalars(db.select(Pair.mentee_id).where(
        Pair.cycle_id == cycle.id, Pair.state == PairState.COMPLETED.value)))
    present = set(db.session.scalars(db.select(CycleCandidate.person_id)
                                     .where(CycleCandidate.cycle_id == next_cycle.id)))
    added = 0
    for person_id in sorted(eligible - present):
        reason = CandidateReason.FORMER_MENTEE if person_id in completed else CandidateReason.ELIGIBLE_MENTOR
        db.session.add(CycleCandidate(cycle_id=next_cycle.id, person_id=person_id, reason=reason.value,
                                      from_cycle_id=cycle.id))
        added += 1
    return added


def record_complaints(actor, data: dict) -> ComplaintFigure:
    """Record how many complaints or incidents there were in a period (optionally in one department)."""
    _require_coordinator(actor)
    start, end = data.get("period_start"), data.get("period_end")
    if start is None:
        raise ValidationFailed(N_("Please give a valid date."), field="period_start")
    if end is None:
        raise ValidationFailed(N_("Please give a valid date."), field="period_end")
    if end < start:
        raise ValidationFailed(N_("The end must not be before the start."), field="period_end")
    count = data.get("count")
    if count is None or not 0 <= count <= MAX_COMPLAINTS:
        raise ValidationFailed(N_("Please give a whole number from 0 to %(n)s."), field="count", n=MAX_COMPLAINTS)
    note = (data.get("note") or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field="note", n=MAX_NOTE)
    department = (data.get("department") or "").strip() or None
    figure = ComplaintFigure(period_start=start, period_end=end, department=department, count=count, note=note,
                             entered_by_id=actor.id)
    db.session.add(figure)
    db.session.flush()
    audit.record(actor, "complaints.recorded", figure, f"{start}–{end}", count=count, department=department or "")
    return figure


def delete_complaints(actor, figure: ComplaintFigure) -> None:
    """Remove a complaint figure entered by mistake."""
    _require_coordinator(actor)
    audit.record(actor, "complaints.deleted", figure, f"{figure.period_start}–{figure.period_end}",
                 count=figure.count)
    db.session.delete(figure)
    db.session.flush()
