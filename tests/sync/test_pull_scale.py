"""The pull at scale: no whole-course call, grades only where needed, records kept honest."""
from datetime import datetime, timezone

import pytest

from bridge.modules.training.models import TrainingRecord
from tests.sync.helpers import COURSE

T = 1795829197


@pytest.fixture
def learners(sync_run, make_person, oer):
    """Four linked learners: ada completed module 11 with 90, bob accessed, two never came."""
    people = [make_person(roles=["mentee"], password=None) for _ in range(4)]
    sync_run("users")
    ada, bob = people[0].moodle_user_id, people[1].moodle_user_id
    oer.state.set_completion(11, ada, 2, T)
    oer.state.set_grade(11, ada, 90)
    oer.state.set_grade(12, bob, 30)
    oer.state.touch(COURSE, ada, oer.state.now() - 7200)
    oer.state.touch(COURSE, bob, oer.state.now() - 3600)
    return people


def record(db, person, module="multiculturalism"):
    """Return one person's training record of a module."""
    return db.session.scalar(db.select(TrainingRecord).filter_by(person_id=person.id,
                                                                  module_id=module))


class GradeSpy:
    """Record the userid of every grade report call the fake answers."""

    def __init__(self, fake, monkeypatch):
        from tests.fake_moodle import dispatch
        self.userids = []
        spec, real = dispatch.FUNCTIONS["gradereport_user_get_grade_items"]

        def spy(state, params):
            self.userids.append(params["userid"])
            return real(state, params)

        monkeypatch.setitem(dispatch.FUNCTIONS, "gradereport_user_get_grade_items", (spec, spy))


def test_full_pull_reads_grades_only_of_users_who_can_have_one(sync_run, learners, oer, db,
                                                              monkeypatch):
    """No userid=0 call; learners without access or completion are not asked for grades."""
    spy = GradeSpy(oer, monkeypatch)
    sync_run("completions", full=True)
    assert sorted(spy.userids) == sorted(p.moodle_user_id for p in learners[:2])
    assert record(db, learners[0]).score == 90.0
    assert record(db, learners[1], "diversity").status == "incomplete"


def test_second_full_pull_rereads_only_what_may_have_changed(sync_run, learners, oer, db,
                                                            monkeypatch):
    """A weekly full pull re-reads every completion but grades only of recent or changed users."""
    sync_run("completions", full=True)
    oer.state.set_completion(12, learners[1].moodle_user_id, 1, T)
    spy = GradeSpy(oer, monkeypatch)
    run = sync_run("completions", full=True)
    assert spy.userids == [learners[1].moodle_user_id]
    assert run.counts["completions_changed"] == 1
    assert record(db, learners[0]).score == 90.0


def test_no_request_of_a_full_pull_carries_more_than_500_users(sync_run, learners, oer):
    """Roster pages hold at most 500 users; batches hold at most the batch size."""
    from sync.jobs.pull_completions import ROSTER_PAGE
    assert ROSTER_PAGE <= 500
    oer.reset_counters()
    sync_run("completions", full=True)
    assert oer.calls["gradereport_user_get_grade_items"] <= 2


def test_record_updated_from_moodle_says_moodle_is_its_source(sync_run, learners, db):
    """A demo record updated by the sync records source=moodle."""
    db.session.add(TrainingRecord(person_id=learners[0].id, module_id="multiculturalism",
                                  status="not_attempted", source="demo"))
    db.session.commit()
    sync_run("completions", full=True)
    assert (record(db, learners[0]).status, record(db, learners[0]).source) == ("passed", "moodle")


def test_completion_reset_in_moodle_keeps_what_was_there(sync_run, learners, oer, db):
    """Completion back to 0: the record follows Moodle and keeps the lost status, score, date."""
    sync_run("completions", full=True)
    ada = learners[0].moodle_user_id
    oer.state.completions.pop((11, ada))
    oer.state.grades.pop((11, ada))
    sync_run("completions", full=True)
    kept = record(db, learners[0])
    assert (kept.status, kept.score) == ("not_attempted", None)
    assert (kept.previous_status, kept.previous_score) == ("passed", 90.0)
    assert kept.previous_completed_at == datetime.fromtimestamp(T, timezone.utc)


def test_timeout_names_the_function_the_course_and_the_setting(sync_run, learners, oer,
                                                              monkeypatch):
    """A call that stays unanswered is retried once with a longer timeout, then fails clearly."""
    import time
    from tests.fake_moodle import dispatch
    spec, real = dispatch.FUNCTIONS["core_enrol_get_enrolled_users"]
    monkeypatch.setitem(dispatch.FUNCTIONS, "core_enrol_get_enrolled_users",
                        (spec, lambda state, params: time.sleep(1.2) or real(state, params)))
    oer.reset_counters()
    run = sync_run("completions", full=True, settings={"timeout": 0.5})
    assert run.status == "failed"
    assert "core_enrol_get_enrolled_users" in run.message
    assert "QSER_MOODLE_TIMEOUT" in run.message and "roster of course 2" in run.message
    assert oer.calls["core_enrol_get_enrolled_users"] == 2


def test_failed_full_pull_keeps_what_it_stored(sync_run, learners, oer, db, monkeypatch):
    """A timeout in the second chunk fails the run; the first chunk's records stay."""
    from sync.exceptions import MoodleTimeout
    import sync.jobs.pull_completions as pull
    real, chunks = pull.CoursePull.pull_chunk, []

    def times_out_second(self, users):
        chunks.append(users)
        if len(chunks) == 2:
            raise MoodleTimeout("tool_mobile_call_external_functions", 30, 60, 2)
        return real(self, users)

    monkeypatch.setattr(pull.CoursePull, "pull_chunk", times_out_second)
    run = sync_run("completions", full=True, settings={"batch_size": 1, "concurrency": 2})
    assert run.status == "failed" and run.watermark is None
    assert "course 2 (4 enrolled users)" in run.message and "QSER_MOODLE_TIMEOUT" in run.message
    stored = db.session.scalars(db.select(TrainingRecord)).all()
    first = {u.id for u in chunks[0]}
    assert {r.person_id for r in stored} == {p.id for p in learners if p.moodle_user_id in first}


def test_coordinators_and_externals_are_enrolled_with_their_role(sync_run, make_person, oer):
    """Each companion role gets its configured Moodle role (students by default)."""
    coordinator = make_person(roles=["coordinator"], password=None)
    external = make_person(roles=["external"], password=None)
    mentee = make_person(roles=["mentee"], password=None)
    sync_run("users", settings={"role_ids": {"mentee": 5, "mentor": 5, "coordinator": 4,
                                             "external": 3}})
    roles = {p.id: oer.state.enrolments[(COURSE, p.moodle_user_id)].roleids
             for p in (coordinator, external, mentee)}
    assert roles == {coordinator.id: {4}, external.id: {3}, mentee.id: {5}}


def test_scores_beyond_the_share_wait_for_later_full_runs(sync_run, oer, db, monkeypatch):
    """30 passed learners, none active: each run reads one batch plus 20% of each chunk's scores.

    Batch 5, concurrency 2 (chunks of 10): the first run reads 5 + 2, 2, 2 = 11 scores, stores
    every status from the completion state, and the next full run reads 11 of the 19 left,
    none of them again.
    """
    from bridge.modules.people.models import Person, PersonRole
    from tests.fake_moodle.state import STUDENT

    people = []
    for n in range(30):
        user = oer.state.add_user(username=f"s{n}", firstname="S", lastname=f"L{n}",
                                  email=f"s{n}@example.org", idnumber=f"qser-s-{n}")
        oer.state.enrol(user.id, COURSE, STUDENT)
        oer.state.set_completion(11, user.id, 2, T + n)
        oer.state.set_grade(11, user.id, 80 + n % 20, T + n)
        people.append(Person(first_name="S", last_name=f"L{n}", email=user.email, languages=[],
                             idnumber=user.idnumber, moodle_user_id=user.id,
                             role_links=[PersonRole(role="mentee")]))
    db.session.add_all(people)
    db.session.commit()
    spy = GradeSpy(oer, monkeypatch)
    options = {"batch_size": 5, "concurrency": 2, "score_share": 20}
    sync_run("completions", full=True, settings=options)
    first = list(spy.userids)
    rows = db.session.scalars(db.select(TrainingRecord).filter_by(module_id="multiculturalism"))
    rows = list(rows)
    assert len(first) == 11 and len(rows) == 30
    assert {r.status for r in rows} == {"passed"}
    assert sum(r.score is not None for r in rows) == 11
    spy.userids.clear()
    sync_run("completions", full=True, settings=options)
    assert len(spy.userids) == 11 and not set(spy.userids) & set(first)
    unread = db.session.scalar(db.select(db.func.count(TrainingRecord.id)).where(
        TrainingRecord.module_id == "multiculturalism", TrainingRecord.score.is_(None)))
    assert unread == 30 - 22
