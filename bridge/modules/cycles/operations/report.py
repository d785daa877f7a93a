"""A cycle's aggregated report: per department and in total, no cell computed from fewer than five people.

Every figure is built from records (department, person, amount). A cell is shown only when at least
MIN_GROUP distinct people stand behind it; otherwise it is suppressed and keeps neither its value nor
its count. So that a suppressed cell cannot be worked out as the total minus the shown departments,
further department cells of the same figure are suppressed (smallest first) until the suppressed
cells together stand for at least MIN_GROUP people (or none). The stored report never holds the
value of a suppressed cell.
"""
from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone

from bridge.core import cache
from bridge.core.db import db, utcnow
from bridge.modules.community.models.practices import GoodPracticeReuse
from bridge.modules.cycles.models import ComplaintFigure, Cycle
from bridge.modules.evaluation.models import ASPECTS, EvaluationAnswer, EvaluationResponse
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.pairing.models import Pair, PairState
from bridge.modules.people.models import Person, PersonRole
from bridge.modules.training.models import OER_MODULES, TrainingExemption, TrainingRecord
from bridge.modules.training.util import passed_at, passed_clause, trained_people

MIN_GROUP = 5
ALL = "*"  # the key of the column "all departments"
NO_DEPARTMENT = ""  # the key of people without a department
REPORT_VERSION = 1

# The figures, in the order of the report: (key, section, kind). kind "count" sums amounts; "average" averages them.
MEASURES = (
    [("trained_staff", "people", "count"), ("eligible_mentors", "people", "count"),
     ("mentees_became_mentors", "people", "count")]
    + [(f"tandems_{state.value}", "tandems", "count") for state in PairState]
    + [("tandem_duration_days", "tandems", "average"), ("sessions", "tandems", "count")]
    + [(f"aspect_{aspect}", "evaluation", "average") for aspect in ASPECTS]
    + [("practices_transferred", "transfer", "count")]
)
SECTIONS = ("people", "tandems", "evaluation", "transfer")


def _bounds(cycle: Cycle) -> tuple[datetime, datetime]:
    """Return the cycle's first and (exclusive) last moment in UTC."""
    start = datetime.combine(cycle.starts_on, time.min, tzinfo=timezone.utc)
    end = datetime.combine(cycle.ends_on + timedelta(days=1), time.min, tzinfo=timezone.utc)
    return start, end


def _departments(person_ids) -> dict[int, str]:
    ids = set(person_ids)
    if not ids:
        return {}
    rows = db.session.execute(db.select(Person.id, Person.department).where(Person.id.in_(ids))).all()
    return {pid: (dept or "").strip() or NO_DEPARTMENT for pid, dept in rows}


def _trained(cycle: Cycle) -> list[tuple[int, float]]:
    """People who passed all three OER modules (as TRAINING_GATE says) by the end of the cycle (a pass without a date
    counts)."""
    _start, end = _bounds(cycle)
    when = passed_at(TrainingRecord)
    rows = db.session.execute(db.select(TrainingRecord.person_id, TrainingRecord.module_id)
                              .where(passed_clause(TrainingRecord), TrainingRecord.module_id.in_(OER_MODULES),
                                     db.or_(when.is_(None), when < end)))
    modules = defaultdict(set)
    for person_id, module in rows:
        modules[person_id].add(module)
    return [(pid, 1) for pid, done in modules.items() if done >= set(OER_MODULES)]


def _eligible_mentors() -> list[tuple[int, float]]:
    """Active mentors who may be matched now: trained or exempted (the rule of pairing's is_eligible)."""
    trained = trained_people()
    exempted = db.select(TrainingExemption.person_id)
    ids = db.session.scalars(db.select(Person.id).distinct().join(PersonRole).where(
        PersonRole.role == "mentor", Person.archived_at.is_(None),
        db.or_(Person.id.in_(trained), Person.id.in_(exempted)))).all()
    return [(pid, 1) for pid in ids]


def eligible_mentor_ids() -> set[int]:
    """Return the ids of the mentors who are eligible now."""
    return {pid for pid, _one in _eligible_mentors()}


def _records(cycle: Cycle) -> dict[str, list[tuple[int, float]]]:
    """Return, per figure, the (person id, amount) records it is computed from."""
    start, end = _bounds(cycle)
    records: dict[str, list] = {key: [] for key, _section, _kind in MEASURES}
    records["trained_staff"] = _trained(cycle)
    records["eligible_mentors"] = _eligible_mentors()
    pairs = db.session.execute(db.select(Pair.id, Pair.mentee_id, Pair.state, Pair.started_at, Pair.ended_at)
                               .where(Pair.cycle_id == cycle.id)).all()
    for _pid, mentee_id, state, started, ended in pairs:
        records[f"tandems_{state}"].append((mentee_id, 1))
        if started and ended:
            records["tandem_duration_days"].append((mentee_id, max((ended - started).total_seconds(), 0) / 86400))
    confirmed_mentees = {mentee for _p, mentee, state, _s, _e in pairs if state != PairState.PROPOSED.value}
    if confirmed_mentees:
        now_mentors = db.session.scalars(db.select(PersonRole.person_id).where(
            PersonRole.role == "mentor", PersonRole.person_id.in_(confirmed_mentees))).all()
        records["mentees_became_mentors"] = [(pid, 1) for pid in set(now_mentors)]
    mentee_of = {pair_id: mentee for pair_id, mentee, *_rest in pairs}
    if mentee_of:
        counts = db.session.execute(db.select(MentoringSession.pair_id, db.func.count(MentoringSession.id))
                                    .where(MentoringSession.pair_id.in_(mentee_of))
                                    .group_by(MentoringSession.pair_id)).all()
        records["sessions"] = [(mentee_of[pair_id], n) for pair_id, n in counts]
    in_cycle = db.or_(EvaluationResponse.pair_id.in_(db.select(Pair.id).where(Pair.cycle_id == cycle.id)),
                      db.and_(EvaluationResponse.pair_id.is_(None), EvaluationResponse.submitted_at >= start,
                              EvaluationResponse.submitted_at < end))
    answers = db.session.execute(db.select(EvaluationResponse.respondent_id, EvaluationAnswer.aspect,
                                           EvaluationAnswer.value).join(EvaluationResponse)
                                 .where(EvaluationAnswer.value.is_not(None),
                                        EvaluationResponse.respondent_id.is_not(None), in_cycle)).all()
    for respondent, aspect, value in answers:
        if aspect in ASPECTS:
            records[f"aspect_{aspect}"].append((respondent, value))
    reuses = db.session.scalars(db.select(GoodPracticeReuse.person_id).where(
        GoodPracticeReuse.created_at >= start, GoodPracticeReuse.created_at < end)).all()
    records["practices_transferred"] = [(pid, 1) for pid in reuses]
    return records


def _cell(items: list[tuple[int, float]], kind: str) -> dict:
    people = {pid for pid, _amount in items}
    amounts = [amount for _pid, amount in items]
    if kind == "average":
        value = round(sum(amounts) / len(amounts), 2) if amounts else None
        return {"value": value, "count": len(amounts), "n": len(people)}
    total = sum(amounts)
    return {"value": int(total) if float(total).is_integer() else round(total, 2), "n": len(people)}


SUPPRESSED = {"suppressed": True}


def suppress(cells: dict[str, dict]) -> dict[str, dict]:
    """Suppress the cells of one figure (department → cell, with ALL the total) that fewer than MIN_GROUP stand behind.

    Primary: every cell with n < MIN_GROUP. Secondary: while the suppressed departments together stand for
    1 to MIN_GROUP - 1 people (their sum could be worked out from the total), suppress the smallest shown one.
    """
    hidden = {dept for dept, cell in cells.items() if cell["n"] < MIN_GROUP}
    departments = [dept for dept in cells if dept != ALL]
    while True:
        behind = sum(cells[d]["n"] for d in departments if d in hidden)
        shown = sorted((cells[d]["n"], d) for d in departments if d not in hidden)
        if ALL in hidden or not 0 < behind < MIN_GROUP or not shown:
            break
        hidden.add(shown[0][1])
    return {dept: dict(SUPPRESSED) if dept in hidden else cell for dept, cell in cells.items()}


def compute(cycle: Cycle) -> dict:
    """Return the report of the cycle as plain data (JSON-safe), with small groups suppressed."""
    records = _records(cycle)
    department_of = _departments(pid for items in records.values() for pid, _amount in items)
    departments = sorted(set(department_of.values()), key=lambda d: (d == NO_DEPARTMENT, d.casefold()))
    figures = {}
    for key, _section, kind in MEASURES:
        by_dept = defaultdict(list)
        for pid, amount in records[key]:
            by_dept[department_of.get(pid, NO_DEPARTMENT)].append((pid, amount))
        cells = {ALL: _cell(records[key], kind)}
        cells.update({dept: _cell(by_dept.get(dept, []), kind) for dept in departments})
        figures[key] = suppress(cells)
    return {"version": REPORT_VERSION, "min_group": MIN_GROUP, "generated_at": utcnow().isoformat(),
            "cycle": {"id": cycle.id, "name": cycle.name, "starts_on": cycle.starts_on.isoformat(),
                      "ends_on": cycle.ends_on.isoformat(), "state": cycle.state},
            "departments": departments, "figures": figures, "complaints": complaints(cycle)}


def complaints(cycle: Cycle) -> list[dict]:
    """Return the complaint figures whose period starts within the cycle (entered totals, not people)."""
    rows = db.session.scalars(db.select(ComplaintFigure).where(
        ComplaintFigure.period_start >= cycle.starts_on, ComplaintFigure.period_start <= cycle.ends_on)
        .order_by(ComplaintFigure.period_start, ComplaintFigure.department, ComplaintFigure.id)).all()
    return [{"period_start": f.period_start.isoformat(), "period_end": f.period_end.isoformat(),
             "department": f.department or "", "count": f.count} for f in rows]


def report_of(cycle: Cycle) -> dict:
    """Return the stored report of a closed cycle, or the report as of now for any other."""
    if cycle.is_closed and cycle.report:
        return cycle.report
    # Computed over the whole programme (0.4 s at 10,000 people): kept until the next write, like the dashboard.
    return cache.remember(("cycle-report", cycle.id), lambda: compute(cycle))


def cells_shown(report: dict):
    """Yield (figure, department, cell) for every cell the report shows (used by tests and exports)."""
    for key, cells in report["figures"].items():
        for dept, cell in cells.items():
            if not cell.get("suppressed"):
                yield key, dept, cell


def as_date(text: str) -> date:
    """Return the date of an ISO date string stored in a report."""
    return date.fromisoformat(text)
