"""What counts as a module passed: the SCORM activity, the Moodle quiz, or either (TRAINING_GATE)."""
from flask import current_app, has_app_context

from bridge.config import TRAINING_GATES as GATES
from bridge.core.db import db
from bridge.modules.training.models import DONE_STATUSES, OER_MODULES, TrainingRecord, TrainingStatus

# QSER_TRAINING_GATE (checked at start-up): which result passes a module for mentor eligibility.
DEFAULT_GATE = "scorm_or_quiz"


def training_gate() -> str:
    """Return the configured gate (TRAINING_GATE, default scorm_or_quiz)."""
    gate = current_app.config.get("TRAINING_GATE") if has_app_context() else None
    return gate or DEFAULT_GATE


def check_gate(gate: str) -> str:
    """Return gate when it is one of GATES, else raise ValueError naming the choices."""
    if gate not in GATES:
        raise ValueError(f"QSER_TRAINING_GATE must be one of {', '.join(GATES)} (got {gate!r})")
    return gate


def module_passed(record, gate: str | None = None) -> bool:
    """Tell whether a training record passes its module under the gate."""
    gate = check_gate(gate or training_gate())
    scorm = record.status in DONE_STATUSES
    quiz = record.quiz_status == TrainingStatus.PASSED.value
    return {"scorm": scorm, "quiz": quiz, "scorm_or_quiz": scorm or quiz}[gate]


def passed_clause(model, gate: str | None = None):
    """Return the SQL condition on TrainingRecord (model) that module_passed expresses."""
    gate = check_gate(gate or training_gate())
    scorm = model.status.in_(DONE_STATUSES)
    quiz = model.quiz_status == TrainingStatus.PASSED.value
    return {"scorm": scorm, "quiz": quiz, "scorm_or_quiz": db.or_(scorm, quiz)}[gate]


def passed_at(model, gate: str | None = None):
    """Return the SQL expression of when a record's module counted as passed under the gate: the SCORM completion's
    date, the quiz's first pass, or (either) the earlier of those that count; NULL where the date is not known."""
    gate = check_gate(gate or training_gate())
    if gate == "scorm":
        return model.completed_at
    if gate == "quiz":
        return model.quiz_passed_at
    scorm = model.status.in_(DONE_STATUSES)
    quiz = model.quiz_status == TrainingStatus.PASSED.value
    earlier = db.case((model.quiz_passed_at.is_(None), model.completed_at),
                      (model.completed_at.is_(None), model.quiz_passed_at),
                      (model.completed_at <= model.quiz_passed_at, model.completed_at), else_=model.quiz_passed_at)
    return db.case((db.and_(scorm, quiz), earlier), (scorm, model.completed_at), else_=model.quiz_passed_at)


def trained_people(gate: str | None = None):
    """Return a select of the ids of people who passed all three OER modules as the gate says (mentor eligibility,
    the report's eligible mentors, who may shadow)."""
    return (db.select(TrainingRecord.person_id)
            .where(passed_clause(TrainingRecord, gate), TrainingRecord.module_id.in_(OER_MODULES))
            .group_by(TrainingRecord.person_id)
            .having(db.func.count(db.distinct(TrainingRecord.module_id)) >= len(set(OER_MODULES))))
