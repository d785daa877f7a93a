"""Pairs (tandems): creation under the hard rules, and the state machine with its logged transitions."""
from sqlalchemy.orm import joinedload, lazyload

from bridge.core import audit
from bridge.core.db import claim, db, lock_rows, utcnow
from bridge.core.auth import is_coordinator
from bridge.core.errors import N_, Conflict, PermissionDenied, ValidationFailed
from bridge.modules.pairing.models import (
    FINAL_STATES, TRANSITIONS, CoordinatorNote, MatchPin, MenteeProfile, MentorProfile, Pair, PairSource, PairState,
    PairTransition,
)
from bridge.modules.pairing.operations import lifecycle
from bridge.modules.pairing.operations.eligibility import is_eligible
from bridge.modules.pairing.operations.pins import check_pair_roles, clean_comment
from bridge.modules.people.models import Person


def with_members() -> list:
    """Return loader options for a tandem's mentor and mentee, without their roles and accounts (which a person
    brings along by default, two more queries per person): for pages that show the members' names."""
    return [joinedload(member).options(lazyload(Person.role_links), lazyload(Person.account))
            for member in (Pair.mentor, Pair.mentee)]


def current_pairs_of(person: Person) -> list[Pair]:
    """Return the person's pairs that are not completed or ended (with both members, in one query)."""
    return db.session.scalars(db.select(Pair).options(*with_members()).where(
        (Pair.mentor_id == person.id) | (Pair.mentee_id == person.id),
        Pair.state.not_in(FINAL_STATES)).order_by(Pair.id)).unique().all()


def _profile(model, person: Person):
    return db.session.scalar(db.select(model).where(model.person_id == person.id))


def is_line_manager_pair(mentor: Person, mentee: Person) -> bool:
    """Return whether one of the two is the other's line manager (as their mentoring profiles say)."""
    mentee_profile, mentor_profile = _profile(MenteeProfile, mentee), _profile(MentorProfile, mentor)
    managers = {(mentee_profile.line_manager_id if mentee_profile else None),
                (mentor_profile.line_manager_id if mentor_profile else None)}
    return mentor.id in managers or mentee.id in managers


def _check_relations(mentor: Person, mentee: Person, exception_reason: str = "") -> bool:
    """Raise on a relation that forbids the pair; return whether a line-manager exception lets it through."""
    exception = False
    if is_line_manager_pair(mentor, mentee):
        if not exception_reason:
            raise Conflict(N_("%(mentor)s and %(mentee)s cannot be paired: one is the other's line manager. A "
                              "coordinator may allow it as an exception with a written justification."),
                           field="exception_reason", mentor=mentor.full_name, mentee=mentee.full_name)
        exception = True
    mentor_profile = _profile(MentorProfile, mentor)
    if mentor_profile and mentee.id in mentor_profile.conflict_ids:
        raise Conflict(N_("%(mentor)s declared a conflict of interest with %(mentee)s."),
                       mentor=mentor.full_name, mentee=mentee.full_name)
    return exception


def _check_free(mentor: Person, mentee: Person) -> None:
    if any(pair.mentee_id == mentee.id for pair in current_pairs_of(mentee)):
        raise Conflict(N_("%(name)s is already in a current tandem."), name=mentee.full_name)
    profile = _profile(MentorProfile, mentor)
    busy = sum(pair.mentor_id == mentor.id for pair in current_pairs_of(mentor))
    if profile is not None and busy >= profile.capacity:
        raise Conflict(N_("%(name)s has no free place left (capacity %(capacity)s)."),
                       name=mentor.full_name, capacity=profile.capacity)


def check_pairing_allowed(mentor: Person, mentee: Person, exception_reason: str = "") -> bool:
    """Raise unless the two may form a tandem now (roles, eligibility, relations, free places).

    A line-manager pair is allowed only with a coordinator's written justification (exception_reason);
    return whether that exception was needed.
    """
    lock_rows(Person, [mentor.id, mentee.id])  # parallel requests for the same people wait here, then see the result
    check_pair_roles(mentor, mentee)
    if not is_eligible(mentor).ok:
        raise Conflict(N_("%(name)s is not eligible as a mentor yet (training not completed, no exemption)."),
                       name=mentor.full_name)
    exception = _check_relations(mentor, mentee, exception_reason)
    _check_free(mentor, mentee)
    return exception


def add_note(pair: Pair, actor: Person | None, kind: str, body: str, transition: PairTransition | None = None) -> None:
    """Keep a coordinator's note on the tandem apart from its participant-visible history (empty notes are skipped)."""
    if body:
        pair.notes.append(CoordinatorNote(kind=kind, body=body, author_id=getattr(actor, "id", None),
                                          transition=transition))


def _log(pair: Pair, from_state: str | None, to_state: str, actor: Person | None, comment: str,
         override: bool = False, event: str = "", event_params: dict | None = None) -> None:
    """Log the state change; a comment from someone outside the tandem (a coordinator) becomes a private note."""
    private = actor is not None and not pair.has_member(actor)
    step = PairTransition(from_state=from_state, to_state=to_state, actor_id=getattr(actor, "id", None),
                          comment="" if private else comment, event=event, event_params=event_params or {})
    pair.transitions.append(step)
    if private:
        add_note(pair, actor, "override" if override else "transition", comment, step)


def create_pair(actor: Person, mentor: Person, mentee: Person, source: PairSource, reason: str = "",
                run_id: int | None = None, exception_reason: str = "") -> Pair:
    """Create a tandem in state proposed after checking it is allowed.

    exception_reason is a coordinator's justification for a line-manager pair; it is used (audited and kept as a
    coordinator note) only when the two are in fact in a line-manager relation.
    """
    if exception_reason and not is_coordinator(actor):
        raise PermissionDenied(N_("Only coordinators may allow a line-manager pair."))
    exception = check_pairing_allowed(mentor, mentee, exception_reason)
    pair = Pair(mentor_id=mentor.id, mentee_id=mentee.id, state=PairState.PROPOSED.value, source=source.value,
                run_id=run_id, created_by_id=actor.id, line_manager_exception=exception)
    _log(pair, None, PairState.PROPOSED.value, actor, "")
    add_note(pair, actor, "match_reason", reason)
    if exception:
        add_note(pair, actor, "manager_exception", exception_reason)
    db.session.add(pair)
    pin = db.session.scalar(db.select(MatchPin).where(MatchPin.mentee_id == mentee.id))
    if pin is not None:  # the tandem settles the pin; later runs must not report it
        db.session.delete(pin)
    db.session.flush()
    audit.record(actor, "pair.created", pair, f"{mentor.full_name} – {mentee.full_name}",
                 source=source.value, reason=reason)
    if exception:
        audit.record(actor, "pairing.line_manager_exception", pair, f"{mentor.full_name} – {mentee.full_name}",
                     justification=exception_reason)
    return pair


def allowed_next_states(pair: Pair) -> tuple[str, ...]:
    """Return the states the pair may move to."""
    return tuple(state.value for state in TRANSITIONS[PairState(pair.state)])


def transition(pair: Pair, to_state: str | PairState, actor: Person, comment: str = "",
               override: bool = False, event: str = "", event_params: dict | None = None) -> Pair:
    """Move a pair along the state machine after its guards (lifecycle.check), logging the author and comment.

    A change the system makes because of something else passes that cause as an event code of
    bridge/core/events.py with its parameters (event="session.first_confirmed"), never as English text."""
    target = to_state.value if isinstance(to_state, PairState) else to_state
    if target not in {s.value for s in PairState}:
        raise ValidationFailed(N_("Unknown state."), field="to_state")
    if target not in allowed_next_states(pair):
        raise Conflict(N_("A tandem cannot go from %(current)s to %(target)s."), current=pair.state, target=target)
    comment = clean_comment(comment, required=target == PairState.ENDED_EARLY.value)
    lifecycle.check(pair, lifecycle.action_for(target), actor, comment, override)
    if pair.id is not None and not claim(Pair, pair.id, Pair.state == pair.state, state=target):
        raise Conflict(N_("This tandem was changed at the same moment by someone else. Please check its page."))
    before, pair.state = pair.state, target
    if target == PairState.ACTIVE.value:
        pair.started_at = utcnow()
    if target in FINAL_STATES:
        pair.ended_at = utcnow()
        pair.end_reason = comment if target == PairState.ENDED_EARLY.value else ""
    _log(pair, before, target, actor, comment, override, event, event_params)
    audit.record(actor, "pair.transition", pair, f"{before} → {target}", comment=comment,
                 from_state=before, to_state=target, override=override, **({"event": event} if event else {}))
    return pair


# Filters of the coordinator's tandem list (?attention=NAME) that need other domains' data (sessions,
# agreements, evaluations): registered by the overview, which links to them. name -> (label, condition(today)).
PAIR_FILTERS: dict = {}


def pair_filter(name: str, label: str):
    """Register a condition on Pair (a function of today's date) as the tandem list's filter `name`."""
    def register(fn):
        PAIR_FILTERS[name] = (label, fn)
        return fn
    return register
