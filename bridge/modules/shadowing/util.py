"""The checklist for trainers who run job shadowing (toolkit part 4), item by item."""
from bridge.core.auth import is_coordinator
from bridge.core.errors import N_
from bridge.core.permissions import policy
from bridge.modules.shadowing.models import JobShadowingActivity

CHECKLIST = (
    ("before", N_("Before"), (
        ("goals", N_("Learning goals agreed with the host and linked to the focus competences")),
        ("host_agreed", N_("Host and their line manager agreed; dates, times and place confirmed")),
        ("data_protection", N_("Confidentiality and data protection explained; the shadower signed the "
                               "confidentiality note")),
        ("clients", N_("Clients are told that an observer is present and may refuse")),
        ("observation_sheet", N_("Observation sheet prepared for the focus competences")),
    )),
    ("during", N_("During"), (
        ("briefing", N_("Short briefing on the day: schedule, role of the observer, how to behave with clients")),
        ("notes", N_("Observations noted factually (what was seen and heard, not judgements)")),
        ("check_in", N_("Short check-in with the host between appointments")),
    )),
    ("after", N_("After"), (
        ("debriefing", N_("Debriefing held within a week: observations discussed, questions answered")),
        ("feedback", N_("Constructive feedback given to the host, strengths first")),
        ("next_steps", N_("Next steps agreed: what the host will try in their own work")),
        ("follow_up", N_("Follow-up date set to review what was applied")),
    )),
)
ITEM_KEYS = tuple(key for _group, _label, items in CHECKLIST for key, _text in items)


def progress(checklist: dict) -> tuple[int, int]:
    """Return how many checklist items are ticked, and how many there are."""
    return sum(1 for key in ITEM_KEYS if checklist.get(key)), len(ITEM_KEYS)


@policy(JobShadowingActivity)
def activity_policy(person, action: str, activity: JobShadowingActivity) -> bool:
    """Coordinators and the people involved see a record; coordinators and the shadower edit it."""
    if action == "view":
        return is_coordinator(person) or activity.involves(person)
    if action == "edit":
        return is_coordinator(person) or person.id == activity.shadower_id
    return False
