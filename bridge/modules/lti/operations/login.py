"""OIDC login initiation: check the platform, issue a state and a nonce, build the redirect."""
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from flask import current_app

from bridge.core.db import db, utcnow
from bridge.core.errors import N_, ValidationFailed
from bridge.modules.lti.models import LtiLoginState
from bridge.modules.lti.operations.platforms import find_platform
from bridge.modules.lti.util import tool_urls

STATE_MAX_AGE = timedelta(minutes=10)


class LoginRejected(ValidationFailed):
    """A login initiation that the tool does not accept."""


def _purge_old_states() -> None:
    """Delete states older than an hour (used or abandoned logins)."""
    db.session.execute(db.delete(LtiLoginState).where(LtiLoginState.created_at < utcnow() - timedelta(hours=1)))


def _check_target(target: str) -> None:
    base = current_app.config["BASE_URL"].rstrip("/") + "/"
    if target and not target.startswith(base):
        raise LoginRejected(N_("The launch points to another tool (%(url)s)."), url=target[:200])


def begin_login(params: dict) -> tuple[str, str]:
    """Start an OIDC login from the platform's parameters; return (state, authentication URL)."""
    for name in ("iss", "login_hint", "target_link_uri"):
        if not params.get(name):
            raise LoginRejected(N_("The login request from the learning platform lacks %(name)s."), name=name)
    platform = find_platform(params["iss"], params.get("client_id"))
    if platform is None:
        raise LoginRejected(N_("This learning platform is not registered with the companion. "
                               "Please ask the coordinator."))
    deployment = params.get("lti_deployment_id")
    if deployment and deployment not in platform.deployment_ids:
        raise LoginRejected(N_("This deployment of the tool is not registered. Please ask the coordinator."))
    _check_target(params["target_link_uri"])
    _purge_old_states()
    login = LtiLoginState(state=secrets.token_urlsafe(32), nonce=secrets.token_urlsafe(32), platform=platform)
    db.session.add(login)
    db.session.flush()
    query = {"scope": "openid", "response_type": "id_token", "response_mode": "form_post", "prompt": "none",
             "client_id": platform.client_id, "redirect_uri": tool_urls()["redirect_uris"][0],
             "login_hint": params["login_hint"], "state": login.state, "nonce": login.nonce}
    if params.get("lti_message_hint"):
        query["lti_message_hint"] = params["lti_message_hint"]
    sep = "&" if "?" in platform.auth_login_url else "?"
    return login.state, f"{platform.auth_login_url}{sep}{urlencode(query)}"
