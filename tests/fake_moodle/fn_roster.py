"""Fake core_enrol_get_enrolled_users, groups (create, add and delete members) and instant messages."""
from tests.fake_moodle.errors import invalid_parameter, missing_record
from tests.fake_moodle.fn_courses import (ENROLLED, GROUPS, MEMBERS, MESSAGES, course_or_fail)
from tests.fake_moodle.fn_users import PIC
from tests.fake_moodle.state import ROLES, Group

DETAIL_ORDER = ("id", "username", "firstname", "lastname", "fullname", "email", "department",
                "idnumber", "firstaccess", "lastaccess", "lastcourseaccess", "city", "country",
                "profileimageurlsmall", "profileimageurl", "groups", "roles", "enrolledcourses")


def _options(options):
    """Read the options list of core_enrol_get_enrolled_users."""
    opts = {"userfields": None, "limitfrom": 0, "limitnumber": 0, "onlyactive": False,
            "onlysuspended": False}
    for option in options:
        name, value = option["name"], option["value"]
        if name in ("limitfrom", "limitnumber"):
            opts[name] = int(value) if value.lstrip("-").isdigit() else 0
        elif name in ("onlyactive", "onlysuspended"):
            opts[name] = value not in ("", "0", "false")
        elif name == "userfields":
            opts[name] = {f.strip() for f in value.split(",")}
    return opts


def _roster_entry(state, course, enrolment, fields):
    """Return user_get_user_details() output for one enrolled user."""
    user = state.users[enrolment.userid]
    groups = [g for g in state.groups.values() if g.courseid == course.id and user.id in g.members]
    values = {
        "id": user.id, "username": user.username, "firstname": user.firstname,
        "lastname": user.lastname, "fullname": f"{user.firstname} {user.lastname}",
        "email": user.email, "department": user.department, "idnumber": user.idnumber,
        "firstaccess": user.firstaccess, "lastaccess": user.lastaccess,
        "lastcourseaccess": enrolment.lastcourseaccess, "city": user.city, "country": user.country,
        "profileimageurlsmall": PIC.format(site=state.siteurl, size="f2"),
        "profileimageurl": PIC.format(site=state.siteurl, size="f1"),
        "groups": [{"id": g.id, "name": g.name, "description": g.description,
                    "descriptionformat": g.descriptionformat}
                   for g in sorted(groups, key=lambda g: g.id)],
        "roles": [{"roleid": r, "name": "", "shortname": ROLES[r], "sortorder": 0}
                  for r in sorted(enrolment.roleids, reverse=True)],
        "enrolledcourses": [{"id": course.id, "fullname": course.fullname,
                             "shortname": course.shortname}]}
    skip_empty = {"city", "country", "groups"}
    wanted = (fields | {"id", "fullname"}) if fields else set(DETAIL_ORDER)
    return {k: values[k] for k in DETAIL_ORDER
            if k in wanted and not (k in skip_empty and not values[k])}


def get_enrolled_users(state, params):
    """Return the course's enrolled users ordered by id, with limitfrom/limitnumber paging."""
    course = course_or_fail(state, params["courseid"])
    opts = _options(params["options"])
    now = state.now()
    enrolments = [e for e in state.course_enrolments(course.id) if e.userid in state.users
                  and (not opts["onlyactive"] or e.active(now))
                  and (not opts["onlysuspended"] or not e.active(now))]
    start = max(0, opts["limitfrom"])
    end = start + opts["limitnumber"] if opts["limitnumber"] > 0 else None
    return [_roster_entry(state, course, e, opts["userfields"]) for e in enrolments[start:end]]


def create_groups(state, params):
    """Create groups; a duplicate name in the course fails the call."""
    created = []
    for item in params["groups"]:
        course_or_fail(state, item["courseid"])
        same = [g for g in state.groups.values()
                if g.courseid == item["courseid"] and g.name == item["name"]]
        if same:
            for group in created:
                state.groups.pop(group.id)
            raise invalid_parameter("Group with the same name already exists in the course")
        group = Group(state.next_id("group"), item["courseid"], item["name"], item["description"],
                      item["descriptionformat"], item.get("idnumber", ""))
        state.groups[group.id] = group
        created.append(group)
    return [{"id": g.id, "courseid": g.courseid, "name": g.name, "description": g.description,
             "descriptionformat": g.descriptionformat, "enrolmentkey": "", "idnumber": g.idnumber,
             "visibility": 0, "participation": True} for g in created]


def add_group_members(state, params):
    """Add members; a user not enrolled in the group's course fails the call."""
    for item in params["members"]:
        group = state.groups.get(item["groupid"])
        if group is None:
            raise missing_record("groups")
        if (group.courseid, item["userid"]) not in state.enrolments:
            raise invalid_parameter("Only enrolled users may be members of groups")
    for item in params["members"]:
        state.groups[item["groupid"]].members.add(item["userid"])
    return None


def delete_group_members(state, params):
    """Remove members (group/externallib.php delete_group_members: an unknown group fails the call)."""
    for item in params["members"]:
        if item["groupid"] not in state.groups:
            raise missing_record("groups")
        if item["userid"] not in state.users:
            raise missing_record("user")
    for item in params["members"]:
        state.groups[item["groupid"]].members.discard(item["userid"])
    return None


def send_instant_messages(state, params):
    """Send messages from the web-service user; unknown recipients get msgid -1."""
    results = []
    for item in params["messages"]:
        extra = {"clientmsgid": item["clientmsgid"]} if "clientmsgid" in item else {}
        if item["touserid"] not in state.users:
            results.append({"msgid": -1, **extra, "errormessage": "You cannot send a message to a "
                            f"user ID ({item['touserid']}) that doesn't exist.",
                            "candeletemessagesforallusers": False})
            continue
        msgid = state.next_id("message")
        state.messages.append((msgid, item["touserid"], item["text"]))
        text = item["text"] if item["textformat"] == 1 and item["text"].startswith("<") \
            else f"<p>{item['text']}</p>"
        results.append({"msgid": msgid, **extra, "text": text, "timecreated": state.now(),
                        "conversationid": item["touserid"], "useridfrom": state.ws_userid,
                        "candeletemessagesforallusers": False})
    return results


FUNCTIONS = {
    "core_enrol_get_enrolled_users": (ENROLLED, get_enrolled_users),
    "core_group_create_groups": (GROUPS, create_groups),
    "core_group_add_group_members": (MEMBERS, add_group_members),
    "core_group_delete_group_members": (MEMBERS, delete_group_members),
    "core_message_send_instant_messages": (MESSAGES, send_instant_messages),
}
