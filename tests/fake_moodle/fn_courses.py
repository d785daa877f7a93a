"""Fake course, enrolment, group and message functions with Moodle 4.5 semantics."""
from tests.fake_moodle.errors import (FakeMoodleError, invalid_parameter, missing_record)
from tests.fake_moodle.schema import Opt

S, I, B = "str", "int", "bool"
ENROL = {"enrolments": [{"roleid": I, "userid": I, "courseid": I, "timestart": Opt(I),
                         "timeend": Opt(I), "suspend": Opt(B)}]}
UNENROL = {"enrolments": [{"userid": I, "courseid": I, "roleid": Opt(I)}]}
ENROLLED = {"courseid": I, "options": Opt([{"name": S, "value": S}], [])}
BY_FIELD = {"field": Opt(S, ""), "value": Opt(S, "")}
GROUPS = {"groups": [{"courseid": I, "name": S, "description": S, "descriptionformat": Opt(I, 1),
                      "enrolmentkey": Opt(S), "idnumber": Opt(S), "visibility": Opt(I),
                      "participation": Opt(B),
                      "customfields": Opt([{"shortname": S, "value": S}])}]}
MEMBERS = {"members": [{"groupid": I, "userid": I}]}
MESSAGES = {"messages": [{"touserid": I, "text": S, "textformat": Opt(I, 1),
                          "clientmsgid": Opt(S)}]}
ASSIGNABLE = {3, 4, 5}


def course_or_fail(state, courseid):
    """Return a course or raise Moodle's missing-record error."""
    if courseid not in state.courses:
        raise missing_record("course")
    return state.courses[courseid]


def course_details(state, course):
    """Return one course as core_course_get_courses_by_field reports it."""
    teachers = [e.userid for e in state.course_enrolments(course.id) if 3 in e.roleids]
    return {
        "id": course.id, "fullname": course.fullname, "displayname": course.fullname,
        "shortname": course.shortname,
        "courseimage": f"{state.siteurl}/course/generated/course.svg",
        "categoryid": course.categoryid, "categoryname": f"Category {course.categoryid}",
        "sortorder": 10000 + course.id, "summary": "", "summaryformat": 1, "summaryfiles": [],
        "overviewfiles": [], "showactivitydates": False, "showcompletionconditions": True,
        "contacts": [{"id": u, "fullname": _fullname(state, u)} for u in teachers],
        "enrollmentmethods": ["manual"], "idnumber": course.idnumber, "format": "topics",
        "showgrades": 1, "newsitems": 0, "startdate": course.startdate, "enddate": 0, "maxbytes": 0,
        "showreports": 0, "visible": 1, "groupmode": 0, "groupmodeforce": 0, "defaultgroupingid": 0,
        "enablecompletion": course.enablecompletion, "completionnotify": 0, "lang": "", "theme": "",
        "marker": 0, "legacyfiles": 0, "calendartype": "", "timecreated": course.startdate,
        "timemodified": course.startdate, "requested": 0, "cacherev": course.startdate,
        "filters": [{"filter": "activitynames", "localstate": 0, "inheritedstate": 1}],
        "courseformatoptions": [{"name": "hiddensections", "value": 1},
                                {"name": "coursedisplay", "value": 0},
                                {"name": "indentation", "value": "1"}]}


def _fullname(state, userid):
    """Return a user's full name."""
    user = state.users[userid]
    return f"{user.firstname} {user.lastname}"


def get_courses_by_field(state, params):
    """Return courses matching one field (id, ids, shortname, idnumber, category)."""
    field, value = params["field"], params["value"]
    pick = {"": lambda c: True, "id": lambda c: str(c.id) == value,
            "ids": lambda c: str(c.id) in value.split(","),
            "shortname": lambda c: c.shortname == value,
            "idnumber": lambda c: c.idnumber == value,
            "category": lambda c: str(c.categoryid) == value}
    if field not in pick:
        raise invalid_parameter(f"Invalid field name {field}")
    courses = sorted(state.courses.values(), key=lambda c: c.id)
    found = [c for c in courses if c.id != 1 and pick[field](c)]
    return {"courses": [course_details(state, c) for c in found], "warnings": []}


def enrol_users(state, params):
    """Enrol (or re-enrol) users: omitted timestart/timeend/suspend reset to 0/0/active."""
    done = []
    try:
        for item in params["enrolments"]:
            if item["courseid"] not in state.courses:
                raise invalid_parameter("Context does not exist")
            if item["roleid"] not in ASSIGNABLE:
                raise FakeMoodleError(
                    "wsusercannotassign", "You don't have the permission to assign this role "
                    f"({item['roleid']}) to this user ({item['userid']}) in this course "
                    f"({item['courseid']}).")
            if item["userid"] not in state.users:
                raise invalid_parameter(f"Invalid user {item['userid']}")
            key = (item["courseid"], item["userid"])
            done.append((key, _copy(state.enrolments.get(key))))
            state.enrol(item["userid"], item["courseid"], item["roleid"],
                        timestart=item.get("timestart", 0), timeend=item.get("timeend", 0),
                        status=1 if item.get("suspend") else 0)
    except FakeMoodleError:
        _rollback_enrolments(state, done)
        raise
    return None


def _copy(enrolment):
    """Return a detached copy of an enrolment (or None)."""
    if enrolment is None:
        return None
    return type(enrolment)(**{**enrolment.__dict__, "roleids": set(enrolment.roleids)})


def _rollback_enrolments(state, done):
    """Restore enrolments changed by a failed call."""
    for key, before in reversed(done):
        if before is None:
            state.enrolments.pop(key, None)
        else:
            state.enrolments[key] = before


def unenrol_users(state, params):
    """Remove manual enrolments."""
    for item in params["enrolments"]:
        state.enrolments.pop((item["courseid"], item["userid"]), None)
    return None


FUNCTIONS = {
    "core_course_get_courses_by_field": (BY_FIELD, get_courses_by_field),
    "enrol_manual_enrol_users": (ENROL, enrol_users),
    "enrol_manual_unenrol_users": (UNENROL, unenrol_users),
}
