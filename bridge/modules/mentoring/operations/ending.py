"""Ending a tandem (completed or ended early) and offering the mentee to become a mentor."""
from bridge.core import audit
from bridge.core.db import db, utcnow
from bridge.core.effects import after_commit
from bridge.core.errors import N_, Conflict, PermissionDenied
from bridge.core.mail import send_mail
from bridge.core.permissions import require
from bridge.core.roles import Role
from bridge.core.urls import external_url
from bridge.modules.mentoring.models import MentorCandidate
from bridge.modules.mentoring.operations.reminders import coordinators
from bridge.modules.pairing.operations import pairs as pairing
from bridge.modules.pairing.models import MentorProfile, Pair, PairState
from bridge.modules.people.models import Person
from bridge.modules.people.operations import set_roles


END_DENIED = N_("Only the tandem's members or a coordinator can end a tandem.")


def find_candidate(person) -> MentorCandidate | None:
    """Return the person's open or accepted offer to become a mentor, or None."""
    return db.session.scalar(db.select(MentorCandidate).where(MentorCandidate.person_id == person.id))


def _offer_mentor_role(actor, pair: Pair) -> MentorCandidate | None:
    mentee = pair.mentee
    if mentee.has_role(Role.MENTOR) or find_candidate(mentee) is not None:
        return None
    candidate = MentorCandidate(person_id=mentee.id, pair_id=pair.id)
    db.session.add(candidate)
    db.session.flush()
    audit.record(actor, "mentoring.mentor_offered", candidate, mentee.full_name, pair=pair.id)
    after_commit(mail_mentor_offer, candidate.id)
    return candidate


def mail_mentor_offer(candidate_id: int) -> None:
    """Ask the former mentee by mail whether they would like to become a mentor (an after-commit effect)."""
    candidate = db.session.get(MentorCandidate, candidate_id)
    if candidate is None:
        return
    send_mail(candidate.person, N_("Would you like to become a mentor?"), "mail/mentor_offer.txt",
              person=candidate.person, link=external_url(f"/pairs/{candidate.pair_id}/"))


def complete_pair(actor, pair: Pair, comment: str = "", override: bool = False) -> Pair:
    """Mark the tandem completed (the state machine guards it); congratulate and offer after the commit."""
    require(actor, "end", pair, END_DENIED)
    pairing.transition(pair, PairState.COMPLETED, actor, comment, override=override)
    _offer_mentor_role(actor, pair)
    after_commit(mail_completed, pair.id)
    return pair


def mail_completed(pair_id: int) -> None:
    """Congratulate both members on the completed tandem (an after-commit effect; only if it is still completed)."""
    pair = db.session.get(Pair, pair_id)
    if pair is None or pair.state != PairState.COMPLETED.value:
        return
    for person in (pair.mentor, pair.mentee):
        send_mail(person, N_("Congratulations on completing your tandem"), "mail/pair_completed.txt",
                  person=person, partner=pair.partner_of(person).full_name,
                  link=external_url(f"/pairs/{pair.id}/"))


def end_pair_early(actor, pair: Pair, reason: str) -> Pair:
    """End the tandem before completion, with a reason; the coordinators are told after the commit."""
    require(actor, "end", pair, END_DENIED)
    pairing.transition(pair, PairState.ENDED_EARLY, actor, reason)
    after_commit(mail_ended_early, pair.id, actor.id)
    return pair


def mail_ended_early(pair_id: int, actor_id: int) -> None:
    """Tell every coordinator that a tandem ended early, and why (an after-commit effect)."""
    pair, actor = db.session.get(Pair, pair_id), db.session.get(Person, actor_id)
    if pair is None or pair.state != PairState.ENDED_EARLY.value:
        return
    for person in coordinators():
        send_mail(person, N_("A tandem has ended early"), "mail/pair_ended_coordinator.txt", person=person,
                  pair=pair, actor=actor.full_name if actor else "", reason=pair.end_reason,
                  link=external_url(f"/pairing/pairs/{pair.id}"))


def accept_mentor_role(person) -> MentorCandidate:
    """Accept the offer: the person becomes a mentor with an empty mentor profile to fill in."""
    candidate = find_candidate(person)
    if candidate is None:
        raise PermissionDenied(N_("You have not been offered the mentor role."))
    if candidate.accepted_at is not None:
        raise Conflict(N_("You have already accepted."))
    candidate.accepted_at = utcnow()
    set_roles(person, person.role_names | {Role.MENTOR.value})
    if db.session.scalar(db.select(MentorProfile).where(MentorProfile.person_id == person.id)) is None:
        db.session.add(MentorProfile(person_id=person.id))
    db.session.flush()
    audit.record(person, "mentoring.mentor_accepted", candidate, person.full_name)
    return candidate
