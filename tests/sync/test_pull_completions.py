"""Pull completions: mapping to TrainingRecord, incremental watermark, batching, isolation."""
from datetime import datetime, timezone

import pytest

from bridge.modules.training.models import TrainingRecord
from sync.jobs.records import training_state
from sync.managers.completion import ActivityStatus
from sync.managers.grades import GradeItem
from tests.sync.helpers import ACTIVITIES, COURSE

T = 1795829197


def grade(raw):
    """Return a SCORM grade item out of 100 (None: not graded)."""
    return GradeItem(cmid=11, itemtype="mod", graderaw=raw, grademin=0, grademax=100,
                     gradedategraded=T if raw is not None else None)


@pytest.mark.parametrize("state, raw, expected", [
    (0, None, ("not_attempted", None, None)),
    (0, 40.0, ("incomplete", 40.0, None)),
    (1, 75.0, ("completed", 75.0, datetime.fromtimestamp(T, timezone.utc))),
    (2, 90.0, ("passed", 90.0, datetime.fromtimestamp(T, timezone.utc))),
    (3, 20.0, ("failed", 20.0, datetime.fromtimestamp(T, timezone.utc))),
])
def test_training_state_maps_completion_and_grade(state, raw, expected):
    """Completion state 0-3 and the grade give status, score (percent) and completed_at."""
    status = ActivityStatus(cmid=11, state=state, timecompleted=T if state else 0)
    assert training_state(status, grade(raw)) == expected


def records(db):
    """Return {(person_id, module_id): (status, score)} of all training records."""
    rows = db.session.scalars(db.select(TrainingRecord))
    return {(r.person_id, r.module_id): (r.status, r.score) for r in rows}


@pytest.fixture
def learners(sync_run, make_person, oer):
    """Create four linked, enrolled learners with some progress in Moodle."""
    people = [make_person(roles=["mentee"], password=None) for _ in range(4)]
    sync_run("users")
    state = oer.state
    ada, bob = people[0].moodle_user_id, people[1].moodle_user_id
    state.set_completion(11, ada, 2, T)
    state.set_grade(11, ada, 90)
    state.set_completion(12, ada, 1, T)
    state.set_grade(13, bob, 30)
    state.touch(COURSE, ada, state.now() - 7200)
    state.touch(COURSE, bob, state.now() - 3600)
    return people


def test_full_pull_maps_every_enrolled_learner(sync_run, learners, db):
    """Every learner gets one record per module with the right status and score."""
    run = sync_run("completions", full=True)
    got = records(db)
    ada, bob = learners[0].id, learners[1].id
    assert got[(ada, "multiculturalism")] == ("passed", 90.0)
    assert got[(ada, "diversity")] == ("completed", None)
    assert got[(bob, "intercultural-communication")] == ("incomplete", 30.0)
    assert got[(learners[3].id, "diversity")] == ("not_attempted", None)
    assert len(got) == 4 * len(ACTIVITIES) == run.counts["completions_changed"]
    assert run.watermark is not None and run.status == "succeeded"


def test_incremental_pull_asks_only_about_recent_access(sync_run, learners, oer, db):
    """A nightly run fetches only users whose course access is newer than the watermark.

    The watermark trails the newest access by Moodle's one-minute lastaccess granularity, so the
    newest user of the previous run (bob) is asked again; ada is not.
    """
    sync_run("completions", full=True)
    carol = learners[2].moodle_user_id
    oer.state.touch(COURSE, carol, oer.state.now() + 120)
    oer.state.set_completion(11, carol, 1, T)
    oer.reset_counters()
    run = sync_run("completions")
    assert oer.calls["core_completion_get_activities_completion_status"] == 2
    assert oer.calls["gradereport_user_get_grade_items"] == 2
    assert oer.calls["core_enrol_get_enrolled_users"] + oer.calls[
        "tool_mobile_call_external_functions"] + 2 == oer.requests
    assert run.counts["completions_changed"] == 1
    assert records(db)[(learners[2].id, "multiculturalism")] == ("completed", None)


def test_incremental_run_with_nothing_new_fetches_only_the_roster(sync_run, learners, oer):
    """No recent access: the roster pages are the only data requests."""
    oer.state.enrolments[(COURSE, learners[1].moodle_user_id)].lastcourseaccess = 0
    oer.state.enrolments[(COURSE, learners[0].moodle_user_id)].lastcourseaccess = 0
    sync_run("completions", full=True)
    oer.reset_counters()
    sync_run("completions")
    assert oer.calls["tool_mobile_call_external_functions"] == 0
    assert oer.calls["gradereport_user_get_grade_items"] == 0


def test_without_batching_per_user_calls_give_the_same_records(sync_run, learners, oer, db):
    """A site without tool_mobile_call_external_functions gets concurrent per-user calls."""
    oer.state.service.discard("tool_mobile_call_external_functions")
    oer.reset_counters()
    sync_run("completions", full=True)
    assert oer.calls["core_completion_get_activities_completion_status"] == 4
    assert oer.calls["gradereport_user_get_grade_items"] == 2
    assert records(db)[(learners[0].id, "multiculturalism")] == ("passed", 90.0)


def test_failing_user_is_isolated_and_kept_in_the_next_window(sync_run, learners, oer, db):
    """A user deleted in Moodle mid-run is an error on the run; the others are stored."""
    gone = learners[3]
    oer.state.vanishing.add(gone.moodle_user_id)
    oer.state.enrolments[(COURSE, gone.moodle_user_id)].lastcourseaccess = 5
    run = sync_run("completions", full=True)
    assert run.status == "partial"
    assert [e["errorcode"] for e in run.errors] == ["invaliduser"]
    assert len(records(db)) == 3 * len(ACTIVITIES)
    assert run.watermark <= 5
