"""In-memory state of the fake Moodle site: users, courses, modules, enrolments, progress, forums."""
import threading
import time
from dataclasses import dataclass, field

STUDENT, TEACHER, EDITINGTEACHER = 5, 4, 3
ROLES = {1: "manager", 3: "editingteacher", 4: "teacher", 5: "student"}
INTERNAL_AUTHS = {"manual", "email"}
AUTHS = INTERNAL_AUTHS | {"nologin", "ldap", "oauth2", "saml2", "shibboleth", "cas", "lti"}


@dataclass
class User:
    """A Moodle account."""

    id: int
    username: str
    firstname: str
    lastname: str
    email: str
    idnumber: str = ""
    department: str = ""
    auth: str = "manual"
    suspended: bool = False
    lang: str = "en"
    city: str = ""
    country: str = ""
    firstaccess: int = 0
    lastaccess: int = 0
    password: str = ""


@dataclass
class Course:
    """A course; only the fields the fake reports."""

    id: int
    shortname: str
    fullname: str
    idnumber: str = ""
    categoryid: int = 1
    startdate: int = 0
    enablecompletion: int = 1


@dataclass
class Module:
    """A course module with completion tracking (1 manual, 2 automatic) and maybe a grade item."""

    cmid: int
    courseid: int
    modname: str
    instance: int
    name: str
    tracking: int = 2
    grademax: float | None = None
    gradeitemid: int = 0
    reference: str = ""
    scormtype: str = "local"
    gradepass: float = 0.0


@dataclass
class UserEnrolment:
    """A manual enrolment with its role assignments and the user's last access to the course."""

    userid: int
    courseid: int
    roleids: set = field(default_factory=set)
    timestart: int = 0
    timeend: int = 0
    status: int = 0
    lastcourseaccess: int = 0

    def active(self, now):
        """Tell whether the enrolment is active at unix time now."""
        started = self.timestart <= now
        return self.status == 0 and started and (not self.timeend or self.timeend > now)


@dataclass
class Group:
    """A course group."""

    id: int
    courseid: int
    name: str
    description: str = ""
    descriptionformat: int = 1
    idnumber: str = ""
    members: set = field(default_factory=set)


class MoodleState:
    """Everything the fake site knows; guard mutations with `lock`."""

    def __init__(self, token="fake-token"):
        self.lock = threading.RLock()
        self.token = token
        self.siteurl = "http://127.0.0.1"
        self.service = set()
        self.debug = False
        self.allowaccountssameemail = False
        self.ws_manages_activities = False
        self.ws_userid = 3
        self.users, self.courses, self.modules, self.groups = {}, {}, {}, {}
        self.enrolments = {}
        self.completions = {}
        self.grades = {}
        self.messages = []
        self.forums, self.discussions, self.posts = {}, {}, {}  # see fn_forums
        self.deleted = set()  # ids of users deleted in Moodle (rows kept with deleted=1)
        self.vanishing = set()  # users deleted between the roster and the per-user calls
        self._ids = {"user": 10, "course": 1, "group": 0, "message": 0, "gradeitem": 1,
                     "discussion": 0, "post": 0}
        self._index = {"username": {}, "idnumber": {}, "email": {}, "email_ci": {}}
        self.clock = time.time

    def now(self):
        """Return the site's current unix time."""
        return int(self.clock())

    def next_id(self, kind):
        """Return a fresh id for kind."""
        self._ids[kind] += 1
        return self._ids[kind]

    def add_user(self, **fields):
        """Create and index a user; id is allocated unless given."""
        fields.setdefault("id", self.next_id("user"))
        self._ids["user"] = max(self._ids["user"], fields["id"])
        user = User(**fields)
        self.users[user.id] = user
        self._reindex(user, None)
        return user

    def remove_user(self, user):
        """Forget a user (used to roll back a failed create batch)."""
        self.users.pop(user.id, None)
        for name in ("username", "idnumber", "email"):
            self._index[name].get(getattr(user, name), set()).discard(user.id)
        self._index["email_ci"].get(user.email.lower(), set()).discard(user.id)

    def update_user(self, user, changes):
        """Apply changes to a user and keep the lookup indexes right."""
        before = {k: getattr(user, k) for k in ("username", "idnumber", "email")}
        for key, value in changes.items():
            setattr(user, key, value)
        self._reindex(user, before)

    def _reindex(self, user, before):
        """Move a user's entries in the lookup indexes."""
        for name, key in (("username", "username"), ("idnumber", "idnumber"), ("email", "email")):
            if before is not None:
                self._index[name].get(before[key], set()).discard(user.id)
                self._index["email_ci"].get(before["email"].lower(), set()).discard(user.id)
            self._index[name].setdefault(getattr(user, key), set()).add(user.id)
        self._index["email_ci"].setdefault(user.email.lower(), set()).add(user.id)

    def find(self, field, value):
        """Return the ids of users whose field equals value (email_ci: case-insensitive email)."""
        if field == "id":
            known = str(value).lstrip("-").isdigit() and int(value) in self.users
            return {int(value)} if known else set()
        return set(self._index[field].get(value, ()))

    def add_course(self, **fields):
        """Create a course."""
        fields.setdefault("id", self.next_id("course"))
        self._ids["course"] = max(self._ids["course"], fields["id"])
        course = Course(**fields)
        self.courses[course.id] = course
        return course

    def add_module(self, **fields):
        """Create a course module (with a grade item when grademax is set)."""
        module = Module(**fields)
        if module.grademax is not None and not module.gradeitemid:
            module.gradeitemid = self.next_id("gradeitem")
        self.modules[module.cmid] = module
        return module

    def enrol(self, userid, courseid, roleid=STUDENT, **fields):
        """Create or update an enrolment the way enrol_plugin::enrol_user does."""
        key = (courseid, userid)
        enrolment = self.enrolments.get(key) or UserEnrolment(userid, courseid)
        for name, value in fields.items():
            setattr(enrolment, name, value)
        enrolment.roleids.add(roleid)
        self.enrolments[key] = enrolment
        return enrolment

    def course_enrolments(self, courseid):
        """Return the course's enrolments ordered by user id."""
        found = [e for (cid, _), e in self.enrolments.items() if cid == courseid]
        return sorted(found, key=lambda e: e.userid)

    def course_modules(self, courseid):
        """Return the course's modules ordered by cmid."""
        return sorted((m for m in self.modules.values() if m.courseid == courseid),
                      key=lambda m: m.cmid)

    def set_completion(self, cmid, userid, state, timecompleted=None):
        """Record an activity completion state (0 incomplete, 1 complete, 2 pass, 3 fail)."""
        when = self.now() if timecompleted is None else timecompleted
        self.completions[(cmid, userid)] = (state, when)

    def set_grade(self, cmid, userid, graderaw, dategraded=None):
        """Record a grade for a graded module."""
        self.grades[(cmid, userid)] = (graderaw, self.now() if dategraded is None else dategraded)

    def touch(self, courseid, userid, when=None):
        """Record that the user accessed the course (user_lastaccess)."""
        self.enrolments[(courseid, userid)].lastcourseaccess = self.now() if when is None else when
