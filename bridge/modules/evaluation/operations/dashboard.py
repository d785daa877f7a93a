"""The impact dashboard's figures, each computed by one query."""
from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import true

from bridge.core.db import db
from bridge.modules.community.models.practices import GoodPractice, PracticeState
from bridge.modules.evaluation.models import ASPECTS, EvaluationAnswer, EvaluationResponse
from bridge.modules.evaluation.util import visible_condition
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.pairing.operations.eligibility import count_eligible_mentors
from bridge.modules.pairing.models import Pair, PairState
from bridge.modules.people.models import PersonRole
from bridge.modules.training.models import DONE_STATUSES, OER_MODULES, TrainingRecord


def trained_per_module() -> list[tuple[str, int]]:
    """Return how many people completed or passed each OER module."""
    query = (db.select(TrainingRecord.module_id, db.func.count(TrainingRecord.id))
             .where(TrainingRecord.status.in_(DONE_STATUSES)).group_by(TrainingRecord.module_id))
    counts = dict(db.session.execute(query).all())
    return [(module, counts.get(module, 0)) for module in OER_MODULES]


def people_trained() -> int:
    """Return how many people completed all three OER modules."""
    query = (db.select(TrainingRecord.person_id).where(TrainingRecord.status.in_(DONE_STATUSES),
                                                       TrainingRecord.module_id.in_(OER_MODULES))
             .group_by(TrainingRecord.person_id)
             .having(db.func.count(db.distinct(TrainingRecord.module_id)) == len(OER_MODULES)))
    return len(db.session.scalars(query).all())


def mentors_eligible() -> int:
    """Return how many active mentors may be matched (trained or exempted)."""
    return count_eligible_mentors()


def pairs_by_state() -> list[tuple[str, int]]:
    """Return the number of pairs in each state."""
    counts = dict(db.session.execute(db.select(Pair.state, db.func.count(Pair.id)).group_by(Pair.state)).all())
    return [(state.value, counts.get(state.value, 0)) for state in PairState]


def _months(today: date, count: int) -> list[str]:
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def sessions_per_month(today: date, count: int = 12) -> list[tuple[str, int]]:
    """Return the number of sessions held in each of the last months."""
    months = _months(today, count)
    held = db.session.scalars(db.select(MentoringSession.held_on).where(
        MentoringSession.held_on >= date.fromisoformat(months[0] + "-01"))).all()
    counter = Counter(day.strftime("%Y-%m") for day in held)
    return [(month, counter.get(month, 0)) for month in months]


def _visible(viewer):
    """Return the visibility rule of each form as a condition for the viewer (everything when no viewer is given)."""
    return true() if viewer is None else visible_condition(viewer)


def aspect_averages_by_month(today: date, count: int = 6, viewer=None) -> tuple[list[str], dict]:
    """Return the months and {aspect: {month: average}} of the Likert answers the viewer may see."""
    months = _months(today, count)
    rows = db.session.execute(db.select(EvaluationResponse.submitted_at, EvaluationAnswer.aspect,
                                        EvaluationAnswer.value).join(EvaluationResponse)
                              .where(EvaluationAnswer.value.is_not(None), _visible(viewer))).all()
    sums: dict = defaultdict(lambda: [0, 0])
    for submitted, aspect, value in rows:
        sums[(aspect, submitted.strftime("%Y-%m"))][0] += value
        sums[(aspect, submitted.strftime("%Y-%m"))][1] += 1
    table = {a: {m: round(sums[(a, m)][0] / sums[(a, m)][1], 2) if sums[(a, m)][1] else None for m in months}
             for a in ASPECTS}
    return months, table


def aspect_averages(viewer=None) -> list[tuple[str, float | None]]:
    """Return the average Likert answer per aspect over the responses the viewer may see."""
    query = (db.select(EvaluationAnswer.aspect, db.func.avg(EvaluationAnswer.value)).join(EvaluationResponse)
             .where(EvaluationAnswer.value.is_not(None), _visible(viewer)).group_by(EvaluationAnswer.aspect))
    averages = {aspect: round(float(avg), 2) for aspect, avg in db.session.execute(query)}
    return [(aspect, averages.get(aspect)) for aspect in ASPECTS]


def good_practices() -> int:
    """Return how many good practices and case studies were published (or reused)."""
    return db.session.scalar(db.select(db.func.count(GoodPractice.id)).where(
        GoodPractice.state.in_((PracticeState.PUBLISHED, PracticeState.REUSED)))) or 0


def mentees_become_mentors() -> int:
    """Return how many people who were mentees in a tandem now hold the mentor role."""
    former = db.select(Pair.mentee_id).where(Pair.state != PairState.PROPOSED.value)
    return db.session.scalar(db.select(db.func.count(db.distinct(PersonRole.person_id))).where(
        PersonRole.role == "mentor", PersonRole.person_id.in_(former))) or 0


def line_manager_exceptions() -> int:
    """Return how many tandems a coordinator allowed although one is the other's line manager."""
    return db.session.scalar(db.select(db.func.count(Pair.id)).where(Pair.line_manager_exception.is_(True))) or 0


def figures(today: date, viewer=None) -> dict:
    """Return every figure of the dashboard; the ratings count only the responses the viewer may see."""
    months, by_month = aspect_averages_by_month(today, viewer=viewer)
    return {"people_trained": people_trained(), "trained_per_module": trained_per_module(),
            "mentors_eligible": mentors_eligible(), "pairs_by_state": pairs_by_state(),
            "sessions_per_month": sessions_per_month(today), "aspect_averages": aspect_averages(viewer),
            "rating_months": months, "rating_by_month": by_month, "good_practices": good_practices(),
            "mentees_become_mentors": mentees_become_mentors(), "line_manager_exceptions": line_manager_exceptions()}
