"""The orchestrator: dry runs, crash and re-run, one run at a time, clean failures."""
import threading

import pytest

from sync.models import SyncRun
from bridge.modules.training.models import TrainingRecord
from sync.jobs import SyncAlreadyRunning, recent_runs, start_background_run, sync_running
from sync.jobs.lock import sync_lock
from sync.managers.users import UserManager
from tests.sync.helpers import ACTIVITIES, COURSE


def count(db, model):
    """Return the number of rows of a model."""
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_dry_run_writes_nothing(sync_run, make_person, oer, db):
    """A dry nightly run reads Moodle and reports, but changes neither Moodle nor the database."""
    people = [make_person(roles=["mentee"], password=None) for _ in range(3)]
    existing = oer.state.add_user(username="x", firstname="X", lastname="Y",
                                  email=people[0].email)
    run = sync_run("nightly", dry_run=True)
    assert run.status == "succeeded" and run.dry_run and run.watermark is None
    assert run.counts["created"] == 2 and run.counts["linked"] == 1
    assert list(oer.state.users) == [existing.id] and oer.state.enrolments == {}
    assert existing.idnumber == ""
    db.session.expire_all()
    assert all(p.moodle_user_id is None for p in people) and count(db, TrainingRecord) == 0


def test_killed_pull_then_rerun_neither_duplicates_nor_skips(sync_run, make_person, oer, db,
                                                             monkeypatch):
    """Killed after the first chunk: the re-run closes the stale run and completes the rest."""
    import sync.jobs.pull_completions as pull
    people = [make_person(roles=["mentee"], password=None) for _ in range(4)]
    sync_run("users")
    for person in people:
        oer.state.set_completion(11, person.moodle_user_id, 1)
    real, calls = pull.apply_records, []

    def dies_on_second_chunk(*args):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(pull, "apply_records", dies_on_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        sync_run("completions", full=True, settings={"batch_size": 1, "concurrency": 1})
    db.session.rollback()
    assert count(db, TrainingRecord) == len(ACTIVITIES)
    monkeypatch.setattr(pull, "apply_records", real)
    run = sync_run("completions")
    assert run.status == "succeeded"
    assert count(db, TrainingRecord) == 4 * len(ACTIVITIES)
    statuses = {r.status for r in db.session.scalars(db.select(TrainingRecord))
                if r.module_id == "multiculturalism"}
    assert statuses == {"completed"}
    killed = db.session.get(SyncRun, run.id - 1)
    assert killed.status == "failed" and "interrupted" in killed.message


def test_killed_push_after_moodle_created_accounts_links_on_rerun(sync_run, make_person, oer, db,
                                                                  monkeypatch):
    """Moodle created the accounts but the process died before storing ids: re-run links them."""
    people = [make_person(roles=["mentee"], password=None) for _ in range(3)]
    real = UserManager.create

    def create_then_die(self, users):
        real(self, users)
        raise KeyboardInterrupt

    monkeypatch.setattr(UserManager, "create", create_then_die)
    with pytest.raises(KeyboardInterrupt):
        sync_run("users")
    db.session.rollback()
    monkeypatch.setattr(UserManager, "create", real)
    run = sync_run("users")
    assert run.counts["created"] == 0 and run.counts["linked"] == 3
    assert len(oer.state.users) == 3 and all(p.moodle_user_id for p in people)


def test_second_run_is_refused_while_one_holds_the_lock(sync_run, app, db):
    """Only one run at a time: the second raises SyncAlreadyRunning and leaves no row."""
    with sync_lock(db.engine, app.instance_path):
        assert sync_running()
        with pytest.raises(SyncAlreadyRunning):
            sync_run("completions")
    assert not sync_running() and count(db, SyncRun) == 0


def test_concurrent_background_run_refuses_a_second_one(app, oer, make_person, monkeypatch, db):
    """While a background run holds the lock, starting another is refused; the first finishes."""
    import sync.jobs.nightly as nightly
    from tests.sync.helpers import ACTIVITIES as acts
    for name, value in (("URL", oer.url), ("TOKEN", oer.token), ("COURSES", "QSER-OER"),
                        ("ACTIVITIES", ",".join(f"{k}={v}" for k, v in acts.items()))):
        monkeypatch.setenv(f"QSER_MOODLE_{name}", value)
    make_person(roles=["mentee"], password=None)
    inside, release = threading.Event(), threading.Event()
    real = nightly.close_interrupted_runs

    def hold_the_lock():
        inside.set()
        release.wait(10)
        real()

    monkeypatch.setattr(nightly, "close_interrupted_runs", hold_the_lock)
    thread = start_background_run("users", triggered_by="test")
    try:
        assert inside.wait(10) and sync_running()
        with pytest.raises(SyncAlreadyRunning):
            start_background_run("users")
    finally:
        release.set()
        thread.join(10)
    db.session.expire_all()
    assert [(r.status, r.triggered_by) for r in recent_runs()] == [("succeeded", "test")]


def test_invalid_token_fails_the_run_cleanly(sync_run, oer):
    """A revoked token stops the run with a message saying what to fix."""
    oer.invalidate_token()
    run = sync_run("nightly")
    assert run.status == "failed" and "QSER_MOODLE_TOKEN" in run.message


def test_missing_function_fails_before_any_work(sync_run, oer, make_person):
    """The probe names the function the service lacks; nothing is created."""
    make_person(roles=["mentee"])
    oer.state.service.discard("enrol_manual_enrol_users")
    run = sync_run("users")
    assert run.status == "failed"
    assert "lacks enrol_manual_enrol_users: add it under Site administration" in run.message
    assert oer.state.users == {} and oer.calls["core_user_create_users"] == 0


def test_unknown_course_fails_with_a_configuration_message(sync_run, oer):
    """A course reference Moodle does not know is reported as configuration to fix."""
    oer.state.courses[COURSE].shortname = "RENAMED"
    run = sync_run("users")
    assert run.status == "failed" and "QSER_MOODLE_COURSES" in run.message
