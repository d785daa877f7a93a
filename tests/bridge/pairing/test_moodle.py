"""Confirming a tandem sets it up in Moodle (group + message) against the fake Moodle; failures only warn."""
import pytest

from bridge.modules.pairing import operations as ops
from bridge.modules.pairing.models import MatchRun
from tests.fake_moodle.fixture import fake_moodle  # noqa: F401
from tests.fake_moodle.state import STUDENT

COURSE = 7


def text(notice):
    """Return a notice in English (outside a request, without translation)."""
    return notice.msgid % notice.params


@pytest.fixture
def moodle(app, fake_moodle):  # noqa: F811
    """Point the app at the fake Moodle with a mentoring course."""
    fake_moodle.state.add_course(id=COURSE, shortname="QSER-MENTORING", fullname="Mentoring")
    app.config.update(MOODLE_URL=fake_moodle.url, MOODLE_TOKEN=fake_moodle.token,
                      MOODLE_MENTORING_COURSE="QSER-MENTORING")
    return fake_moodle


def _link(db, fake, person, enrol=True):
    user = fake.state.add_user(username=person.email.split("@")[0], firstname=person.first_name,
                               lastname=person.last_name, email=person.email, idnumber=person.idnumber)
    if enrol:
        fake.state.enrol(user.id, COURSE, STUDENT)
    person.moodle_user_id = user.id
    db.session.commit()
    return user.id


def test_confirm_creates_group_and_sends_messages(db, moodle, coordinator, checklist, make_mentor, make_mentee):
    mentor, mentee = make_mentor(first_name="Aylin"), make_mentee(first_name="Lena")
    ids = {_link(db, moodle, mentor), _link(db, moodle, mentee)}
    run = ops.run_matching(coordinator)
    ops.accept_all(coordinator, run)
    pairs, notices = ops.confirm_run(coordinator, run)
    db.session.commit()
    assert notices == []
    group = moodle.state.groups[pairs[0].moodle_group_id]
    assert group.courseid == COURSE and group.members == ids and group.idnumber == f"qser-pair-{pairs[0].id}"
    texts = {to: text for _, to, text in moodle.state.messages}
    assert set(texts) == ids and "Your mentor is Aylin" in texts[mentee.moodle_user_id]


def test_moodle_problems_are_notices_not_failures(db, moodle, coordinator, make_mentor, make_mentee, make_person):
    mentor, mentee, unlinked = make_mentor(), make_mentee(), make_mentee()
    _link(db, moodle, mentor)
    _link(db, moodle, mentee, enrol=False)
    pair, notices = ops.record_offline_pair(coordinator, mentor, mentee, "Meeting")
    assert pair.state == "introduced" and len(notices) == 1
    assert "could not be set up" in text(notices[0]) and "core_group_add_group_members" in text(notices[0])
    assert pair.moodle_group_id in moodle.state.groups
    _, notices = ops.record_offline_pair(coordinator, make_mentor(), unlinked, "Meeting")
    assert "has no Moodle account yet" in text(notices[0])


def test_unreachable_moodle_is_a_notice(db, app, moodle, coordinator, make_mentor, make_mentee):
    mentor, mentee = make_mentor(), make_mentee()
    _link(db, moodle, mentor)
    _link(db, moodle, mentee)
    moodle.invalidate_token()
    pair, notices = ops.record_offline_pair(coordinator, mentor, mentee, "Meeting")
    assert pair.id is not None and "Moodle could not be used" in text(notices[0])


def test_missing_course_is_a_notice(db, app, moodle, coordinator, make_mentor, make_mentee, monkeypatch):
    app.config["MOODLE_MENTORING_COURSE"] = None
    monkeypatch.delenv("QSER_MOODLE_MENTORING_COURSE", raising=False)
    monkeypatch.delenv("QSER_MOODLE_COURSES", raising=False)
    _, notices = ops.record_offline_pair(coordinator, make_mentor(), make_mentee(), "Meeting")
    assert "no mentoring course is configured" in text(notices[0])


def test_without_moodle_configuration_nothing_is_tried(db, coordinator, make_mentor, make_mentee):
    _, notices = ops.record_offline_pair(coordinator, make_mentor(), make_mentee(), "Meeting")
    assert notices == []


def test_confirm_view_shows_moodle_warnings(client, db, login_as, moodle, checklist, make_mentor, make_mentee):
    login_as("coordinator")
    make_mentor()
    make_mentee()
    client.post("/pairing/runs/new", data={"competence": 0.4, "availability": 0.25, "experience": 0.1,
                                           "department": 0.1, "languages": 0.15, "department_preference": "none"})
    run = db.session.scalar(db.select(MatchRun))
    client.post(f"/pairing/runs/{run.id}/accept-all")
    page = client.post(f"/pairing/runs/{run.id}/confirm", follow_redirects=True)
    assert page.status_code == 200 and b"has no Moodle account yet" in page.data
