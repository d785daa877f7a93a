"""Grades from the user grade report (gradereport_user_get_grade_items)."""
from dataclasses import dataclass

from sync.batch import Call
from sync.managers.base import Manager


@dataclass(frozen=True)
class GradeItem:
    """One graded item of one user (activity items carry their course-module id)."""

    cmid: int | None
    itemtype: str
    graderaw: float | None
    grademin: float
    grademax: float
    gradedategraded: int | None

    @property
    def percentage(self):
        """Return the grade as 0-100 of the item's range, or None when not graded."""
        if self.graderaw is None or self.grademax <= self.grademin:
            return None
        return round(100.0 * (self.graderaw - self.grademin) / (self.grademax - self.grademin), 2)


def _item(raw):
    """Build a GradeItem from one gradeitems entry."""
    graderaw = raw.get("graderaw")
    return GradeItem(cmid=raw.get("cmid"), itemtype=raw.get("itemtype") or "",
                     graderaw=None if graderaw is None else float(graderaw),
                     grademin=float(raw.get("grademin") or 0),
                     grademax=float(raw.get("grademax") or 0),
                     gradedategraded=raw.get("gradedategraded"))


def parse_grades(body):
    """Turn a grade report answer into {userid: {cmid: GradeItem}} (activity items only)."""
    result = {}
    for usergrade in (body or {}).get("usergrades", []):
        items = (_item(raw) for raw in usergrade.get("gradeitems", []))
        result[int(usergrade["userid"])] = {i.cmid: i for i in items if i.cmid is not None}
    return result


class GradeManager(Manager):
    """Whole-course grades in one call, or one user's grades as a batchable Call."""

    def user_call(self, courseid, userid):
        """Return the Call that fetches one user's grade items in a course."""
        return Call("gradereport_user_get_grade_items",
                    {"courseid": int(courseid), "userid": int(userid)}, parse_grades,
                    key=("grades", courseid, userid))

    def course(self, courseid):
        """Return {userid: {cmid: GradeItem}} for every gradable user of a course in one call."""
        return parse_grades(self.call("gradereport_user_get_grade_items",
                                      {"courseid": int(courseid), "userid": 0}))
