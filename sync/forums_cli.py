"""The `qser forums` commands: list the mentoring course's forums, show and retry open forum tasks."""
import sys

import click
from flask.cli import with_appcontext

from sync.exceptions import MoodleError

EXIT_FAILING, EXIT_CONFIG = 1, 2


@click.group("forums")
def forums_group():
    """Moodle forums: tandem discussions, advisers in tandem groups, programme posts."""


@forums_group.command("list")
@with_appcontext
def list_command():
    """Print the forums of the mentoring course with their ids (for QSER_MOODLE_*_FORUM)."""
    from sync import forums

    if not forums.moodle_configured():
        click.echo("Error: Moodle is not configured (QSER_MOODLE_URL, QSER_MOODLE_TOKEN).", err=True)
        sys.exit(EXIT_CONFIG)
    try:
        with forums._client() as client:
            course = forums._course_id(client)
            found = client.forums.in_courses([course])
    except MoodleError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_CONFIG)
    for forum in found:
        click.echo(f"{forum.id:>6}  {forum.type:<10} {forum.name}")
    if not found:
        click.echo("The mentoring course has no forum yet: add one (README, 'Forums in Moodle').")


@forums_group.command("status")
@with_appcontext
def status_command():
    """List the forum tasks that have not reached Moodle yet, with their last error."""
    from sync import forums

    tasks = forums.open_tasks()
    for task in tasks:
        click.echo(f"{task.id:>6}  {task.kind:<18} {task.state:<8} tries={task.attempts}  {task.subject or task.key}"
                   + (f"\n        {task.last_error}" if task.last_error else ""))
    click.echo(f"{len(tasks)} forum task(s) open.")


@forums_group.command("retry")
@with_appcontext
def retry_command():
    """Send every open forum task again (safe to run from cron); exit 1 while some still fail."""
    from sync import forums

    if not forums.moodle_configured():
        click.echo("Error: Moodle is not configured (QSER_MOODLE_URL, QSER_MOODLE_TOKEN).", err=True)
        sys.exit(EXIT_CONFIG)
    sent, failing = forums.retry_open()
    click.echo(f"{sent} sent, {failing} still failing.")
    if failing:
        sys.exit(EXIT_FAILING)
