"""The run log (a SyncRun row), job options and progress reporting shared by the jobs."""
from dataclasses import dataclass

from bridge.core.db import utcnow
from sync.models import SyncRun, SyncStatus

COUNT_NAMES = ("created", "linked", "updated", "suspended", "enrolled", "completions_changed")
MAX_ERRORS = 500


@dataclass(frozen=True)
class JobOptions:
    """How a job runs: dry_run reads Moodle but writes nothing; full ignores the watermark."""

    dry_run: bool = False
    full: bool = False


def no_progress(step, done, total):
    """Ignore progress reports."""


class RunLog:
    """Record one sync execution as a SyncRun row: counts, per-record errors, status, watermark."""

    def __init__(self, db, kind, options, triggered_by=None):
        self.db = db
        self.row = SyncRun(kind=kind, status=SyncStatus.RUNNING.value, dry_run=options.dry_run,
                           full=options.full, counts={n: 0 for n in COUNT_NAMES}, errors=[],
                           triggered_by=triggered_by)
        db.session.add(self.row)
        self.commit()

    def count(self, name, amount=1):
        """Add amount to one counter."""
        self.row.counts = {**self.row.counts, name: self.row.counts.get(name, 0) + amount}

    def error(self, record, errorcode, message):
        """Record a per-record error; the run goes on."""
        if len(self.row.errors) < MAX_ERRORS:
            entry = {"record": record, "errorcode": str(errorcode or "")[:200],
                     "message": str(message)}
            self.row.errors = [*self.row.errors, entry]

    @property
    def error_count(self):
        """Return how many per-record errors were recorded."""
        return len(self.row.errors)

    def commit(self):
        """Commit the session: finished chunks and the run's progress survive a crash."""
        self.db.session.commit()

    def finish(self, watermark=None, message=None):
        """Close the run as succeeded, or partial when some records failed."""
        failed = bool(self.row.errors)
        self._close(SyncStatus.PARTIAL if failed else SyncStatus.SUCCEEDED, message, watermark)

    def fail(self, message):
        """Close the run as failed, with the reason."""
        self.db.session.rollback()
        self._close(SyncStatus.FAILED, message, None)

    def _close(self, status, message, watermark):
        """Write the final status and commit."""
        self.row.status = status.value
        self.row.finished_at = utcnow()
        self.row.message = message
        if watermark is not None and not self.row.dry_run:
            self.row.watermark = int(watermark)
        self.commit()


def person_label(person):
    """Return how a person appears in run errors."""
    return f"person {person.id} <{person.email}>"
