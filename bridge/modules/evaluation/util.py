"""Evaluation vocabulary labels and small helpers (settings live in bridge.config)."""
from sqlalchemy import and_, false, or_, true
from sqlalchemy.orm import aliased

from bridge.core.auth import is_coordinator
from bridge.core.db import db
from bridge.core.errors import N_
from bridge.core.permissions import policy
from bridge.modules.evaluation.models import EvaluationForm, EvaluationResponse
from bridge.modules.pairing.models import Pair

ASPECT_LABELS = {
    "a": N_("(a) The mentor's ability to mentor"),
    "b": N_("(b) Mentoring aspects and work topics"),
    "c": N_("(c) Methodology"),
    "d": N_("(d) Personal relationship of mentor and mentee"),
    "e": N_("(e) Instruments used and time frame"),
    "f": N_("(f) Other aspects"),
}
TYPE_LABELS = {"session": N_("per session"), "midterm": N_("mid-term"), "final": N_("final"),
               "mutual": N_("mutual"), "programme": N_("programme")}
STATUS_LABELS = {"submitted": N_("submitted"), "due": N_("due"), "upcoming": N_("upcoming")}
ROLE_LABELS = {"mentor": N_("mentor"), "mentee": N_("mentee"), "coordinator": N_("coordinator")}
# Who sees a response besides its respondent, by default per form type; a form's YAML may set `visibility`.
VISIBILITY_DEFAULTS = {"session": "members", "midterm": "members", "mutual": "mutual", "final": "coordinator",
                       "programme": "anonymous"}
VISIBILITY_LABELS = {
    "members": N_("Your answers are visible to the other person in your tandem and to the coordinators."),
    "mutual": N_("Your answers are revealed to the other person in your tandem once both of you have submitted; "
                 "the coordinators see them."),
    "coordinator": N_("Only the coordinators see your answers; the other person in your tandem does not."),
    "anonymous": N_("Your answers are used anonymously: exports and dashboards show no names."),
}
# Share of the tandem's duration after which a form of this type is due.
DUE_FRACTION = {"midterm": 0.5, "final": 1.0, "mutual": 1.0}


def mutual_revealed(pair_id: int, form_key: str) -> bool:
    """Return whether both members have submitted the mutual form (so each may see the other's)."""
    count = db.session.scalar(db.select(db.func.count(EvaluationResponse.id)).where(
        EvaluationResponse.pair_id == pair_id, EvaluationResponse.form_key == form_key))
    return count >= 2


@policy(EvaluationResponse)
def response_policy(person, action: str, response: EvaluationResponse) -> bool:
    """Coordinators and the respondent see a response; the partner as the form's visibility rule says."""
    if action != "view":
        return False
    if is_coordinator(person) or response.respondent_id == person.id:
        return True
    pair, rule = response.pair, response.form.visibility
    if pair is None or not pair.has_member(person) or rule in ("coordinator", "anonymous"):
        return False
    return rule != "mutual" or mutual_revealed(pair.id, response.form_key)


def visible_condition(person):
    """Return the SQL condition on EvaluationResponse that selects what response_policy lets the person see.

    Every query that shows or aggregates answers for a viewer (pages, dashboards) filters with it, so the
    per-form rule (members, mutual, coordinator, anonymous) holds everywhere; a test keeps it equal to the policy.
    """
    if person is None:
        return false()
    if is_coordinator(person):
        return true()
    other = aliased(EvaluationResponse)
    both_submitted = db.select(db.func.count(other.id)).where(
        other.pair_id == EvaluationResponse.pair_id, other.form_key == EvaluationResponse.form_key
    ).scalar_subquery() >= 2
    rule = db.select(EvaluationForm.visibility).where(EvaluationForm.id == EvaluationResponse.form_id) \
        .scalar_subquery()
    own_pairs = db.select(Pair.id).where((Pair.mentor_id == person.id) | (Pair.mentee_id == person.id))
    return or_(EvaluationResponse.respondent_id == person.id,
               and_(EvaluationResponse.pair_id.in_(own_pairs),
                    or_(rule == "members", and_(rule == "mutual", both_submitted))))


def anonymous_condition():
    """Return the SQL condition on EvaluationResponse that selects responses to anonymous forms."""
    return EvaluationResponse.form_id.in_(db.select(EvaluationForm.id).where(EvaluationForm.visibility == "anonymous"))


def shows_respondent(person, response: EvaluationResponse) -> bool:
    """Return whether a page may name the respondent to the person (never for anonymous forms, except to them)."""
    return response.form.visibility != "anonymous" or (person is not None and response.respondent_id == person.id)
