"""Evaluation vocabulary labels and small helpers (settings live in bridge.config)."""
from bridge.core.auth import is_coordinator
from bridge.core.db import db
from bridge.core.errors import N_
from bridge.core.permissions import policy
from bridge.modules.evaluation.models import EvaluationResponse

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
# Share of the tandem's duration after which a form of this type is due.
DUE_FRACTION = {"midterm": 0.5, "final": 1.0, "mutual": 1.0}


def mutual_revealed(pair_id: int, form_key: str) -> bool:
    """Return whether both members have submitted the mutual form (so each may see the other's)."""
    count = db.session.scalar(db.select(db.func.count(EvaluationResponse.id)).where(
        EvaluationResponse.pair_id == pair_id, EvaluationResponse.form_key == form_key))
    return count >= 2


@policy(EvaluationResponse)
def response_policy(person, action: str, response: EvaluationResponse) -> bool:
    """Coordinators, the respondent and the partner see a response; mutual ones once both have answered."""
    if action != "view":
        return False
    if is_coordinator(person):
        return True
    if response.respondent_id == person.id:
        return True
    pair = response.pair
    if pair is None or not pair.has_member(person):
        return False
    return response.form.type != "mutual" or mutual_revealed(pair.id, response.form_key)
