"""Labels (msgids) for the pairing vocabulary, notices of the introductions, and who may do what with a tandem."""
from dataclasses import dataclass, field

from flask_babel import gettext

from flask import current_app, has_request_context

from bridge.core import events
from bridge.core.auth import is_coordinator
from bridge.core.errors import N_, Conflict
from bridge.core.permissions import policy, require
from bridge.modules.pairing.models import CONFIRMED_STATES, FINAL_STATES, Pair

CRITERION_LABELS = {
    "competence": N_("Competences"),
    "availability": N_("Availability"),
    "experience": N_("Experience"),
    "department": N_("Department"),
    "languages": N_("Languages"),
}
UNMATCHED_REASONS = {
    "no_eligible_mentor": N_("No mentor in this run is eligible."),
    "no_shared_language": N_("No eligible mentor shares a language with this mentee."),
    "excluded_by_constraints": N_("Every eligible mentor who shares a language is ruled out (line manager, "
                                  "declared conflict, previous tandem or coordinator exclusion)."),
    "mentors_at_capacity": N_("The compatible mentors have no free place left; no other assignment "
                              "matches more mentees."),
}
PIN_PROBLEMS = {
    "unknown_mentee": N_("the mentee is not part of this run (no profile, or already in a tandem)"),
    "unknown_mentor": N_("the mentor is not part of this run (no mentor profile)"),
    "no_shared_language": N_("they share no language"),
    "mentor_ineligible": N_("the mentor is not eligible"),
    "mentor_at_capacity": N_("the mentor has no free place left"),
    "same_person": N_("it is the same person"),
    "line_manager": N_("one is the other's line manager"),
    "conflict": N_("a conflict of interest was declared"),
    "previous_pair": N_("they were a tandem before"),
    "excluded": N_("the coordinator excluded this pair"),
}
STATE_LABELS = {
    "proposed": N_("proposed"),
    "introduced": N_("introduced"),
    "agreed": N_("agreement signed"),
    "active": N_("active"),
    "completed": N_("completed"),
    "ended_early": N_("ended early"),
}
events.register_labels("pair_state", STATE_LABELS)  # the audit log's "from … to …" in the reader's language
NOTE_LABELS = {"match_reason": N_("reason for the pairing"), "transition": N_("comment on a state change"),
               "override": N_("override with reason"),
               "manager_exception": N_("line-manager exception: justification"),
               "procedures_waived": N_("why the tandem went ahead with the checklist incomplete")}
SOURCE_LABELS = {"automatic": N_("matching run"), "manual": N_("chosen by hand"), "offline": N_("offline decision")}
PROPOSAL_LABELS = {
    "proposed": N_("open"),
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
    "replaced": N_("replaced"),
    "confirmed": N_("confirmed"),
}
CATEGORY_LABELS = {"legal": N_("Legal"), "procedural": N_("Procedural"), "departmental": N_("Departmental")}
SLOT_LABELS = {
    "mon-am": N_("Monday morning"), "mon-pm": N_("Monday afternoon"),
    "tue-am": N_("Tuesday morning"), "tue-pm": N_("Tuesday afternoon"),
    "wed-am": N_("Wednesday morning"), "wed-pm": N_("Wednesday afternoon"),
    "thu-am": N_("Thursday morning"), "thu-pm": N_("Thursday afternoon"),
    "fri-am": N_("Friday morning"), "fri-pm": N_("Friday afternoon"),
}
DEPARTMENT_PREFERENCE_LABELS = {"none": N_("no preference"), "same": N_("prefer the same department"),
                                "cross": N_("prefer a different department")}
MODE_LABELS = {"online": N_("online"), "onsite": N_("on-site")}
MODULE_STATUS_LABELS = {
    "not_attempted": N_("not started"),
    "incomplete": N_("in progress"),
    "completed": N_("completed"),
    "passed": N_("passed"),
    "failed": N_("failed"),
}


@dataclass(frozen=True)
class Notice:
    """A non-fatal problem an operation reports (e.g. Moodle could not be reached)."""

    msgid: str
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        """Return the notice translated into the current language (in English outside a request, for the log)."""
        if not has_request_context():
            return self.msgid % self.params
        return gettext(self.msgid, **self.params)


def coordinators_read_messages() -> bool:
    """Return whether this organisation lets coordinators read tandem messages (default: no)."""
    return current_app.config["COORDINATORS_READ_MESSAGES"]


@policy(Pair)
def pair_policy(person, action: str, pair: Pair) -> bool:
    """Members see a confirmed tandem and act in it or end it; coordinators see, move and end any, messages if allowed."""
    if action == "view":
        return is_coordinator(person) or (pair.has_member(person) and pair.state in CONFIRMED_STATES)
    if action == "end":
        return pair.has_member(person) or is_coordinator(person)
    if action == "read_messages":
        return pair.has_member(person) or (is_coordinator(person) and coordinators_read_messages())
    if action == "act_as_member":
        return pair.has_member(person)
    if action == "transition":
        return is_coordinator(person)
    return False


def require_member(actor, pair: Pair) -> Pair:
    """Raise PermissionDenied unless the actor is the tandem's mentor or mentee."""
    return require(actor, "act_as_member", pair, N_("Only the two members of the tandem can do this."))


def require_open(pair: Pair) -> Pair:
    """Raise Conflict if the tandem has ended (its workspace is then read-only)."""
    if pair.state in FINAL_STATES:
        raise Conflict(N_("This tandem has ended; its workspace can be read but not changed."))
    return pair
