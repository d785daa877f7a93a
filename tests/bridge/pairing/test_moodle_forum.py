"""A confirmed tandem gets its own private discussion in the separate-groups forum, after the commit."""
import logging

import pytest

from bridge.modules.pairing.operations.review import record_offline_pair
from sync import forums
from tests.fake_moodle.fixture import fake_moodle  # noqa: F401
from tests.fake_moodle.fn_forums import SEPARATEGROUPS, add_forum
from tests.fake_moodle.state import STUDENT

COURSE, FORUM = 7, 21


@pytest.fixture
def moodle(app, fake_moodle, checklist):  # noqa: F811 (offline tandems need the checklist done)
    """The fake Moodle with a mentoring course holding a forum in separate-groups mode."""
    fake_moodle.state.add_course(id=COURSE, shortname="QSER-MENTORING", fullname="Mentoring")
    add_forum(fake_moodle.state, id=FORUM, course=COURSE, cmid=90, name="Tandems", groupmode=SEPARATEGROUPS)
    app.config.update(MOODLE_URL=fake_moodle.url, MOODLE_TOKEN=fake_moodle.token,
                      MOODLE_MENTORING_COURSE="QSER-MENTORING", MOODLE_TANDEM_FORUM=str(FORUM))
    return fake_moodle


def _link(db, fake, person):
    user = fake.state.add_user(username=person.email.split("@")[0], firstname=person.first_name,
                               lastname=person.last_name, email=person.email, idnumber=person.idnumber)
    fake.state.enrol(user.id, COURSE, STUDENT)
    person.moodle_user_id = user.id
    db.session.commit()


def _tandem(db, moodle, coordinator, make_mentor, make_mentee, **names):
    mentor, mentee = make_mentor(first_name=names.get("mentor", "Aylin")), make_mentee(first_name="Lena")
    _link(db, moodle, mentor)
    _link(db, moodle, mentee)
    pair = record_offline_pair(coordinator, mentor, mentee, "Meeting")
    return pair


def test_confirmed_tandem_gets_a_private_discussion_in_its_group(db, moodle, coordinator, make_mentor, make_mentee):
    pair = _tandem(db, moodle, coordinator, make_mentor, make_mentee, mentor="<b>Aylin</b>")
    assert moodle.state.discussions == {}, "nothing is sent before the commit"
    db.session.commit()
    db.session.expire_all()
    [discussion] = moodle.state.discussions.values()
    assert discussion.forum == FORUM and discussion.groupid == pair.moodle_group_id
    first = moodle.state.posts[discussion.firstpost]
    assert "Lena" in first.subject and "private discussion" in first.message
    assert "<b>Aylin</b>" not in first.message and "&lt;b&gt;Aylin" in first.message, "names are escaped HTML"
    task = db.session.scalar(db.select(forums.ForumTask).where(forums.ForumTask.pair_id == pair.id))
    assert task.state == "done" and task.moodle_id == discussion.id and task.attempts == 1


def test_one_discussion_per_tandem_even_when_queued_twice(db, moodle, coordinator, make_mentor, make_mentee):
    pair = _tandem(db, moodle, coordinator, make_mentor, make_mentee)
    db.session.commit()
    from bridge.modules.pairing.operations.moodle import start_tandem_discussion

    start_tandem_discussion(db.session.get(type(pair), pair.id))
    db.session.commit()
    assert len(moodle.state.discussions) == 1


def test_no_forum_configured_means_no_discussion(db, app, moodle, coordinator, make_mentor, make_mentee):
    app.config["MOODLE_TANDEM_FORUM"] = None
    pair = _tandem(db, moodle, coordinator, make_mentor, make_mentee)
    db.session.commit()
    assert pair.moodle_group_id in moodle.state.groups and moodle.state.discussions == {}
    assert db.session.scalar(db.select(db.func.count(forums.ForumTask.id))) == 0


def test_a_failed_discussion_is_recorded_and_retried(db, app, caplog, moodle, coordinator, make_mentor, make_mentee):
    app.config["MOODLE_TANDEM_FORUM"] = "9999"  # no such forum: Moodle answers invalidrecord
    pair = _tandem(db, moodle, coordinator, make_mentor, make_mentee)
    with caplog.at_level(logging.WARNING):
        db.session.commit()
    task = db.session.scalar(db.select(forums.ForumTask).where(forums.ForumTask.pair_id == pair.id))
    assert task.state == "failed" and task.attempts == 1 and "forum" in task.last_error
    assert any("will be retried" in r.getMessage() for r in caplog.records)
    assert pair.moodle_group_id in moodle.state.groups, "the tandem's group is there regardless"
    app.config["MOODLE_TANDEM_FORUM"] = str(FORUM)
    moodle.fail_next(count=5, status=503)  # Moodle down during the retry: still recorded, not lost
    assert forums.retry_open() == (0, 1)
    db.session.expire_all()
    assert task.state == "failed" and task.attempts == 2 and "503" in task.last_error
    moodle.faults.clear()
    assert forums.retry_open() == (1, 0)
    db.session.expire_all()
    assert task.state == "done" and task.attempts == 3 and task.last_error == ""
    [discussion] = moodle.state.discussions.values()
    assert discussion.groupid == pair.moodle_group_id
    assert forums.retry_open() == (0, 0), "a done task is not sent again"


def test_a_malformed_forum_setting_is_a_recorded_failure(db, app, moodle, coordinator, make_mentor, make_mentee):
    app.config["MOODLE_TANDEM_FORUM"] = "tandems"
    pair = _tandem(db, moodle, coordinator, make_mentor, make_mentee)
    db.session.commit()
    task = db.session.scalar(db.select(forums.ForumTask).where(forums.ForumTask.pair_id == pair.id))
    assert task.state == "failed" and "QSER_MOODLE_TANDEM_FORUM" in task.last_error


def test_a_discussion_that_reached_moodle_late_is_kept_not_started_again(db, moodle, monkeypatch, coordinator,
                                                                         make_mentor, make_mentee):
    """The add_discussion call timed out but Moodle started the discussion: the next attempt finds it in the
    tandem's group and keeps its id; another tandem's discussion with the same subject would not count."""
    import time

    monkeypatch.setattr(forums, "TIMEOUT", 0.3)
    pair = _tandem(db, moodle, coordinator, make_mentor, make_mentee)
    db.session.commit()  # the group is made and the discussion started
    db.session.expire_all()
    task = db.session.scalar(db.select(forums.ForumTask).where(forums.ForumTask.pair_id == pair.id))
    assert task.state == "done"
    # Another tandem whose discussion call stalls past the client's timeout:
    other = _tandem(db, moodle, coordinator, make_mentor, make_mentee, mentor="Berna")
    calls_before = moodle.calls["mod_forum_add_discussion"]
    original = forums._send

    def stalled_send(client, t):
        moodle.stall_next(seconds=1.0)  # the next call, add_discussion, is carried out after the client gave up
        return original(client, t)

    monkeypatch.setattr(forums, "_send", stalled_send)
    db.session.commit()
    monkeypatch.setattr(forums, "_send", original)
    db.session.expire_all()
    second = db.session.scalar(db.select(forums.ForumTask).where(forums.ForumTask.pair_id == other.id))
    assert second.state == "failed"
    time.sleep(1.0)
    assert moodle.calls["mod_forum_add_discussion"] == calls_before + 1 and len(moodle.state.discussions) == 2
    assert forums.retry_open() == (1, 0)
    db.session.expire_all()
    assert len(moodle.state.discussions) == 2 and moodle.calls["mod_forum_add_discussion"] == calls_before + 1
    kept = moodle.state.discussions[second.moodle_id]
    assert second.state == "done" and kept.groupid == other.moodle_group_id
