"""The impact dashboard's figures, each aggregated by the database in one query, filtered by period and department.

Nothing here loads rows to count them in Python: the monthly series are grouped by year and month in SQL, so the
page costs the same dozen queries at 40 or 10,000 people. The figures of a filter are kept until the next write or
for a short while (bridge.core.cache: QSER_FIGURE_CACHE_SECONDS, 60 by default, shared through Redis when configured)
so that several coordinators opening the page at once do not recompute them.
"""
from dataclasses import dataclass
from datetime import date, datetime, time as clock, timezone

from sqlalchemy import true

from bridge.core import cache
from bridge.core.dates import add_months
from bridge.core.db import db
from bridge.modules.community.models.practices import GoodPractice, PracticeState
from bridge.modules.evaluation.models import ASPECTS, EvaluationAnswer, EvaluationResponse
from bridge.modules.evaluation.util import visible_condition
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.pairing.operations.eligibility import count_eligible_mentors
from bridge.modules.pairing.models import Pair, PairState
from bridge.modules.people.models import Person, PersonRole
from bridge.modules.training.models import OER_MODULES, TrainingRecord
from bridge.modules.training.util import passed_at, passed_clause

DEFAULT_MONTHS = 12
MAX_MONTHS = 36


@dataclass(frozen=True)
class DashboardFilter:
    """The period (both ends included; open when None) and the department the figures are limited to."""

    date_from: date | None = None
    date_to: date | None = None
    department: str | None = None


def _start(day: date) -> datetime:
    return datetime.combine(day, clock.min, timezone.utc)


def _end(day: date) -> datetime:
    return datetime.combine(day, clock.max, timezone.utc)


def _in_period(column, f: DashboardFilter, days: bool = False) -> list:
    """Conditions limiting a date (days=True) or datetime column to the filter's period."""
    conditions = []
    if f.date_from:
        conditions.append(column >= (f.date_from if days else _start(f.date_from)))
    if f.date_to:
        conditions.append(column <= (f.date_to if days else _end(f.date_to)))
    return conditions


def _people_of(f: DashboardFilter):
    return db.select(Person.id).where(Person.department == f.department)


def _pair_in_department(f: DashboardFilter) -> list:
    if not f.department:
        return []
    people = _people_of(f)
    return [db.or_(Pair.mentor_id.in_(people), Pair.mentee_id.in_(people))]


def _person_in_department(column, f: DashboardFilter) -> list:
    return [column.in_(_people_of(f))] if f.department else []


def months(f: DashboardFilter, today: date) -> list[str]:
    """Return the months ("YYYY-MM") the monthly charts show: the filter's period, else the last twelve months;
    at most the last 36 months of a longer period."""
    last = f.date_to or max(today, f.date_from or today)
    first = f.date_from or add_months(last.replace(day=1), -(DEFAULT_MONTHS - 1))
    year, month = first.year, first.month
    result = []
    while (year, month) <= (last.year, last.month):
        result.append(f"{year:04d}-{month:02d}")
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return result[-MAX_MONTHS:] or [f"{last.year:04d}-{last.month:02d}"]


def _month_key(year, month) -> str:
    return f"{int(year):04d}-{int(month):02d}"


def _by_month(column):
    """The year and month of a date or datetime column, in SQL (portable: EXTRACT on PostgreSQL and SQLite)."""
    return db.extract("year", column).label("y"), db.extract("month", column).label("m")


def _window(month_list: list[str]) -> DashboardFilter:
    first = date.fromisoformat(month_list[0] + "-01")
    last = add_months(date.fromisoformat(month_list[-1] + "-01"), 1)
    return DashboardFilter(first, date.fromordinal(last.toordinal() - 1))


def _trained_records(f: DashboardFilter):
    """Records of a module passed as TRAINING_GATE says (as for mentor eligibility), in the period by when."""
    return [passed_clause(TrainingRecord), TrainingRecord.module_id.in_(OER_MODULES),
            *_in_period(passed_at(TrainingRecord), f), *_person_in_department(TrainingRecord.person_id, f)]


def trained_per_module(f: DashboardFilter = DashboardFilter()) -> list[tuple[str, int]]:
    """Return how many people completed or passed each OER module (in the period, of the department)."""
    query = (db.select(TrainingRecord.module_id, db.func.count(db.distinct(TrainingRecord.person_id)))
             .where(*_trained_records(f)).group_by(TrainingRecord.module_id))
    counts = dict(db.session.execute(query).all())
    return [(module, counts.get(module, 0)) for module in OER_MODULES]


def people_trained(f: DashboardFilter = DashboardFilter()) -> int:
    """Return how many people completed all three OER modules (the last of them in the period)."""
    trained = (db.select(TrainingRecord.person_id).where(*_trained_records(DashboardFilter(department=f.department)))
               .group_by(TrainingRecord.person_id)
               .having(db.func.count(db.distinct(TrainingRecord.module_id)) == len(set(OER_MODULES))))
    if f.date_from or f.date_to:
        last = db.func.max(passed_at(TrainingRecord))
        trained = trained.having(*[condition for condition in _in_period(last, f)])
    return db.session.scalar(db.select(db.func.count()).select_from(trained.subquery())) or 0


def mentors_eligible(f: DashboardFilter = DashboardFilter()) -> int:
    """Return how many active mentors (of the department) may be matched today (trained or exempted)."""
    return count_eligible_mentors(department=f.department)


def pairs_by_state(f: DashboardFilter = DashboardFilter()) -> list[tuple[str, int]]:
    """Return the number of tandems (proposed in the period, with a member in the department) in each state."""
    query = (db.select(Pair.state, db.func.count(Pair.id))
             .where(*_in_period(Pair.created_at, f), *_pair_in_department(f)).group_by(Pair.state))
    counts = dict(db.session.execute(query).all())
    return [(state.value, counts.get(state.value, 0)) for state in PairState]


def sessions_per_month(f: DashboardFilter, month_list: list[str]) -> list[tuple[str, int]]:
    """Return the number of sessions held in each month (of tandems with a member in the department)."""
    year, month = _by_month(MentoringSession.held_on)
    query = (db.select(year, month, db.func.count(MentoringSession.id))
             .where(*_in_period(MentoringSession.held_on, _window(month_list), days=True))
             .group_by(year, month))
    if f.department:
        query = query.join(Pair, Pair.id == MentoringSession.pair_id).where(*_pair_in_department(f))
    counts = {_month_key(y, m): n for y, m, n in db.session.execute(query)}
    return [(m, counts.get(m, 0)) for m in month_list]


def _answers(f: DashboardFilter, viewer=None):
    return (EvaluationAnswer.value.is_not(None), _visible(viewer), *_in_period(EvaluationResponse.submitted_at, f),
            *_person_in_department(EvaluationResponse.respondent_id, f))


def _visible(viewer):
    """Return the visibility rule of each form as a condition for the viewer (everything when no viewer is given)."""
    return true() if viewer is None else visible_condition(viewer)


def aspect_averages_by_month(f: DashboardFilter, month_list: list[str], viewer=None) -> dict:
    """Return {aspect: {month: average}} of the Likert answers submitted in each month that the viewer may see."""
    year, month = _by_month(EvaluationResponse.submitted_at)
    window = _window(month_list)
    query = (db.select(EvaluationAnswer.aspect, year, month, db.func.avg(EvaluationAnswer.value))
             .join(EvaluationResponse)
             .where(*_answers(DashboardFilter(window.date_from, window.date_to, f.department), viewer))
             .group_by(EvaluationAnswer.aspect, year, month))
    averages = {(aspect, _month_key(y, m)): round(float(avg), 2) for aspect, y, m, avg in db.session.execute(query)}
    return {a: {m: averages.get((a, m)) for m in month_list} for a in ASPECTS}


def aspect_averages(f: DashboardFilter = DashboardFilter(), viewer=None) -> list[tuple[str, float | None]]:
    """Return the average Likert answer per aspect over the responses of the period and department that the viewer
    may see."""
    query = (db.select(EvaluationAnswer.aspect, db.func.avg(EvaluationAnswer.value)).join(EvaluationResponse)
             .where(*_answers(f, viewer)).group_by(EvaluationAnswer.aspect))
    averages = {aspect: round(float(avg), 2) for aspect, avg in db.session.execute(query)}
    return [(aspect, averages.get(aspect)) for aspect in ASPECTS]


def good_practices(f: DashboardFilter = DashboardFilter()) -> int:
    """Return how many good practices and case studies were published (or reused), written in the period."""
    conditions = [GoodPractice.state.in_((PracticeState.PUBLISHED, PracticeState.REUSED)),
                  *_in_period(GoodPractice.created_at, f)]
    if f.department:
        conditions.append(GoodPractice.department == f.department)
    return db.session.scalar(db.select(db.func.count(GoodPractice.id)).where(*conditions)) or 0


def mentees_become_mentors(f: DashboardFilter = DashboardFilter()) -> int:
    """Return how many people who were mentees in a tandem now hold the mentor role."""
    former = db.select(Pair.mentee_id).where(Pair.state != PairState.PROPOSED.value)
    return db.session.scalar(db.select(db.func.count(db.distinct(PersonRole.person_id))).where(
        PersonRole.role == "mentor", PersonRole.person_id.in_(former),
        *_person_in_department(PersonRole.person_id, f))) or 0


def line_manager_exceptions() -> int:
    """Return how many tandems a coordinator allowed although one is the other's line manager."""
    return db.session.scalar(db.select(db.func.count(Pair.id)).where(Pair.line_manager_exception.is_(True))) or 0


def departments() -> list[str]:
    """Return the departments people work in, for the filter."""
    return list(db.session.scalars(db.select(Person.department).where(Person.department.is_not(None),
                                                                      Person.department != "")
                                   .distinct().order_by(Person.department)))


def _compute(today: date, f: DashboardFilter, viewer=None) -> dict:
    month_list = months(f, today)
    return {"people_trained": people_trained(f), "trained_per_module": trained_per_module(f),
            "mentors_eligible": mentors_eligible(f), "pairs_by_state": pairs_by_state(f),
            "sessions_per_month": sessions_per_month(f, month_list), "aspect_averages": aspect_averages(f, viewer),
            "rating_months": month_list, "rating_by_month": aspect_averages_by_month(f, month_list, viewer),
            "good_practices": good_practices(f), "mentees_become_mentors": mentees_become_mentors(f),
            "line_manager_exceptions": line_manager_exceptions()}


def remember(key: tuple, compute):
    """Return compute(), kept under the dashboard's key (bridge.core.cache)."""
    return cache.remember(("dashboard", *key), compute)


def figures(today: date, f: DashboardFilter = DashboardFilter(), viewer=None) -> dict:
    """Return every figure of the dashboard for the filter (kept for a short while, see remember); the ratings
    count only the responses the viewer may see (all of them when no viewer is given)."""
    return remember(("figures", today, f, getattr(viewer, "id", None)), lambda: _compute(today, f, viewer))
