"""The sync adapter: the one place in bridge/ that starts sync runs and reads them (sync.jobs).

The coordinator's page shows what is configured (`configuration()`), tests the connection with the
capability probe (`probe_connection()`: site, web-service functions, courses, OER activities), and starts a
run only once the last probe of the current settings passed (`start_run()`). A started run is an after-commit
job: on the RQ queue when Redis is configured, else run by the embedded default runner right after the commit.
A probe is remembered as a SyncRun of kind "probe" (status succeeded or failed), so every web worker sees it;
its `watermark` holds a fingerprint of the settings it tested, so changed settings need a new test.
"""
import hashlib
import os

from flask import current_app

from bridge.core.db import db, utcnow
from bridge.core.effects import after_commit
from bridge.core.errors import N_, Conflict, ValidationFailed
from sync.config import HELP, MoodleSettings, oer_modules, parse_activities
from sync.discovery import discover
from sync.exceptions import MoodleAuthError, MoodleConfigError, MoodleError, MoodleUnavailable
from sync.jobs import KINDS, SyncAlreadyRunning, run_sync, sync_running
from sync.jobs.enrol import resolve_courses
from sync.jobs.nightly import DISCOVERY_FUNCTION, NEEDS, REQUIRED
from sync.models import SyncRun, SyncStatus

__all__ = ["MoodleConfigError", "SyncAlreadyRunning", "SyncRun", "configuration", "discovered_activities",
           "failed_runs_since_last_success", "last_probe", "latest_runs", "probe_connection", "probe_passed",
           "queued_runs", "run_job", "start_run"]
PROBE = "probe"


# --- What is configured ----------------------------------------------------------------------------
SETTINGS = (  # (variable, what it is, required)
    ("QSER_MOODLE_URL", N_("Address of the Moodle site"), True),
    ("QSER_MOODLE_TOKEN", N_("Web-service token of the Q-SER service user"), True),
    ("QSER_MOODLE_COURSES", N_("The OER course(s) in Moodle (ids or short names)"), True),
    ("QSER_MOODLE_ACTIVITIES", N_("The OER activities in those courses (optional: found by the connection test)"),
     False),
)


def _raw_settings() -> dict:
    """Return the QSER_MOODLE_* values as the sync reads them (app config first, then the environment)."""
    return {name: str(current_app.config.get(name[len("QSER_"):]) or os.environ.get(name) or "").strip()
            for name in HELP}


def configuration() -> dict:
    """Return the state of each Moodle setting (set, missing, invalid) and whether the sync can run."""
    raw = _raw_settings()
    rows = []
    for name, label, required in SETTINGS:
        value = raw.get(name, "")
        state, shown, problem = ("set" if value else ("missing" if required else "optional")), value, None
        if name == "QSER_MOODLE_TOKEN" and value:
            shown = "•" * 8 + value[-4:] if len(value) > 8 else "•" * 8
        if name == "QSER_MOODLE_URL" and value and not value.startswith(("http://", "https://")):
            state, problem = "invalid", N_("The address must start with https:// (or http://).")
        if name == "QSER_MOODLE_ACTIVITIES" and value:
            problems = []
            parse_activities(value, problems)
            if problems:
                state, problem = "invalid", N_("The list must read module=course-module id, e.g. %(example)s.")
        rows.append({"name": name, "label": label, "state": state, "value": shown, "problem": problem,
                     "required": required})
    complete = all(row["state"] in ("set", "optional") for row in rows)
    return {"rows": rows, "complete": complete, "fingerprint": _fingerprint(raw) if complete else None,
            "example": f"{oer_modules()[0]}=11" if oer_modules() else "module=11"}


def _fingerprint(raw: dict) -> int:
    """Return a small number identifying the settings a probe tested (fits any integer column)."""
    text = "\n".join(f"{name}={raw.get(name, '')}" for name in HELP)
    return int(hashlib.sha256(text.encode()).hexdigest()[:7], 16)


# --- The connection test (capability probe) ---------------------------------------------------------
def probe_connection(actor) -> SyncRun:
    """Test the connection: site info, functions, courses, activities; record the outcome as a probe run.

    Raises ValidationFailed while the settings are incomplete; every Moodle problem is recorded on the run.
    """
    config = configuration()
    if not config["complete"]:
        raise ValidationFailed(N_("Set the missing Moodle settings first; the table above says which."))
    settings = MoodleSettings.from_app(current_app, NEEDS)
    run = SyncRun(kind=PROBE, status=SyncStatus.RUNNING.value, dry_run=True, full=False, errors=[],
                  counts={"functions_missing": 0, "courses": 0, "activities": 0},
                  triggered_by=getattr(actor, "email", None), watermark=config["fingerprint"])
    db.session.add(run)
    client = settings.client()
    try:
        _probe(client, settings, run)
    except MoodleError as exc:
        run.status, run.message = SyncStatus.FAILED.value, str(exc)
        run.errors = [*run.errors, {"record": "connection", "errorcode": _problem(exc), "message": str(exc)}]
    finally:
        client.close()
    run.finished_at = utcnow()
    db.session.flush()
    return run


def _problem(exc: MoodleError) -> str:
    """Return the kind of connection problem, for a sentence in the reader's language."""
    if isinstance(exc, MoodleAuthError):
        return "auth"
    if isinstance(exc, MoodleUnavailable):
        return "unreachable"
    if isinstance(exc, MoodleConfigError):
        return "course"
    return "moodle"


def _probe(client, settings, run) -> None:
    info = client.site.info()
    run.message = f"{info.sitename} (Moodle {info.release})".strip()
    needed = REQUIRED["nightly"] | {DISCOVERY_FUNCTION}
    missing = sorted(needed - info.functions)
    run.counts = {**run.counts, "functions_missing": len(missing)}
    if missing:
        run.errors = [{"record": "functions", "errorcode": "missingfunction", "message": name} for name in missing]
        run.status = SyncStatus.FAILED.value
        return
    courseids = resolve_courses(client, settings)
    found = discover(client, courseids, settings.activities)
    run.counts = {**run.counts, "courses": len(courseids), "activities": len(found.activities)}
    run.activities = found.summary()
    run.status = SyncStatus.PARTIAL.value if found.missing or found.ambiguous else SyncStatus.SUCCEEDED.value


def last_probe() -> SyncRun | None:
    """Return the newest connection test, or None."""
    return db.session.scalar(db.select(SyncRun).where(SyncRun.kind == PROBE).order_by(SyncRun.id.desc()).limit(1))


def probe_passed(probe: SyncRun | None, config: dict) -> bool:
    """Tell whether the probe passed (activities may be missing) for the settings configured now."""
    return (probe is not None and config["complete"] and probe.watermark == config["fingerprint"]
            and probe.status in (SyncStatus.SUCCEEDED.value, SyncStatus.PARTIAL.value))


# --- Runs ---------------------------------------------------------------------------------------------
def latest_runs(limit=30, status=None):
    """Return the latest sync runs (newest first, probes left out) and whether one is running."""
    stmt = db.select(SyncRun).where(SyncRun.kind != PROBE).order_by(SyncRun.id.desc()).limit(limit)
    if status:
        stmt = stmt.where(SyncRun.status == status)
    runs = list(db.session.scalars(stmt))
    running = db.session.scalar(db.select(db.func.count(SyncRun.id)).where(
        SyncRun.kind != PROBE, SyncRun.status == SyncStatus.RUNNING.value))
    return runs, bool(running)


def failed_runs_since_last_success() -> int:
    """Return how many sync runs failed after the last one that succeeded (one count query)."""
    last_ok = (db.select(db.func.max(SyncRun.id))
               .where(SyncRun.kind != PROBE, SyncRun.status.in_((SyncStatus.SUCCEEDED.value,
                                                                  SyncStatus.PARTIAL.value)))
               .scalar_subquery())
    return db.session.scalar(db.select(db.func.count(SyncRun.id)).where(
        SyncRun.kind != PROBE, SyncRun.status == SyncStatus.FAILED.value,
        SyncRun.id > db.func.coalesce(last_ok, 0))) or 0


def start_run(actor, kind, *, dry_run, full):
    """Queue a sync run after the commit, once the connection test of the current settings has passed."""
    if kind not in KINDS:
        raise ValidationFailed(N_("Choose what to synchronise."))
    config = configuration()
    if not config["complete"]:
        raise ValidationFailed(N_("Set the missing Moodle settings first; the table above says which."))
    if not probe_passed(last_probe(), config):
        raise ValidationFailed(N_("Test the connection first: a sync starts only after a successful test."))
    if sync_running():
        raise Conflict(N_("A sync run is already in progress. Wait for it to finish."))
    from bridge.core import audit

    audit.record(actor, "sync.started", None, kind, dry_run=dry_run, full=full)
    after_commit(run_job, kind, dry_run=dry_run, full=full, triggered_by=getattr(actor, "email", None))


def run_job(kind, *, dry_run=False, full=False, triggered_by=None) -> None:
    """Run one sync (the queued job); a run already in progress or missing settings are logged, not raised."""
    try:
        run_sync(kind, dry_run=dry_run, full=full, triggered_by=triggered_by)
    except (SyncAlreadyRunning, MoodleConfigError) as exc:
        current_app.logger.warning("sync %s not started: %s", kind, exc)


def queued_runs() -> int:
    """Return how many sync jobs wait on the queue (0 without Redis: the embedded runner runs them at once)."""
    from bridge.core import jobs

    if not jobs.enabled():
        return 0
    from redis.exceptions import RedisError

    name = f"{run_job.__module__}.{run_job.__qualname__}"
    try:
        return sum(1 for job in jobs.queue().get_jobs() if job.description == name)
    except RedisError:
        return 0


def discovered_activities(runs):
    """Return the OER activities the latest run that looked for them found (or [])."""
    for run in runs:
        if run.activities is not None:
            return run.activities
    return []
