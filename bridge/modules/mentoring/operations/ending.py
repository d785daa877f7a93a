"""Ending a tandem (completed or ended early) and offering the mentee to become a mentor."""
from flask import current_app

from bridge.core import audit
from bridge.core.db import db, utcnow
from bridge.core.effects import after_commit
from bridge.core.errors import N_, Conflict, PermissionDenied
from bridge.core.mail import send_mail
from bridge.core.permissions import require
from bridge.core.roles import Role
from bridge.modules.mentoring.models import MentorCandidate
from bridge.modules.pairing.operations import pairs as pairing
from bridge.modules.pairing.models import MentorProfile, Pair, PairState
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
              person=candidate.person, link=f"{current_app.config['BASE_URL']}/pairs/{candidate.pair_id}/")


def complete_pair(actor, pair: Pair, comment: str = "") -> Pair:
    """Mark the tandem completed and offer the mentee the mentor role."""
    require(actor, "end", pair, END_DENIED)
    pairing.transition(pair, PairState.COMPLETED, actor, comment)
    _offer_mentor_role(actor, pair)
    return pair


def end_pair_early(actor, pair: Pair, reason: str) -> Pair:
    """End the tandem before completion, with a reason."""
    require(actor, "end", pair, END_DENIED)
    return pairing.transition(pair, PairState.ENDED_EARLY, actor, reason)


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
