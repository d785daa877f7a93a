"""Commands for running the service: `qser serve`, `qser worker`, `qser backup` and `qser restore`."""
import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

GUNICORN_CONF = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@click.command("serve")
@click.option("--bind", default=None, help="Address to listen on (default: $QSER_BIND or 127.0.0.1:8000).")
def serve(bind):
    """Serve the app with gunicorn and the configuration in deploy/gunicorn.conf.py."""
    args = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF)]
    if bind:
        args += ["--bind", bind]
    os.execv(sys.executable, args + ["bridge:create_app()"])


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the queued jobs, then stop (for tests and cron).")
@with_appcontext
def worker(burst):
    """Run the jobs queued in Redis (QSER_REDIS_URL) inside the app context."""
    from bridge.core import jobs

    if not jobs.enabled():
        _fail("QSER_REDIS_URL is not set: jobs run inline after each commit, no worker is needed.")
    jobs.run_worker(burst=burst)


@click.command("backup")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The archive to write (.tar.gz).")
@with_appcontext
def backup(out):
    """Write the database and the uploaded files into one archive with a manifest and checksums."""
    manifest = _backups("create", out)
    click.echo(f"Backup written to {out}: {manifest['backend']} database, {len(manifest['files'])} files.")


@click.command("restore")
@click.argument("archive", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@with_appcontext
def restore(archive):
    """Restore a backup archive into an empty database and an empty storage folder."""
    manifest = _backups("restore", archive)
    click.echo(f"Restored {archive} (taken {manifest['created_at']}) into the configured file storage"
               " and database.")


def _backups(action: str, path: Path) -> dict:
    """Run backup.create or backup.restore, turning a BackupError into a clear error and exit code 2."""
    from bridge.core import backup as backups

    try:
        return getattr(backups, action)(path)
    except backups.BackupError as exc:
        _fail(str(exc))


COMMANDS = (serve, worker, backup, restore)
