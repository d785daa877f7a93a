"""`qser externals purge`: anonymise rejected applications after the retention period."""
import click
from flask.cli import with_appcontext

from bridge.core.db import db


@click.group("externals")
def externals():
    """Manage applications of external professionals."""


@externals.command("purge")
@click.option("--days", type=click.IntRange(min=0), envvar="QSER_APPLICATION_RETENTION_DAYS", default=None,
              help="Keep rejected applications this many days (default: APPLICATION_RETENTION_DAYS, 180).")
@with_appcontext
def purge(days):
    """Anonymise rejected applications older than the retention period and delete their CVs."""
    from bridge.modules.externals.operations import review

    days = review.retention_days() if days is None else days
    count = review.purge(days)
    db.session.commit()
    click.echo(f"{count} rejected application(s) older than {days} days anonymised; their CVs deleted.")
