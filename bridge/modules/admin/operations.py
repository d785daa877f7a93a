"""The sync adapter: the one place in bridge/ that starts sync runs and reads them (sync.jobs)."""
from sync.exceptions import MoodleConfigError
from sync.jobs import SyncAlreadyRunning, recent_runs, start_background_run
from sync.models import SyncRun, SyncStatus

__all__ = ["MoodleConfigError", "SyncAlreadyRunning", "SyncRun", "discovered_activities",
           "latest_runs", "start_run"]


def latest_runs(limit=30):
    """Return the latest sync runs (newest first) and whether one is running."""
    runs = recent_runs(limit)
    return runs, any(run.status == SyncStatus.RUNNING.value for run in runs)


def start_run(kind, *, dry_run, full, triggered_by):
    """Start a sync run in the background (MoodleConfigError, SyncAlreadyRunning propagate)."""
    return start_background_run(kind, dry_run=dry_run, full=full, triggered_by=triggered_by)


def discovered_activities(runs):
    """Return the OER activities the latest run that looked for them found (or [])."""
    for run in runs:
        if run.activities is not None:
            return run.activities
    return []
