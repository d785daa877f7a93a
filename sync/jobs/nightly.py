"""Run sync jobs under the lock, each as one SyncRun: entry points for the CLI and the web page."""
import threading

from flask import current_app

from bridge.core.db import db, utcnow
from sync.config import moodle_settings, oer_modules
from sync.discovery import discover
from sync.exceptions import MoodleError
from sync.jobs.enrol import enrol_people, resolve_courses
from sync.jobs.lock import SyncAlreadyRunning, sync_lock
from sync.jobs.pull_completions import pull_completions
from sync.jobs.push_users import people_with_roles, push_users
from sync.jobs.run import JobOptions, RunLog, no_progress
from sync.models import SyncRun, SyncStatus

KINDS = ("nightly", "users", "completions")
NEEDS = ("url", "token", "courses")
DISCOVERY_FUNCTION = "mod_scorm_get_scorms_by_courses"
PUSH_FUNCTIONS = {"core_user_get_users_by_field", "core_user_get_users", "core_user_create_users",
                  "core_user_update_users", "core_course_get_courses_by_field",
                  "enrol_manual_enrol_users"}
PULL_FUNCTIONS = {"core_course_get_courses_by_field", "core_enrol_get_enrolled_users",
                  "core_completion_get_activities_completion_status",
                  "gradereport_user_get_grade_items"}
QUIZ_FUNCTIONS = {"mod_quiz_get_quizzes_by_courses", "mod_quiz_get_user_best_grade"}
REQUIRED = {"users": PUSH_FUNCTIONS, "completions": PULL_FUNCTIONS,
            "nightly": PUSH_FUNCTIONS | PULL_FUNCTIONS}


def run_sync(kind, *, dry_run=False, full=False, client=None, settings=None, progress=no_progress,
             triggered_by=None):
    """Run one sync of kind (nightly, users, completions) and return its finished SyncRun.

    Raises MoodleConfigError when settings are missing and SyncAlreadyRunning when another run
    holds the lock; every other problem ends up in the returned run's status and message.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown sync kind {kind!r} (one of {', '.join(KINDS)})")
    settings = settings or moodle_settings(NEEDS)
    with sync_lock(db.engine, current_app.instance_path):
        close_interrupted_runs()
        run = RunLog(db, kind, JobOptions(dry_run=dry_run, full=full), triggered_by)
        own_client = client is None
        client = client or settings.client()
        try:
            _execute(kind, client, settings, run, progress)
        except MoodleError as exc:
            run.fail(str(exc))
        except Exception as exc:
            run.fail(f"unexpected error: {exc!r}")
            raise
        finally:
            if own_client:
                client.close()
    return run.row


def _execute(kind, client, settings, run, progress):
    """Probe the service, then push, enrol and/or pull; close the run with its watermark."""
    options = JobOptions(dry_run=run.row.dry_run, full=run.row.full)
    pulls = kind in ("completions", "nightly")
    must_find = pulls and not set(oer_modules()) <= set(settings.activities)
    reads_quizzes = pulls and bool(settings.quizzes)
    client.site.probe(REQUIRED[kind] | ({DISCOVERY_FUNCTION} if must_find else set())
                      | (QUIZ_FUNCTIONS if reads_quizzes else set()))
    courseids = resolve_courses(client, settings)
    watermark = None
    if kind in ("users", "nightly"):
        push_users(client, db, settings, options, run, progress)
        enrol_people(client, people_with_roles(db), courseids, settings, options, run, progress)
        run.commit()
    if pulls:
        activities = find_activities(client, courseids, settings, run, must_find)
        quizzes = find_quizzes(client, courseids, settings, run) if reads_quizzes else {}
        watermark = pull_completions(client, db, settings, courseids, activities, options, run,
                                     progress, quizzes=quizzes)
    run.finish(watermark=watermark)


def find_activities(client, courseids, settings, run, must_find):
    """Return {module: cmid} to pull (configured or found); record what was found on the run."""
    if not must_find:
        run.row.activities = [{"module": m, "cmid": c, "status": "configured"}
                              for m, c in settings.activities.items()]
        return dict(settings.activities)
    found = discover(client, courseids, settings.activities)
    run.row.activities = found.summary()
    for problem in found.problems():
        run.error("activities", "activitynotfound", problem)
    return found.activities


def find_quizzes(client, courseids, settings, run):
    """Return {module: Quiz} of the quizzes QSER_MOODLE_QUIZZES names; report any not found."""
    found = client.quizzes.by_courses(courseids)
    quizzes = {}
    for module, cmid in settings.quizzes.items():
        if cmid in found:
            quizzes[module] = found[cmid]
            continue
        run.error("quizzes", "quiznotfound",
                  f"QSER_MOODLE_QUIZZES names course module {cmid} for module {module!r}, which "
                  "is not a quiz in the configured course(s): use the id= of the quiz's URL "
                  "(.../mod/quiz/view.php?id=...)")
    return quizzes


def close_interrupted_runs():
    """Mark runs left 'running' by a killed process as failed (we hold the lock: none is alive)."""
    stale = db.session.scalars(db.select(SyncRun).where(SyncRun.status == SyncStatus.RUNNING.value))
    for row in stale:
        row.status = SyncStatus.FAILED.value
        row.finished_at = utcnow()
        row.message = "interrupted (the process stopped before the run finished)"
    db.session.commit()


def sync_running():
    """Tell whether a sync run is in progress (its row says running and the lock is held)."""
    try:
        with sync_lock(db.engine, current_app.instance_path):
            return False
    except SyncAlreadyRunning:
        return True


def recent_runs(limit=50):
    """Return the latest sync runs, newest first (for the coordinator page)."""
    return list(db.session.scalars(db.select(SyncRun).order_by(SyncRun.id.desc()).limit(limit)))


def start_background_run(kind, *, dry_run=False, full=False, triggered_by=None):
    """Start run_sync in a thread with its own app context; return the thread (already started)."""
    app = current_app._get_current_object()
    moodle_settings(NEEDS)
    if sync_running():
        raise SyncAlreadyRunning()

    def target():
        """Run the sync inside the app; a refused start or a crash is logged, not raised."""
        with app.app_context():
            try:
                run_sync(kind, dry_run=dry_run, full=full, triggered_by=triggered_by)
            except SyncAlreadyRunning as exc:
                app.logger.warning("sync %s not started: %s", kind, exc)
            except Exception:
                app.logger.exception("sync %s crashed", kind)
            finally:
                db.session.remove()

    thread = threading.Thread(target=target, name=f"qser-sync-{kind}", daemon=True)
    thread.start()
    return thread
