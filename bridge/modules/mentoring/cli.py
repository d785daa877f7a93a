"""`qser reminders`: the daily job that mails tandems without sessions (and, later, the coordinators)."""
from datetime import datetime, timezone

import click
from flask.cli import with_appcontext

from bridge.core.db import db, utcnow


def _parse_now(value: str | None) -> datetime:
    if not value:
        return utcnow()
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@click.command("reminders")
@click.option("--now", "now_text", envvar="QSER_REMINDERS_NOW", default=None,
              help="Pretend it is this ISO date/time (UTC), for tests and catch-up runs.")
@with_appcontext
def reminders(now_text):
    """Mail tandems without a session for 30 days and coordinators after 45 (once per gap)."""
    from bridge.modules.mentoring.operations.reminders import send_reminders

    try:
        now = _parse_now(now_text)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO date/time: {now_text}", param_hint="--now") from exc
    counts = send_reminders(now)
    db.session.commit()
    click.echo(f"Reminders: {counts['checked']} tandems checked, {counts['pairs']} tandems reminded, "
               f"{counts['coordinators']} escalated to coordinators, {counts['mails']} mails sent.")
