"""Fake core_user_* functions with Moodle 4.5 semantics."""
import re

from tests.fake_moodle.errors import (FakeMoodleError, coding_error, invalid_parameter)
from tests.fake_moodle.schema import Opt
from tests.fake_moodle.state import AUTHS, INTERNAL_AUTHS

S, I, B = "str", "int", "bool"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NAMES = {k: Opt(S) for k in (
    "firstnamephonetic", "lastnamephonetic", "middlename", "alternatename", "city", "country",
    "timezone", "description", "interests", "institution", "department", "phone1", "phone2",
    "address", "theme", "calendartype")}
PAIRS = [{"type": S, "value": S}]
CREATE = {"users": [{"createpassword": Opt(B), "username": S, "auth": Opt(S, "manual"),
                     "password": Opt(S), "firstname": S, "lastname": S, "email": S,
                     "maildisplay": Opt(I), "idnumber": Opt(S, ""), "lang": Opt(S, "en"),
                     "mailformat": Opt(I), "customfields": Opt(PAIRS), "preferences": Opt(PAIRS),
                     **_NAMES}]}
UPDATE = {"users": [{"id": I, "username": Opt(S), "auth": Opt(S), "suspended": Opt(B),
                     "password": Opt(S), "firstname": Opt(S), "lastname": Opt(S), "email": Opt(S),
                     "maildisplay": Opt(I), "idnumber": Opt(S), "lang": Opt(S),
                     "mailformat": Opt(I), "userpicture": Opt(I), "customfields": Opt(PAIRS),
                     "preferences": Opt(PAIRS),
                     **_NAMES}]}
BY_FIELD = {"field": S, "values": [S]}
GET_USERS = {"criteria": [{"key": S, "value": S}]}
PIC = "{site}/theme/image.php/boost/core/1795829100/u/{size}"
STORED = ("username", "firstname", "lastname", "email", "idnumber", "department", "auth", "lang",
          "city", "country", "suspended")


def user_details(state, user):
    """Return user_get_user_details_courses() output for a user seen by the web-service user."""
    details = {"id": user.id, "username": user.username, "firstname": user.firstname,
               "lastname": user.lastname, "fullname": f"{user.firstname} {user.lastname}",
               "email": user.email, "department": user.department, "idnumber": user.idnumber,
               "firstaccess": user.firstaccess, "lastaccess": user.lastaccess, "auth": user.auth,
               "suspended": user.suspended, "confirmed": True, "lang": user.lang, "theme": "",
               "timezone": "99", "mailformat": 1, "trackforums": 0}
    details.update({k: getattr(user, k) for k in ("city", "country") if getattr(user, k)})
    details["profileimageurlsmall"] = PIC.format(site=state.siteurl, size="f2")
    details["profileimageurl"] = PIC.format(site=state.siteurl, size="f1")
    return details


def _check_password(password):
    """Apply the default password policy; Moodle reports it with an HTML error code."""
    rules = [(len(password) >= 8, "Passwords must be at least 8 characters long."),
             (re.search(r"\d", password), "Passwords must have at least 1 digit(s)."),
             (re.search(r"[A-Z]", password),
              "Passwords must have at least 1 upper case letter(s)."),
             (re.search(r"[^A-Za-z0-9]", password),
              "The password must have at least 1 special character(s) such as *, -, or #.")]
    errors = "".join(f"<div>{text}</div>" for ok, text in rules if not ok)
    if errors:
        raise FakeMoodleError(errors, "error/" + errors)


def _check_new_user(state, user):
    """Run create_users' per-user checks in Moodle's order."""
    for name in ("username", "firstname", "lastname"):
        if user[name].strip() == "":
            raise invalid_parameter(f"The field {name} cannot be blank")
    if user["username"] != re.sub(r"[^-.@_a-z0-9]", "", user["username"].lower()).strip():
        raise invalid_parameter(f"users => Invalid parameter value detected: username")
    if state.find("username", user["username"]):
        raise invalid_parameter(f"Username already exists: {user['username']}")
    if user["auth"] not in AUTHS:
        raise invalid_parameter(f"Invalid authentication type: {user['auth']}")
    internal = user["auth"] in INTERNAL_AUTHS
    if internal and not user.get("password") and not user.get("createpassword"):
        raise invalid_parameter("Invalid password: you must provide a password, "
                                "or set createpassword.")
    if not _EMAIL.match(user["email"]):
        raise invalid_parameter(f"Email address is invalid: {user['email']}")
    if not state.allowaccountssameemail and state.find("email_ci", user["email"].lower()):
        raise invalid_parameter(f"Email address already exists: {user['email']}")
    if internal and user.get("password") and not user.get("createpassword"):
        _check_password(user["password"])


def create_users(state, params):
    """Create users in one transaction: any failure rolls the whole batch back."""
    created = []
    try:
        for user in params["users"]:
            _check_new_user(state, user)
            fields = {k: user[k] for k in STORED if k in user}
            fields["password"] = user.get("password", "")
            created.append(state.add_user(**fields))
    except FakeMoodleError:
        for user in created:
            state.remove_user(user)
        raise
    return [{"id": u.id, "username": u.username} for u in created]


def _warning(userid, code, message):
    """Return one warning of core_user_update_users."""
    return {"item": "user", "itemid": userid, "warningcode": code, "message": message}


def update_users(state, params):
    """Update users; unknown ids and duplicate emails become warnings, not errors."""
    warnings = []
    for change in params["users"]:
        user = state.users.get(change["id"])
        if user is None:
            warnings.append(_warning(change["id"], "invaliduserid", "Invalid user ID"))
            continue
        email = change.get("email")
        if email is not None and email != user.email and not state.allowaccountssameemail \
                and state.find("email_ci", email.lower()) - {user.id}:
            warnings.append(_warning(user.id, "useremailduplicate", "Duplicate email address"))
            continue
        state.update_user(user, {k: change[k] for k in STORED if k in change})
    return {"warnings": warnings}


def get_users_by_field(state, params):
    """Return users whose field matches one of the values exactly, ordered by id."""
    field = params["field"]
    if field not in ("id", "idnumber", "username", "email"):
        raise coding_error("invalid field parameter")
    ids = set()
    for value in params["values"]:
        if value != "":
            ids |= state.find(field, value)
    return [user_details(state, state.users[i]) for i in sorted(ids)]


def get_users(state, params):
    """Search users by exact criteria (email case-insensitive); unknown keys become warnings."""
    ids, warnings = set(state.users), []
    for criterion in params["criteria"]:
        key, value = criterion["key"], criterion["value"]
        if key in ("id", "idnumber", "username"):
            ids &= state.find(key, value)
        elif key == "email":
            ids &= state.find("email_ci", value.lower())
        else:
            warnings.append({"item": key, "warningcode": "invalidfieldparameter",
                             "message": f"The search key '{key}' is not supported"})
    return {"users": [user_details(state, state.users[i]) for i in sorted(ids)],
            "warnings": warnings}


FUNCTIONS = {
    "core_user_create_users": (CREATE, create_users),
    "core_user_update_users": (UPDATE, update_users),
    "core_user_get_users_by_field": (BY_FIELD, get_users_by_field),
    "core_user_get_users": (GET_USERS, get_users),
}
