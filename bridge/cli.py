"""The `qser` command group (also available as `flask --app bridge ...`)."""
import sys

import click
from flask import Flask
from flask.cli import FlaskGroup, pass_script_info, with_appcontext

from bridge.core.db import db
from bridge.core.errors import DomainError


def _create_app(*_args, **_kwargs) -> Flask:
    from bridge import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=True,
             help="Q-SER Bridge: the Moodle companion for the Circular Cycle of Mentoring.")
def main():
    """Run a Q-SER Bridge command."""




@click.group("users")
def users_group():
    """Manage accounts."""


@users_group.command("create-coordinator")
@click.argument("email")
@click.option("--first-name", default="Programme", show_default=True)
@click.option("--last-name", default="Coordinator", show_default=True)
@click.option("--password", envvar="QSER_COORDINATOR_PASSWORD", default=None,
              help="Set this password now instead of mailing an invitation link.")
@with_appcontext
def create_coordinator(email, first_name, last_name, password):
    """Create the first coordinator account (or give an existing person the role)."""
    from bridge.modules.accounts import operations as accounts
    from bridge.modules.people import operations as people

    try:
        person = people.find_by_email(email)
        if person is None:
            person = people.create_person(None, {"first_name": first_name, "last_name": last_name,
                                                 "email": email, "roles": ["coordinator"], "languages": []})
        else:
            people.set_roles(person, person.role_names | {"coordinator"})
        if password:
            accounts.set_password(person, password)
            db.session.commit()
            click.echo(f"Coordinator {person.email} created; log in with the password you gave.")
        else:
            raw = accounts.invite(None, person)
            db.session.commit()
            click.echo(f"Coordinator {person.email} created. Invitation link (valid 7 days):")
            click.echo(f"  {accounts.link_for(accounts.TokenPurpose.INVITE, raw)}")
    except DomainError as exc:
        db.session.rollback()
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)


@click.command("demo")
@click.option("--force", is_flag=True, help="Load demo data even if the database already has people.")
@click.option("--if-empty", is_flag=True, help="Load only into an empty database; otherwise just say so.")
@click.option("--scale", type=click.IntRange(1, 1_000_000), default=None,
              help="Instead, generate a programme of N people (tandems in every state, sessions, evaluations).")
@with_appcontext
def demo_command(force, if_empty, scale):
    """Load a fictional municipality with staff, mentors, mentees and external professionals."""
    import bridge.demo as demo_data
    from bridge.demo import cycles as demo_cycles
    from bridge.demo import organisation as demo

    if scale:
        try:
            click.echo(f"Generated a programme of {demo.load_scaled(scale)} people.")
        except demo.NotEmpty as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
        return
    try:
        demo.load(force=force)
        demo_cycles.load(demo.DEMO_PASSWORD)
        click.echo("Demo data loaded.")
    except demo.NotEmpty as exc:
        if not if_empty:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
        click.echo("The database already has people: demo data not loaded again.")
    logins = demo_data.existing_logins()
    if logins:
        click.echo(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for role, email in logins:
            click.echo(f"  {role:<12} {email}")


@click.command("run", help="Serve the app for development on one machine; prints the address and demo logins last.")
@click.option("--host", "-h", default="127.0.0.1", show_default=True, help="The interface to listen on.")
@click.option("--port", "-p", default=5000, type=click.IntRange(0, 65535), show_default=True,
              help="The port to listen on (0: any free port).")
@pass_script_info
def run_command(info, host, port):
    """Serve with Werkzeug's threaded server; mailed links follow the address served unless QSER_BASE_URL is set."""
    from werkzeug.serving import make_server

    app = info.load_app()
    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as exc:
        click.echo(f"Error: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    served = f"http://{shown}:{server.server_port}"
    if not app.config.get("BASE_URL_EXPLICIT"):
        app.config["BASE_URL"] = served
    import threading

    serving = threading.Thread(target=server.serve_forever, name="qser-run", daemon=True)
    serving.start()  # answer requests at once; the banner (which checks the demo logins) follows
    click.echo(banner(app, served))
    sys.stdout.flush()
    try:
        while serving.is_alive():
            serving.join(0.5)
    except KeyboardInterrupt:
        server.shutdown()
    finally:
        server.server_close()


def banner(app: Flask, served: str) -> str:
    """Return the closing lines of `qser run`: where the app is, the demo logins, how to stop."""
    import bridge.demo as demo_data
    from bridge.demo import organisation as demo

    with app.app_context():
        try:
            logins = demo_data.existing_logins()
        except Exception:  # a database without tables yet: no logins to show
            logins = []
    rule = "=" * 64
    lines = ["", rule, f"  Q-SER Bridge is running at {served}/", ""]
    if logins:
        lines.append(f"  Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        lines += [f"    {role:<12} {email}" for role, email in logins]
    else:
        lines.append("  No demo logins in this database (load them with: qser demo).")
    lines += ["", f"  Mailed links point to {app.config['BASE_URL']}"
              + ("" if app.config.get("BASE_URL_EXPLICIT") else " (set QSER_BASE_URL to change)"),
              "  Press Ctrl+C to stop.", rule]
    return "\n".join(lines)


def register_commands(app: Flask) -> None:
    """Attach the command groups to the app's CLI."""
    from bridge.modules.community.cli import qa_group, scenarios_group
    from bridge.modules.evaluation import cli as evaluation_cli
    from bridge.modules.externals import cli as externals_cli
    from bridge.modules.lti.cli import lti_group
    from bridge.modules.mentoring import cli as mentoring_cli
    from bridge.service_cli import COMMANDS
    from scorm_packages.cli import oer
    from sync.cli import sync_group
    from sync.forums_cli import forums_group

    app.cli.add_command(oer)
    app.cli.add_command(sync_group)
    app.cli.add_command(forums_group)
    app.cli.add_command(users_group)
    app.cli.add_command(demo_command)
    app.cli.add_command(qa_group)
    app.cli.add_command(scenarios_group)
    app.cli.add_command(externals_cli.externals)
    app.cli.add_command(mentoring_cli.reminders)
    app.cli.add_command(evaluation_cli.evaluations)
    app.cli.add_command(evaluation_cli.export)
    app.cli.add_command(lti_group)
    for command in COMMANDS:
        app.cli.add_command(command)


main.add_command(run_command)  # replaces Flask's development `run`
