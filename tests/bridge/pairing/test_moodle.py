"""Confirming a tandem sets it up in Moodle (group + message) after the commit, against the fake Moodle.

Failures only warn: outside a request the warnings go to the log (`bridge.core.effects.notify`).
"""
import logging

import pytest
from sqlalchemy.exc import IntegrityError

from bridge.modules.pairing.models import MatchRun
from bridge.modules.pairing.operations.matching import run_matching
from bridge.modules.pairing.operations.review import accept_all, confirm_run, record_offline_pair
from bridge.modules.people.models import Person
from tests.fake_moodle.fixture import fake_moodle  # noqa: F401
from tests.fake_moodle.state import STUDENT

COURSE = 7


def warnings(caplog) -> list[str]:
    """Return the notices the after-commit effects reported (logged outside a request)."""
    return [r.getMessage() for r in caplog.records if r.name == "bridge.core.effects" and r.levelno == logging.WARNING]


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


def test_confirm_creates_group_and_sends_messages(db, caplog, moodle, coordinator, checklist, make_mentor, make_mentee):
    mentor, mentee = make_mentor(first_name="Aylin"), make_mentee(first_name="Lena")
    ids = {_link(db, moodle, mentor), _link(db, moodle, mentee)}
    run = run_matching(coordinator)
    accept_all(coordinator, run)
    pairs = confirm_run(coordinator, run)
    assert moodle.state.groups == {} and moodle.state.messages == [], "nothing happens before the commit"
    db.session.commit()
    db.session.expire_all()
    assert warnings(caplog) == []
    group = moodle.state.groups[pairs[0].moodle_group_id]
    assert group.courseid == COURSE and group.members == ids and group.idnumber == f"qser-pair-{pairs[0].id}"
    texts = {to: text for _, to, text in moodle.state.messages}
    assert set(texts) == ids and "Your mentor is Aylin" in texts[mentee.moodle_user_id]


def test_moodle_problems_are_notices_not_failures(checklist, db, caplog, moodle, coordinator, make_mentor,
                                                  make_mentee, make_person):
    mentor, mentee, unlinked = make_mentor(), make_mentee(), make_mentee()
    _link(db, moodle, mentor)
    _link(db, moodle, mentee, enrol=False)
    pair = record_offline_pair(coordinator, mentor, mentee, "Meeting")
    db.session.commit()
    [notice] = warnings(caplog)
    assert pair.state == "introduced" and "could not be set up" in notice and "core_group_add_group_members" in notice
    assert pair.moodle_group_id in moodle.state.groups
    caplog.clear()
    record_offline_pair(coordinator, make_mentor(), unlinked, "Meeting")
    db.session.commit()
    assert "has no Moodle account yet" in warnings(caplog)[0]


def test_unreachable_moodle_is_a_notice(checklist, db, app, caplog, moodle, coordinator, make_mentor, make_mentee):
    mentor, mentee = make_mentor(), make_mentee()
    _link(db, moodle, mentor)
    _link(db, moodle, mentee)
    moodle.invalidate_token()
    pair = record_offline_pair(coordinator, mentor, mentee, "Meeting")
    db.session.commit()
    assert pair.id is not None and "Moodle could not be used" in warnings(caplog)[0]


def test_missing_course_is_a_notice(checklist, db, app, caplog, moodle, coordinator, make_mentor,
                                    make_mentee, monkeypatch):
    app.config["MOODLE_MENTORING_COURSE"] = None
    monkeypatch.delenv("QSER_MOODLE_MENTORING_COURSE", raising=False)
    monkeypatch.delenv("QSER_MOODLE_COURSES", raising=False)
    record_offline_pair(coordinator, make_mentor(), make_mentee(), "Meeting")
    db.session.commit()
    assert "no mentoring course is configured" in warnings(caplog)[0]


def test_without_moodle_configuration_nothing_is_tried(checklist, db, caplog, coordinator, make_mentor, make_mentee):
    record_offline_pair(coordinator, make_mentor(), make_mentee(), "Meeting")
    db.session.commit()
    assert warnings(caplog) == []


def _confirmed_run(db, moodle, coordinator, make_mentor, make_mentee):
    """Return a run with one accepted proposal whose members have Moodle accounts."""
    _link(db, moodle, make_mentor())
    _link(db, moodle, make_mentee())
    run = run_matching(coordinator)
    accept_all(coordinator, run)
    return run


def test_failing_commit_after_confirm_sends_no_mail_and_calls_no_moodle(db, moodle, outbox, coordinator, checklist,
                                                                        make_mentor, make_mentee, make_person):
    existing = make_person()
    run = _confirmed_run(db, moodle, coordinator, make_mentor, make_mentee)
    moodle.reset_counters()
    confirm_run(coordinator, run)
    db.session.add(Person(first_name="Dup", last_name="Licate", email=existing.email))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.commit()
    assert outbox() == [] and moodle.requests == 0 and moodle.state.groups == {} and moodle.state.messages == []


def test_failing_commit_after_offline_pair_sends_nothing(checklist, db, moodle, outbox, coordinator,
                                                         make_mentor, make_mentee,
                                                         make_person):
    existing, mentor, mentee = make_person(), make_mentor(), make_mentee()
    _link(db, moodle, mentor)
    _link(db, moodle, mentee)
    moodle.reset_counters()
    record_offline_pair(coordinator, mentor, mentee, "Meeting")
    db.session.add(Person(first_name="Dup", last_name="Licate", email=existing.email))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert outbox() == [] and moodle.requests == 0


def test_successful_confirm_introduces_after_the_commit(db, moodle, outbox, coordinator, checklist, make_mentor,
                                                        make_mentee):
    run = _confirmed_run(db, moodle, coordinator, make_mentor, make_mentee)
    moodle.reset_counters()
    [pair] = confirm_run(coordinator, run)
    assert outbox() == [] and moodle.requests == 0
    db.session.commit()
    db.session.expire_all()
    assert len(outbox()) == 2 and moodle.calls["core_group_create_groups"] == 1
    assert db.session.get(type(pair), pair.id).moodle_group_id in moodle.state.groups


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
