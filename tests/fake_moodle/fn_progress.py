"""Fake activity completion and grade report functions with Moodle 4.5 semantics."""
from tests.fake_moodle.errors import invalid_user, user_deleted
from tests.fake_moodle.fn_courses import course_or_fail
from tests.fake_moodle.schema import Opt
from tests.fake_moodle.state import STUDENT

I = "int"
COURSE_USER = {"courseid": I, "userid": I}
GRADE_ITEMS = {"courseid": I, "userid": Opt(I, 0), "groupid": Opt(I, 0)}


def _status(state, module, userid, tracked):
    """Return one entry of core_completion_get_activities_completion_status."""
    value, when = state.completions.get((module.cmid, userid), (0, 0))
    automatic = module.tracking == 2
    details = []
    if automatic:
        rule = {"status": 1 if value else 0, "description": "Complete the activity"}
        details = [{"rulename": "completionstatusrequired", "rulevalue": rule}]
    return {"cmid": module.cmid, "modname": module.modname, "instance": module.instance,
            "state": value, "timecompleted": when if value else 0, "tracking": module.tracking,
            "overrideby": None, "valueused": False, "hascompletion": True, "isautomatic": automatic,
            "istrackeduser": tracked, "uservisible": True, "details": details,
            "isoverallcomplete": value in (1, 2)}


def is_tracked(state, courseid, userid):
    """Tell whether a user counts in completion reports (enrolled as a student)."""
    enrolment = state.enrolments.get((courseid, userid))
    return bool(enrolment and STUDENT in enrolment.roleids)


def activities_completion_status(state, params):
    """Return every tracked activity's state for one user (not enrolled: state 0, untracked)."""
    course = course_or_fail(state, params["courseid"])
    if params["userid"] not in state.users or params["userid"] in state.vanishing:
        raise invalid_user()
    tracked = is_tracked(state, course.id, params["userid"])
    statuses = [_status(state, m, params["userid"], tracked)
                for m in state.course_modules(course.id) if m.tracking]
    return {"statuses": statuses, "warnings": []}


def _grade_entry(module, grade, base):
    """Return one gradeitems entry; weights only show once the item is graded."""
    raw, when = grade if grade else (None, None)
    entry = {**base, "graderaw": raw, "gradedatesubmitted": None, "gradedategraded": when,
             "gradehiddenbydate": False, "gradeneedsupdate": False, "gradeishidden": False,
             "gradeislocked": False, "gradeisoverridden": False,
             "gradeformatted": "-" if raw is None else f"{raw:.2f}",
             "grademin": 0, "grademax": module.grademax if module else 1,
             "rangeformatted": f"0&ndash;{module.grademax if module else 1:g}",
             "percentageformatted": "-" if raw is None else
             f"{100 * raw / (module.grademax if module else 1):.2f} %",
             "feedback": "", "feedbackformat": 0 if raw is None else 2}
    return entry


def _user_grades(state, course, user, modules):
    """Return one usergrades entry: every graded module, then the course total."""
    items, total = [], None
    for m in modules:
        grade = state.grades.get((m.cmid, user.id))
        base = {"id": m.gradeitemid, "itemname": m.name, "itemtype": "mod", "itemmodule": m.modname,
                "iteminstance": m.instance, "itemnumber": 0, "idnumber": "", "categoryid": 1,
                "outcomeid": None, "scaleid": None, "locked": False, "cmid": m.cmid}
        if grade:
            base.update({"weightraw": 1 / len(modules),
                         "weightformatted": f"{100 / len(modules):.2f} %"})
            total = (total or 0) + grade[0] / m.grademax / len(modules)
        items.append(_grade_entry(m, grade, base))
    course_base = {"id": 1, "itemname": None, "itemtype": "course", "itemmodule": None,
                   "iteminstance": course.id, "itemnumber": None, "idnumber": None,
                   "categoryid": None, "outcomeid": None, "scaleid": None, "locked": False}
    latest = max((state.grades[(m.cmid, user.id)][1] for m in modules
                  if (m.cmid, user.id) in state.grades), default=None)
    course_grade = None if total is None else (round(total, 5), latest)
    items.append(_grade_entry(None, course_grade, course_base))
    return {"courseid": course.id, "courseidnumber": course.idnumber, "userid": user.id,
            "userfullname": f"{user.firstname} {user.lastname}", "useridnumber": user.idnumber,
            "maxdepth": 2, "gradeitems": items}


def grade_items(state, params):
    """Return grade items for one user, or (userid 0) every student ordered by last, first name."""
    course = course_or_fail(state, params["courseid"])
    modules = [m for m in state.course_modules(course.id) if m.grademax is not None]
    if params["userid"]:
        if params["userid"] in state.deleted:
            raise user_deleted()
        if params["userid"] not in state.users:
            raise invalid_user()
        userids = [params["userid"]]
    else:
        userids = [e.userid for e in state.course_enrolments(course.id) if STUDENT in e.roleids]
    users = sorted((state.users[u] for u in userids if u in state.users),
                   key=lambda u: (u.lastname, u.firstname, u.id))
    return {"usergrades": [_user_grades(state, course, u, modules) for u in users], "warnings": []}


FUNCTIONS = {
    "core_completion_get_activities_completion_status": (COURSE_USER, activities_completion_status),
    "gradereport_user_get_grade_items": (GRADE_ITEMS, grade_items),
}
