"""Labels of the cycle report, and who counts as management only."""
from flask_babel import lazy_gettext as _l

from bridge.core.errors import N_
from bridge.core.roles import Role
from bridge.modules.evaluation.util import ASPECT_LABELS
from bridge.modules.pairing.util import STATE_LABELS as PAIR_STATE_LABELS

CYCLE_STATE_LABELS = {"planned": _l("planned"), "current": _l("current"), "closed": _l("closed")}
CANDIDATE_LABELS = {"eligible_mentor": _l("eligible mentor"),
                    "former_mentee": _l("former mentee, completed a tandem and now eligible")}
SECTION_LABELS = {"people": _l("Staff and mentors"), "tandems": _l("Tandems"),
                  "evaluation": _l("Evaluation: average rating per aspect (1–5)"),
                  "transfer": _l("Transfer")}
MEASURE_LABELS = {
    "trained_staff": _l("Trained staff (all three modules by the end of the cycle)"),
    "eligible_mentors": _l("Eligible mentors (at the close of the cycle, or today)"),
    "mentees_became_mentors": _l("Mentees of this cycle who became mentors"),
    "tandem_duration_days": _l("Average duration of finished tandems (days)"),
    "sessions": _l("Mentoring sessions held"),
    "practices_transferred": _l("Good practices transferred (applied by others)"),
}
for _state, _label in PAIR_STATE_LABELS.items():
    MEASURE_LABELS[f"tandems_{_state}"] = _l("Tandems: %(state)s", state=_l(_label))
for _aspect, _label in ASPECT_LABELS.items():
    MEASURE_LABELS[f"aspect_{_aspect}"] = _l(_label)
NO_DEPARTMENT_LABEL = _l("No department given")
ALL_DEPARTMENTS_LABEL = _l("All departments")
SUPPRESSED_LABEL = _l("fewer than 5")
SMALL_GROUPS_NOTE = N_("Groups smaller than %(n)s people are not shown: such cells read “fewer than %(n)s”. "
                       "Where the total would reveal a hidden cell, a further small department is hidden as well.")

# Endpoints a person who holds only the management role may open; every other page answers 403.
MANAGEMENT_ENDPOINTS = frozenset({
    "cycles.reports", "cycles.report_pdf", "cycles.report_xlsx", "static", "home.index", "home.healthz",
    "home.health", "people.me",  # one's own profile: language and department
})
MANAGEMENT_BLUEPRINTS = frozenset({"accounts", "help"})


def is_management_only(person) -> bool:
    """Return whether the person holds the management role and no other (reports only, nothing personal)."""
    return person is not None and person.role_names == {Role.MANAGEMENT.value}


def may_open_as_management(endpoint: str | None) -> bool:
    """Return whether a management-only person may open the endpoint."""
    if endpoint is None:
        return True  # no route matched: the 404 handler answers
    if endpoint.endswith(".static"):  # a blueprint's static files (Bootstrap's CSS and scripts)
        return True
    return endpoint in MANAGEMENT_ENDPOINTS or endpoint.split(".", 1)[0] in MANAGEMENT_BLUEPRINTS


def department_label(key: str):
    """Return the label of a department key of the report."""
    if key == "*":
        return ALL_DEPARTMENTS_LABEL
    return key or NO_DEPARTMENT_LABEL
