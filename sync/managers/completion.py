"""Activity completion per user (core_completion_get_activities_completion_status)."""
from dataclasses import dataclass

from sync.batch import Call
from sync.managers.base import Manager, from_dict

INCOMPLETE, COMPLETE, COMPLETE_PASS, COMPLETE_FAIL = 0, 1, 2, 3


@dataclass(frozen=True)
class ActivityStatus:
    """Completion of one course module for one user."""

    cmid: int
    modname: str = ""
    instance: int = 0
    state: int = INCOMPLETE
    timecompleted: int = 0
    tracking: int = 0
    istrackeduser: bool = True


def parse_statuses(body):
    """Turn a completion answer into {cmid: ActivityStatus}."""
    statuses = (from_dict(ActivityStatus, s) for s in (body or {}).get("statuses", []))
    return {status.cmid: status for status in statuses}


class CompletionManager(Manager):
    """Per-user activity completion, directly or as a Call for batching."""

    def activities_call(self, courseid, userid):
        """Return the Call that fetches one user's activity completion in a course."""
        return Call("core_completion_get_activities_completion_status",
                    {"courseid": int(courseid), "userid": int(userid)}, parse_statuses,
                    key=("completion", courseid, userid))

    def activities(self, courseid, userid):
        """Return {cmid: ActivityStatus} for one user in a course."""
        call = self.activities_call(courseid, userid)
        return call.parse(self.call(call.wsfunction, call.args))
