"""The fake's cost model: a whole-course grade report costs what it costs on Moodle; 4 workers."""
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.fake_moodle.costs import CostModel
from tests.fake_moodle.server import FakeMoodle
from tests.fake_moodle.state import STUDENT

SCALE = 0.001


def seed_course(state, learners):
    """Create course 2 with one graded SCORM activity and `learners` enrolled students."""
    state.add_course(id=2, shortname="QSER-OER", fullname="QSER OER")
    state.add_module(cmid=11, courseid=2, modname="scorm", instance=1, name="SCORM", grademax=100)
    for n in range(learners):
        user = state.add_user(username=f"u{n}", firstname="F", lastname=f"L{n}",
                              email=f"u{n}@example.org")
        state.enrol(user.id, 2, STUDENT)


@pytest.fixture
def costly():
    """Yield a fake Moodle with the calibrated cost model at a thousandth of real time."""
    fake = FakeMoodle(costs=CostModel(scale=SCALE)).start()
    yield fake
    fake.stop()


def post(fake, wsfunction, **params):
    """Call the fake and return the decoded answer."""
    data = {"wstoken": fake.token, "wsfunction": wsfunction, "moodlewsrestformat": "json", **params}
    return requests.post(fake.url + "/webservice/rest/server.php", data=data, timeout=30).json()


def test_whole_course_grade_report_costs_what_moodle_costs(costly):
    """gradereport_user_get_grade_items with userid=0 at 2,000 users: >= 25 s simulated."""
    seed_course(costly.state, 2000)
    started = time.perf_counter()
    body = post(costly, "gradereport_user_get_grade_items", courseid=2, userid=0)
    wall = time.perf_counter() - started
    assert len(body["usergrades"]) == 2000
    assert costly.server_seconds >= 25 and costly.simulated(wall) >= 25


def test_one_users_grades_cost_a_fraction(costly):
    """One user's grade items cost about 70 ms of server time (Moodle: 0.07 s)."""
    seed_course(costly.state, 3)
    post(costly, "gradereport_user_get_grade_items", courseid=2, userid=12)
    assert 0.06 <= costly.server_seconds <= 0.08


def test_lean_roster_is_cheaper_than_all_fields(costly):
    """The roster with userfields costs ~0.6 ms per user, with every field ~5.7 ms."""
    seed_course(costly.state, 1000)
    post(costly, "core_enrol_get_enrolled_users", courseid=2, **{
        "options[0][name]": "userfields", "options[0][value]": "id,idnumber,lastcourseaccess"})
    lean, costly.server_seconds = costly.server_seconds, 0.0
    post(costly, "core_enrol_get_enrolled_users", courseid=2)
    assert lean < 1.0 < 5.0 < costly.server_seconds


def test_only_four_requests_are_served_at_once():
    """Eight requests of 0.1 s each take at least two rounds on four workers."""
    fake = FakeMoodle(costs=CostModel(request=0.1, calls={}, scale=1.0)).start()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            started = time.perf_counter()
            list(pool.map(lambda _: post(fake, "core_webservice_get_site_info"), range(8)))
            wall = time.perf_counter() - started
    finally:
        fake.stop()
    assert wall >= 0.2


def test_virtual_clock_counts_workers_not_this_machines_load():
    """Simulated time: 8 parallel requests on 4 workers take two rounds; 3 in a row take three."""
    fake = FakeMoodle(costs=CostModel(request=0.2, calls={}, scale=1.0)).start()
    try:
        fake.reset_counters()
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda _: post(fake, "core_webservice_get_site_info"), range(8)))
        parallel, one = fake.virtual_seconds, fake.server_seconds / 8
        fake.reset_counters()
        for _ in range(3):
            post(fake, "core_webservice_get_site_info")
        sequential = fake.virtual_seconds
    finally:
        fake.stop()
    assert one > 0.2
    assert parallel == pytest.approx(2 * one) and sequential == pytest.approx(3 * one)
