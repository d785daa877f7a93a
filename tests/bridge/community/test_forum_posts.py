"""Published good practices and new Q&A answers are posted in the programme's open Moodle forum, when configured."""
import pytest

from bridge.modules.community.models import PracticeState
from bridge.modules.community.operations.practices import review_practice
from bridge.modules.community.operations.qa import answer_question
from sync import forums
from tests.fake_moodle.fixture import fake_moodle  # noqa: F401
from tests.fake_moodle.fn_forums import add_forum

COURSE, FORUM = 7, 31


@pytest.fixture
def moodle(app, fake_moodle):  # noqa: F811
    fake_moodle.state.add_course(id=COURSE, shortname="QSER-MENTORING", fullname="Mentoring")
    add_forum(fake_moodle.state, id=FORUM, course=COURSE, cmid=91, name="Programme forum")
    app.config.update(MOODLE_URL=fake_moodle.url, MOODLE_TOKEN=fake_moodle.token,
                      MOODLE_MENTORING_COURSE="QSER-MENTORING", MOODLE_PROGRAMME_FORUM=str(FORUM))
    return fake_moodle


def _posts(moodle):
    return [moodle.state.posts[d.firstpost] for d in moodle.state.discussions.values()]


def test_a_published_practice_is_posted_once(db, moodle, make_practice, make_person):
    coordinator = make_person(roles=["coordinator"])
    practice = make_practice(state=PracticeState.SUBMITTED, title="Interpreter <briefing>")
    review_practice(coordinator, practice, True, "")
    assert moodle.state.discussions == {}, "nothing is posted before the commit"
    db.session.commit()
    [post] = _posts(moodle)
    [discussion] = moodle.state.discussions.values()
    assert discussion.forum == FORUM and discussion.groupid == 0
    assert "Interpreter <briefing>" in post.subject and "&lt;briefing&gt;" in post.message
    assert f"/community/practices/{practice.id}" in post.message
    assert practice.author.full_name not in post.message, "the post does not name the author"


def test_a_returned_practice_is_not_posted(db, moodle, make_practice, make_person):
    practice = make_practice(state=PracticeState.SUBMITTED)
    review_practice(make_person(roles=["coordinator"]), practice, False, "Please add the outcome.")
    db.session.commit()
    assert moodle.state.discussions == {}


def test_a_new_answer_is_posted(db, moodle, make_question, make_person):
    question = make_question(title="How do I brief an interpreter?")
    answer = answer_question(make_person(roles=["mentor"]), question, "Meet ten minutes before.")
    db.session.commit()
    [post] = _posts(moodle)
    assert "How do I brief an interpreter?" in post.subject and "Meet ten minutes before." in post.message
    task = db.session.scalar(db.select(forums.ForumTask).where(forums.ForumTask.key == f"answer:{answer.id}"))
    assert task.state == "done"


def test_nothing_is_posted_without_a_programme_forum(db, app, moodle, make_question, make_person):
    app.config["MOODLE_PROGRAMME_FORUM"] = ""
    answer_question(make_person(roles=["mentor"]), make_question(), "An answer")
    db.session.commit()
    assert moodle.state.discussions == {}
    assert db.session.scalar(db.select(db.func.count(forums.ForumTask.id))) == 0


def test_a_post_that_fails_is_kept_and_sent_later(db, moodle, make_question, make_person):
    moodle.fail_next(count=2, status=503)  # the client tries twice
    answer_question(make_person(roles=["mentor"]), make_question(), "An answer")
    db.session.commit()
    [task] = forums.open_tasks()
    assert task.state == "failed" and "503" in task.last_error
    assert forums.retry_open() == (1, 0) and len(moodle.state.discussions) == 1


def test_the_answer_is_saved_even_when_the_post_fails(client, db, moodle, login_as, make_question):
    moodle.invalidate_token()
    question = make_question()
    login_as("mentor")
    response = client.post(f"/community/qa/{question.id}/answers", data={"body": "Try plain language."})
    assert response.status_code == 302
    db.session.expire_all()
    assert [a.body for a in question.answers] == ["Try plain language."]
    assert forums.open_tasks()[0].attempts == 1


def test_forum_commands(app, db, moodle, make_question, make_person):
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["forums", "list"])
    assert listed.exit_code == 0 and f"{FORUM:>6}" in listed.output and "Programme forum" in listed.output
    moodle.fail_next(count=2, status=503)
    answer_question(make_person(roles=["mentor"]), make_question(title="Interpreters?"), "An answer")
    db.session.commit()
    status = runner.invoke(args=["forums", "status"])
    assert status.exit_code == 0 and "failed" in status.output and "503" in status.output
    moodle.fail_next(count=2, status=503)
    assert runner.invoke(args=["forums", "retry"]).exit_code == 1
    retried = runner.invoke(args=["forums", "retry"])
    assert retried.exit_code == 0 and "1 sent, 0 still failing" in retried.output
    assert "0 forum task(s) open" in runner.invoke(args=["forums", "status"]).output


def test_forum_commands_without_moodle(app, db):
    runner = app.test_cli_runner()
    for command in ("list", "retry"):
        result = runner.invoke(args=["forums", command])
        assert result.exit_code == 2 and "not configured" in result.output


def test_a_post_whose_answer_timed_out_is_not_made_twice(db, moodle, monkeypatch, make_question, make_person):
    """Moodle made the post but its answer came too late: the client does not send it again in the same attempt,
    and the task's next attempt finds the discussion and keeps its id instead of posting a second one."""
    monkeypatch.setattr(forums, "TIMEOUT", 0.3)
    moodle.stall_next(seconds=1.0)  # processed after the client gave up
    answer_question(make_person(roles=["mentor"]), make_question(title="Interpreters?"), "Brief them first.")
    db.session.commit()
    [task] = forums.open_tasks()
    assert task.state == "failed" and moodle.calls["mod_forum_add_discussion"] == 1
    import time

    time.sleep(1.0)  # the stalled request ends and Moodle keeps the discussion
    assert len(moodle.state.discussions) == 1
    assert forums.retry_open() == (1, 0)
    assert len(moodle.state.discussions) == 1 and moodle.calls["mod_forum_add_discussion"] == 1
    [discussion] = moodle.state.discussions.values()
    db.session.refresh(task)
    assert task.state == "done" and task.moodle_id == discussion.id


def test_a_retry_after_a_refused_post_still_posts(db, moodle, make_question, make_person):
    """An attempt Moodle refused (503, nothing made) leaves nothing to find: the next attempt looks and posts."""
    moodle.fail_next(count=2, status=503)
    answer_question(make_person(roles=["mentor"]), make_question(title="Same subject"), "First")
    db.session.commit()
    assert forums.retry_open() == (1, 0)
    assert len(moodle.state.discussions) == 1 and moodle.calls["mod_forum_get_forum_discussions"] == 1
