"""Pins (pairs required in the next runs) and exclusions (pairs ruled out), set by the coordinator."""
from bridge.core import audit
from bridge.core.db import db
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.modules.pairing.models import MatchExclusion, MatchPin
from bridge.modules.people.models import Person

MAX_COMMENT = 2000


def check_pair_roles(mentor: Person, mentee: Person) -> None:
    """Reject a pair unless a distinct active mentor and mentee are named."""
    if mentor is None or not mentor.is_active or not mentor.has_role("mentor"):
        raise ValidationFailed(N_("Choose an active person with the mentor role."), field="mentor_id")
    if mentee is None or not mentee.is_active or not mentee.has_role("mentee"):
        raise ValidationFailed(N_("Choose an active person with the mentee role."), field="mentee_id")
    if mentor.id == mentee.id:
        raise ValidationFailed(N_("A person cannot mentor themselves."), field="mentor_id")


def clean_comment(comment: str | None, required: bool = False, field: str = "comment") -> str:
    """Return the trimmed comment; reject a missing required one and overlong ones."""
    comment = (comment or "").strip()
    if required and not comment:
        raise ValidationFailed(N_("Please add a comment that explains the decision."), field=field)
    if len(comment) > MAX_COMMENT:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field=field, n=MAX_COMMENT)
    return comment


def add_pin(actor: Person, mentor: Person, mentee: Person, comment: str = "") -> MatchPin:
    """Require a pair in the next runs (replaces the mentee's earlier pin)."""
    check_pair_roles(mentor, mentee)
    comment = clean_comment(comment)
    pin = db.session.scalar(db.select(MatchPin).where(MatchPin.mentee_id == mentee.id)) or MatchPin(
        mentee_id=mentee.id)
    pin.mentor_id, pin.comment, pin.created_by_id = mentor.id, comment, actor.id
    db.session.add(pin)
    db.session.flush()
    audit.record(actor, "pairing.pin_added", pin, f"{mentor.full_name} – {mentee.full_name}", comment=comment)
    return pin


def add_exclusion(actor: Person, mentor: Person, mentee: Person, comment: str = "") -> MatchExclusion:
    """Rule a pair out of the next runs."""
    check_pair_roles(mentor, mentee)
    comment = clean_comment(comment)
    exists = db.session.scalar(db.select(MatchExclusion).where(MatchExclusion.mentor_id == mentor.id,
                                                               MatchExclusion.mentee_id == mentee.id))
    if exists is not None:
        raise Conflict(N_("This pair is already excluded."), field="mentor_id")
    exclusion = MatchExclusion(mentor_id=mentor.id, mentee_id=mentee.id, comment=comment, created_by_id=actor.id)
    db.session.add(exclusion)
    db.session.flush()
    audit.record(actor, "pairing.exclusion_added", exclusion, f"{mentor.full_name} – {mentee.full_name}",
                 comment=comment)
    return exclusion


def remove_constraint(actor: Person, item: MatchPin | MatchExclusion) -> None:
    """Delete a pin or an exclusion."""
    kind = "pin" if isinstance(item, MatchPin) else "exclusion"
    audit.record(actor, f"pairing.{kind}_removed", item, f"{item.mentor.full_name} – {item.mentee.full_name}")
    db.session.delete(item)
