"""Seed the fake with the recorded lab site (course 2, users 2-10, SCORM cmid 1, page cmid 2, forums 1-3)."""
from tests.fake_moodle.fn_forums import SEPARATEGROUPS, add_discussion, add_forum
from tests.fake_moodle.state import EDITINGTEACHER, STUDENT, Group

T_FX = 1795829197
T_PLAYER = 1795829278
LAB_USERS = [
    (2, "admin", "Admin", "User", "admin@example.com", ""),
    (3, "qser_ws", "QSER", "Integration", "qser.ws@example.com", ""),
    (4, "qser.student1", "Ada", "Lovelace", "qser.student1@example.com", "QSER.STUDENT1"),
    (5, "qser.student2", "Alan", "Turing", "qser.student2@example.com", "QSER.STUDENT2"),
    (6, "qser.teacher1", "Grace", "Hopper", "qser.teacher1@example.com", "QSER.TEACHER1"),
    (7, "qser.learner.dry1", "Linnea", "Learner", "qser.learner.dry1@example.com", "QSER-dry1"),
    (8, "qser.learner.dry2", "Linnea", "Learner", "qser.learner.dry2@example.com", "QSER-dry2"),
    (9, "qser.student3", "Katherine", "Johnson", "qser.student3@example.com", "QSER.STUDENT3"),
    (10, "qser.learner.fx1", "Linnea", "Learner", "qser.learner.fx1@example.com", "QSER-fx1"),
]


def seed_lab(state):
    """Fill state with the entities the recorded fixtures refer to."""
    state.clock = lambda: 1795830000
    for uid, username, first, last, email, idnumber in LAB_USERS:
        extra = {"city": "Vienna", "country": "AT"} if username.startswith("qser.learner") else {}
        state.add_user(id=uid, username=username, firstname=first, lastname=last, email=email,
                       idnumber=idnumber, **extra)
    state.users[9].firstaccess = state.users[9].lastaccess = T_PLAYER
    state.add_course(id=1, shortname="qserlab", fullname="QSER Moodle Lab", enablecompletion=0)
    state.add_course(id=2, shortname="QSER-OER", fullname="QSER Open Educational Resources",
                     idnumber="QSER-OER", startdate=1795824000)
    state.add_module(cmid=1, courseid=2, modname="scorm", instance=1, name="QSER OER SCORM lesson",
                     tracking=2, grademax=1, gradeitemid=2, reference="qser-oer-scorm12.zip")
    state.add_module(cmid=2, courseid=2, modname="page", instance=1, name="QSER OER reading",
                     tracking=1)
    for uid in (4, 5, 7, 8, 9, 10):
        state.enrol(uid, 2, STUDENT)
    state.enrol(6, 2, EDITINGTEACHER)
    state.touch(2, 9, T_PLAYER)
    state.deleted.add(20)
    _seed_progress(state)
    for gid, name in ((1, "Cohort A dry1"), (2, "Cohort A dry2"), (3, "Cohort A fx1")):
        state.groups[gid] = Group(gid, 2, name, "Lab group", 1, "GRP-fx1" if gid == 3 else "")
        state._ids["group"] = gid
    state.groups[1].members |= {4, 5}
    state.groups[2].members |= {4, 5}
    _seed_forums(state)
    return state


def _seed_forums(state):
    """The forums of run fx2: news forum 1, forum 2 in separate-groups mode, open forum 3."""
    add_forum(state, id=1, course=2, cmid=1, name="Announcements", type="news",
              intro="General news and announcements", forcesubscribe=1, timemodified=1796279890)
    add_forum(state, id=2, course=2, cmid=10, name="Tandem forum (separate groups)", intro="Test forum 1",
              groupmode=SEPARATEGROUPS, timemodified=1796284218)
    add_forum(state, id=3, course=2, cmid=11, name="Programme forum (open)", intro="Test forum 2",
              timemodified=1796284218)


def add_recorded_discussions(state):
    """Start the two discussions of forum 2 the fx2 run had made before reading forums back."""
    add_discussion(state, {"forumid": 2, "subject": "Welcome, tandem fx2", "groupid": 1,
                           "message": "<p>This is your tandem's private discussion.</p>", "options": []})
    add_discussion(state, {"forumid": 2, "subject": "No group", "message": "x", "groupid": 0, "options": []})


def _seed_progress(state):
    """Record the completions and grades of students 1 and 3."""
    state.set_completion(1, 4, 1, T_FX)
    state.set_completion(2, 4, 1, T_FX)
    state.set_completion(1, 9, 1, T_PLAYER)
    state.set_grade(1, 4, 1, T_FX)
    state.set_grade(1, 9, 1, T_PLAYER)


def add_url_packages(state):
    """Add the OER activities added by package URL (the `.url_packages` recording)."""
    state.ws_manages_activities = True
    for n, module in enumerate(("multiculturalism", "diversity", "intercultural-communication")):
        state.add_module(cmid=3 + n, courseid=2, modname="scorm", instance=2 + n,
                         name=f"OER {module} (SCORM 1.2, en)", grademax=100, scormtype="localsync",
                         reference=f"http://127.0.0.1:5200/oer/{module}/en/scorm12.zip")


def forget_user(state, userid):
    """Remove a user and its enrolments, and let the next created user reuse the id."""
    state.remove_user(state.users[userid])
    for key in [k for k in state.enrolments if k[1] == userid]:
        del state.enrolments[key]
    state._ids["user"] = userid - 1


def forget_group(state, groupid):
    """Remove a group and let the next created group reuse the id."""
    del state.groups[groupid]
    state._ids["group"] = groupid - 1
