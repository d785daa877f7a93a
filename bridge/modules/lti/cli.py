"""`qser lti`: register platforms and rotate the tool's key pair."""
import sys

import click
from flask.cli import with_appcontext

from bridge.core.db import db
from bridge.core.errors import DomainError


@click.group("lti")
def lti_group():
    """Single sign-on from Moodle (LTI 1.3)."""


@lti_group.command("add-platform")
@click.option("--name", required=True, help="A name coordinators recognise.")
@click.option("--issuer", required=True, help="Moodle's Platform ID (its site URL).")
@click.option("--client-id", required=True, help="Client ID shown in Moodle's tool details.")
@click.option("--deployment-id", "deployment_ids", multiple=True, required=True, help="Deployment ID (repeatable).")
@click.option("--login-url", required=True, help="Authentication request URL.")
@click.option("--token-url", default="", help="Access token URL.")
@click.option("--jwks-url", required=True, help="Public keyset URL.")
@click.option("--jit/--no-jit", default=False, help="Create unknown users on their first launch.")
@click.option("--emails-verified/--no-emails-verified", default=False, help="Match people by the platform's e-mail.")
@with_appcontext
def add_platform(name, issuer, client_id, deployment_ids, login_url, token_url, jwks_url, jit, emails_verified):
    """Register an LTI platform."""
    from bridge.modules.lti.operations.platforms import create_platform

    data = {"name": name, "issuer": issuer.rstrip("/"), "client_id": client_id, "deployment_ids": list(deployment_ids),
            "auth_login_url": login_url, "auth_token_url": token_url, "jwks_url": jwks_url, "jit_enabled": jit,
            "emails_verified": emails_verified}
    try:
        platform = create_platform(None, data)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"Platform {platform.name} registered (issuer {platform.issuer}, client id {platform.client_id}).")
    _echo_tool_values()


@lti_group.command("rotate-key")
@with_appcontext
def rotate_key():
    """Generate a new key pair; the old public key stays in the JWKS for the grace period."""
    from flask import current_app

    from bridge.modules.lti.operations.keys import rotate_key as rotate

    key = rotate()
    db.session.commit()
    days = current_app.config["LTI_KEY_GRACE_DAYS"]
    click.echo(f"New key {key.kid} is active; retired keys stay published for {days} days.")


@lti_group.command("show-config")
@with_appcontext
def show_config():
    """Print the values to paste into Moodle's tool configuration."""
    _echo_tool_values()


def _echo_tool_values() -> None:
    from bridge.modules.lti.util import tool_urls

    urls = tool_urls()
    click.echo(f"  Tool URL:           {urls['tool_url']}")
    click.echo(f"  Initiate login URL: {urls['login_url']}")
    click.echo(f"  Redirection URI(s): {urls['redirect_uris'][0]}")
    click.echo(f"  Public keyset URL:  {urls['jwks_url']}")
    click.echo(f"  Deep linking URL:   {urls['deep_linking_url']}")
