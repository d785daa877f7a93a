"""Labels (msgids) of the mentor database, and who sees which part of an entry."""
from bridge.core.auth import is_coordinator
from bridge.core.errors import N_
from bridge.core.permissions import policy
from bridge.core.roles import Role
from bridge.modules.mentordb.operations.mentors import MentorEntry

TRAINING_LABELS = {
    "not_attempted": N_("not started"),
    "incomplete": N_("in progress"),
    "completed": N_("completed"),
    "passed": N_("passed"),
    "failed": N_("failed"),
}


@policy(MentorEntry)
def entry_policy(person, action: str, entry) -> bool:
    """Readers see a mentor's public summary; only coordinators see email, training and tandem history."""
    if action == "view":
        return person.has_role(Role.COORDINATOR, Role.MENTOR, Role.MENTEE)
    return action == "view_private" and is_coordinator(person)
