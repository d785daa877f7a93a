"""Server-cost model of the fake Moodle: seconds per request, per call and per returned row.

Calibrated on the figures measured on a real Moodle 4.5.5 site (PHP 8.2, PostgreSQL 15, 4 PHP
workers, 2,041 learners in one course; issue 12 and DESIGN.md section 6):

| measured on Moodle                                        | real    | this model |
|-----------------------------------------------------------|---------|------------|
| one user's completion status, one request                 | 0.05 s  | 0.050 s    |
| one user's grade items, one request                       | 0.07 s  | 0.070 s    |
| whole-course grade report (userid=0), 2,041 users         | 28.9 s  | 28.6 s     |
| roster, all user fields / userfields=id,idnumber,...      | 11.6 s / 1.24 s | 11.7 s / 1.27 s |
| roster + completion x50 batches, 4 client threads         | 21.6 s  | ~21 s      |
| per-user loop (roster + one completion request per user)  | 117 s   | ~114 s     |

The batched figure fixes the cost of one inner completion call on a course of that size (36 ms);
the single-request figures then leave 14 ms of bootstrap per HTTP request.
"""
from dataclasses import dataclass, field

REQUEST = 0.014
# wsfunction: (seconds per call, seconds per returned user or row)
CALLS = {
    "core_completion_get_activities_completion_status": (0.036, 0.0),
    "gradereport_user_get_grade_items": (0.042, 0.014),
    "core_enrol_get_enrolled_users": (0.030, 0.0057),
    "mod_scorm_get_scorms_by_courses": (0.020, 0.002),
    # Not measured: modelled like one user's grade items (it reads the quiz's attempts and the
    # gradebook item for the grade to pass).
    "mod_quiz_get_user_best_grade": (0.056, 0.0),
    "mod_quiz_get_quizzes_by_courses": (0.020, 0.002),
    "tool_mobile_call_external_functions": (0.0, 0.0),
}
DEFAULT_CALL = (0.005, 0.0005)
LEAN_ROSTER_ROW = 0.0006
LEAN_FIELDS = {"id", "idnumber", "email", "lastcourseaccess", "roles", "fullname"}


def returned_rows(wsfunction, result):
    """Return how many users or rows a call's answer carries."""
    if wsfunction == "gradereport_user_get_grade_items" and isinstance(result, dict):
        return len(result.get("usergrades", []))
    if wsfunction == "mod_scorm_get_scorms_by_courses" and isinstance(result, dict):
        return len(result.get("scorms", []))
    if wsfunction == "mod_quiz_get_quizzes_by_courses" and isinstance(result, dict):
        return len(result.get("quizzes", []))
    return len(result) if isinstance(result, list) else 1


def _userfields(params):
    """Return the userfields option of a roster call as a set (None: all fields)."""
    for option in params.get("options") or []:
        if isinstance(option, dict) and option.get("name") == "userfields":
            return {f.strip() for f in str(option.get("value", "")).split(",")}
    return None


@dataclass
class CostModel:
    """Seconds of server time per request and call; `scale` turns them into real sleeps."""

    request: float = REQUEST
    calls: dict = field(default_factory=lambda: dict(CALLS))
    workers: int = 4
    scale: float = 1.0

    def call_cost(self, wsfunction, params, result):
        """Return the simulated seconds one (inner or outer) call costs."""
        per_call, per_row = self.calls.get(wsfunction, DEFAULT_CALL)
        if wsfunction == "core_enrol_get_enrolled_users":
            fields = _userfields(params)
            if fields is not None and fields <= LEAN_FIELDS:
                per_row = LEAN_ROSTER_ROW
        return per_call + per_row * returned_rows(wsfunction, result)
