"""Build the engine's inputs from the database, run the matching, and manage pins and exclusions.

The engine sees person ids as both ``id`` and ``person_id`` (a person has at most one profile of
each kind). Protected characteristics (age, gender, nationality, religion, name) are never inputs.
"""
from dataclasses import asdict, dataclass

from sqlalchemy.orm import selectinload

from bridge.core import audit
from bridge.core.db import db
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.modules.pairing.engine.solver import match
from bridge.modules.pairing.engine.types import Constraints, MenteeInput, MentorInput, Weights
from bridge.modules.pairing.models import (
    FINAL_STATES, MatchExclusion, MatchPin, MatchProposal, MatchRun, MenteeProfile, MentorProfile, Pair,
    RunStatus,
)
from bridge.modules.pairing.operations.eligibility import (is_eligible, mentor_standings, procedure_items,
                                                           procedures_complete)
from bridge.modules.people.models import Person, PersonRole


@dataclass(frozen=True)
class EngineInputs:
    """Everything one matching run needs, and the people left out because they have no profile."""

    mentees: list[MenteeInput]
    mentors: list[MentorInput]
    constraints: Constraints
    skipped: list[int]


def _active_with_role(role: str):
    return (db.select(Person).where(Person.archived_at.is_(None), Person.role_links.any(PersonRole.role == role))
            .options(selectinload(Person.role_links)))


def _current_pairs() -> list[Pair]:
    return db.session.scalars(db.select(Pair).where(Pair.state.not_in(FINAL_STATES))).all()


def _mentee_input(profile: MenteeProfile) -> MenteeInput:
    person = profile.person
    languages = [profile.preferred_language] if profile.preferred_language else []
    return MenteeInput(id=person.id, person_id=person.id, wanted=dict(profile.competences),
                       languages=tuple(languages + list(person.languages or [])), department=person.department,
                       availability=frozenset(profile.availability), modes=frozenset(profile.modes),
                       line_manager_id=profile.line_manager_id)


def _mentor_input(profile: MentorProfile, busy: int, eligibility=None) -> MentorInput:
    person = profile.person
    eligible, reason = eligibility or is_eligible(person)
    return MentorInput(id=person.id, person_id=person.id, competences=dict(profile.competences),
                       experience_years=float(profile.experience_years), languages=tuple(person.languages or []),
                       department=person.department, availability=frozenset(profile.availability),
                       modes=frozenset(profile.modes), capacity=max(profile.capacity - busy, 0),
                       eligible=eligible, ineligible_reason="" if eligible else reason,
                       line_manager_id=profile.line_manager_id, conflict_ids=frozenset(profile.conflict_ids))


def build_engine_inputs() -> EngineInputs:
    """Return the engine inputs: unpaired mentees, mentors with their free places, and constraints."""
    current = _current_pairs()
    paired = {pair.mentee_id for pair in current}
    busy = {}
    for pair in current:
        busy[pair.mentor_id] = busy.get(pair.mentor_id, 0) + 1
    mentee_people = [p for p in db.session.scalars(_active_with_role("mentee")) if p.id not in paired]
    mentor_people = db.session.scalars(_active_with_role("mentor")).all()
    mentee_profiles = {p.person_id: p for p in db.session.scalars(db.select(MenteeProfile))}
    mentor_profiles = {p.person_id: p for p in db.session.scalars(db.select(MentorProfile))}
    mentees = [_mentee_input(mentee_profiles[p.id]) for p in mentee_people if p.id in mentee_profiles]
    profiled = [p for p in mentor_people if p.id in mentor_profiles]
    standings = mentor_standings(profiled)  # training and exemptions of every mentor in two queries
    mentors = [_mentor_input(mentor_profiles[p.id], busy.get(p.id, 0), standing.eligibility)
               for p, standing in zip(profiled, standings)]
    skipped = sorted({p.id for p in mentee_people if p.id not in mentee_profiles}
                     | {p.id for p in mentor_people if p.id not in mentor_profiles})
    return EngineInputs(mentees, mentors, _constraints(), skipped)


def tandem_inputs(mentor: Person, mentee: Person) -> EngineInputs:
    """Return the engine inputs of one mentor and one mentee (for an offline tandem's selection report)."""
    busy = sum(pair.mentor_id == mentor.id for pair in _current_pairs())
    mentee_profile = db.session.scalar(db.select(MenteeProfile).where(MenteeProfile.person_id == mentee.id))
    mentor_profile = db.session.scalar(db.select(MentorProfile).where(MentorProfile.person_id == mentor.id))
    mentees = [_mentee_input(mentee_profile)] if mentee_profile else []
    mentors = [_mentor_input(mentor_profile, busy)] if mentor_profile else []
    skipped = [person.id for person, profile in ((mentee, mentee_profile), (mentor, mentor_profile)) if profile is None]
    return EngineInputs(mentees, mentors, Constraints(), skipped)


def _constraints() -> Constraints:
    history = db.session.execute(db.select(Pair.mentor_id, Pair.mentee_id)).all()
    pins = {pin.mentee_id: pin.mentor_id for pin in db.session.scalars(db.select(MatchPin))}
    exclusions = {(e.mentor_id, e.mentee_id) for e in db.session.scalars(db.select(MatchExclusion))}
    return Constraints(previous_pairs=frozenset(map(tuple, history)), pins=pins, exclusions=frozenset(exclusions))


def _plain(value):
    """Return a JSON-ready copy of engine inputs (sets become sorted lists)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (frozenset, set)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def snapshot(inputs: EngineInputs) -> dict:
    """Return the inputs of a run as JSON, with the checklist as it stood."""
    constraints = inputs.constraints
    return {
        "mentees": [_plain(asdict(m)) for m in inputs.mentees],
        "mentors": [_plain(asdict(m)) for m in inputs.mentors],
        "constraints": {"previous_pairs": _plain(constraints.previous_pairs),
                        "pins": [[mentee, mentor] for mentee, mentor in sorted(constraints.pins.items())],
                        "exclusions": _plain(constraints.exclusions)},
        "skipped": inputs.skipped,
        "procedures": [{"title": i.title, "category": i.category, "note": i.note,
                        "done_at": i.done_at.isoformat() if i.done_at else None,
                        "done_by": i.done_by.full_name if i.done_by else ""} for i in procedure_items()],
    }


def inputs_from_snapshot(data: dict) -> tuple[list[MenteeInput], list[MentorInput], Constraints]:
    """Rebuild a run's engine inputs from its stored snapshot."""
    mentees = [MenteeInput(**{**m, "languages": tuple(m["languages"])}) for m in data["mentees"]]
    mentors = [MentorInput(**{**m, "languages": tuple(m["languages"])}) for m in data["mentors"]]
    c = data["constraints"]
    constraints = Constraints(previous_pairs=frozenset(tuple(p) for p in c["previous_pairs"]),
                              pins=dict((mentee, mentor) for mentee, mentor in c["pins"]),
                              exclusions=frozenset(tuple(p) for p in c["exclusions"]))
    return mentees, mentors, constraints


def make_weights(values: dict | None) -> Weights:
    """Return engine weights from plain values; reject negative, non-finite or all-zero weights."""
    try:
        weights = Weights(**(values or {}))
    except (TypeError, ValueError):
        raise ValidationFailed(N_("Weights must be numbers of at least 0.")) from None
    if not any(weights.as_dict().values()):
        raise ValidationFailed(N_("At least one weight must be above zero."))
    return weights


def _check_ready(inputs: EngineInputs) -> None:
    items = procedure_items()
    if not items:
        raise Conflict(N_("Add the organisation's internal procedures to the checklist and mark them done "
                          "before running the matching."))
    if not procedures_complete():
        raise Conflict(N_("The internal procedures checklist is not complete (%(open)s open). Mark every item "
                          "done before running the matching."), open=sum(not i.is_done for i in items))
    if not inputs.mentees:
        raise Conflict(N_("No mentee is waiting for a mentor: every mentee with a profile is already in a tandem."))
    if not inputs.mentors:
        raise Conflict(N_("No mentor has filled in a mentor profile yet."))


def _summary(inputs: EngineInputs, result) -> dict:
    return {
        "mentees": len(inputs.mentees), "mentors": len(inputs.mentors),
        "eligible_mentors": sum(m.eligible for m in inputs.mentors),
        "places": sum(m.capacity for m in inputs.mentors if m.eligible),
        "matched": result.matched_count, "total_score": result.total_score,
        "unmatched": [{"mentee_id": u.mentee_id, "reason": u.reason, "detail": u.detail} for u in result.unmatched],
        "pin_errors": [{"mentee_id": e.mentee_id, "mentor_id": e.mentor_id, "reason": e.reason}
                       for e in result.pin_errors],
    }


def _discard_drafts(actor: Person) -> None:
    for run in db.session.scalars(db.select(MatchRun).where(MatchRun.status == RunStatus.DRAFT.value)):
        run.status = RunStatus.DISCARDED.value
        audit.record(actor, "pairing.run_discarded", run, f"run {run.id}", run=run.id)


def run_matching(actor: Person, weights: dict | Weights | None = None) -> MatchRun:
    """Run the engine on the current profiles and store the run with its proposals (a draft)."""
    weights = weights if isinstance(weights, Weights) else make_weights(weights)
    inputs = build_engine_inputs()
    _check_ready(inputs)
    result = match(inputs.mentees, inputs.mentors, inputs.constraints, weights)
    _discard_drafts(actor)
    run = MatchRun(created_by_id=actor.id, weights={**weights.as_dict(),
                                                    "department_preference": weights.department_preference},
                   inputs=snapshot(inputs), summary=_summary(inputs, result))
    run.proposals = [MatchProposal(mentee_id=p.mentee_id, mentor_id=p.mentor_id, score=p.score,
                                   contributions=dict(p.contributions), pinned=p.pinned,
                                   runners_up=[[mentor, score] for mentor, score in p.runners_up])
                     for p in result.proposals]
    db.session.add(run)
    db.session.flush()
    audit.record(actor, "pairing.run", run, f"run {run.id}", run=run.id, weights=run.weights,
                 matched=result.matched_count, unmatched=len(result.unmatched))
    return run


@dataclass(frozen=True)
class InputSummary:
    """What the matching overview shows of the engine inputs (kept as a figure until the next write)."""

    mentees: int
    mentors: int
    eligible_mentors: int
    free_places: int
    skipped: int


def summarise(inputs: EngineInputs) -> InputSummary:
    """Return the counts the matching overview shows."""
    eligible = [m for m in inputs.mentors if m.eligible]
    return InputSummary(len(inputs.mentees), len(inputs.mentors), len(eligible), sum(m.capacity for m in eligible),
                        len(inputs.skipped))
