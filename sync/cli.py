"""The `qser sync` command group: nightly, users, completions (and runs to list recent runs)."""
import sys

import click
from flask.cli import with_appcontext

from sync.exceptions import MoodleConfigError

EXIT_FAILED, EXIT_CONFIG, EXIT_BUSY = 1, 2, 3


@click.group("sync")
def sync_group():
    """Synchronise people, enrolments and completions with Moodle."""


class TerminalProgress:
    """Show a progress bar per step on a terminal; stay silent otherwise (cron, pipes)."""

    def __init__(self):
        self.enabled = sys.stderr.isatty()
        self.bar, self.step = None, None

    def __call__(self, step, done, total):
        """Report that done of total items of step are finished."""
        if not self.enabled or not total:
            return
        if step != self.step:
            self.close()
            self.step = step
            self.bar = click.progressbar(length=total, label=step, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self):
        """Finish the current bar."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _run(kind, dry_run=False, full=False):
    """Run one sync kind, print its summary and exit with a code cron can act on."""
    from sync.jobs import SyncAlreadyRunning, run_sync

    progress = TerminalProgress()
    try:
        row = run_sync(kind, dry_run=dry_run, full=full, progress=progress, triggered_by="cli")
    except MoodleConfigError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_CONFIG)
    except SyncAlreadyRunning as exc:
        click.echo(f"Not started: {exc}.", err=True)
        sys.exit(EXIT_BUSY)
    finally:
        progress.close()
    click.echo(summary(row))
    for error in row.errors[:20]:
        click.echo(f"  {error['record']}: {error['errorcode']}: {error['message']}", err=True)
    if row.status != "succeeded":
        sys.exit(EXIT_FAILED)


def summary(row):
    """Return the one-line summary of a finished run."""
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in row.counts.items())
    seconds = (row.finished_at - row.started_at).total_seconds() if row.finished_at else 0.0
    parts = [f"sync {row.kind} #{row.id}: {row.status} in {seconds:.1f}s"]
    if row.dry_run:
        parts.append("dry run, nothing written")
    parts.append(counts)
    if row.errors:
        parts.append(f"{len(row.errors)} error(s)")
    if row.message:
        parts.append(row.message)
    return "; ".join(parts)


@sync_group.command("nightly")
@click.option("--dry-run", is_flag=True, help="Read Moodle and report; write nothing anywhere.")
@click.option("--full", is_flag=True, help="Reconcile every user, not only recent course access.")
@with_appcontext
def nightly_command(dry_run, full):
    """Push users, enrol them, then pull completions (schedule nightly; --full weekly)."""
    _run("nightly", dry_run, full)


@sync_group.command("users")
@click.option("--dry-run", is_flag=True, help="Read Moodle and report; write nothing anywhere.")
@with_appcontext
def users_command(dry_run):
    """Create, link, update and suspend Moodle accounts, and enrol them in the OER course(s)."""
    _run("users", dry_run)


@sync_group.command("completions")
@click.option("--dry-run", is_flag=True, help="Read Moodle and report; write nothing anywhere.")
@click.option("--full", is_flag=True, help="Reconcile every user, not only recent course access.")
@with_appcontext
def completions_command(dry_run, full):
    """Pull activity completion and grades into training records."""
    _run("completions", dry_run, full)


@sync_group.command("runs")
@click.option("--limit", default=10, show_default=True, help="How many runs to list.")
@with_appcontext
def runs_command(limit):
    """List the latest sync runs with their outcome."""
    from sync.jobs import recent_runs

    for row in recent_runs(limit):
        click.echo(summary(row))
