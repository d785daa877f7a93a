"""The tool's endpoints: OIDC login initiation, launch, deep linking response and the JWKS."""
from flask import current_app, redirect, render_template, request, url_for
from flask_login import login_user

from bridge.core.db import db
from bridge.core.errors import DomainError
from bridge.extensions import csrf
from bridge.modules.lti.forms import DeepLinkForm
from bridge.modules.lti.operations import deep_linking, keys
from bridge.modules.lti.operations.launch import LaunchRejected
from bridge.modules.lti.operations.launches import complete_launch, record_rejection
from bridge.modules.lti.operations.login import STATE_MAX_AGE, begin_login
from bridge.modules.lti.util import DEFAULT_ENDPOINT, TARGETS
from bridge.modules.lti.views import bp
from bridge.core.web import run_operation

STATE_COOKIE = "qser_lti_state"


def _rejected(message: str, status: int):
    return render_template("lti/rejected.html", message=message), status


@bp.route("/lti/login", methods=["GET", "POST"])
@csrf.exempt
def login():
    """Start the OIDC login the platform initiated: redirect to its authentication endpoint."""
    try:
        state, url = begin_login(request.values.to_dict())
    except DomainError as exc:
        db.session.rollback()
        return _rejected(exc.message, exc.status)
    db.session.commit()
    response = redirect(url)
    secure = bool(current_app.config.get("SESSION_COOKIE_SECURE"))
    # SameSite=None lets the cookie come back with the platform's cross-site form post (HTTPS only).
    response.set_cookie(STATE_COOKIE, state, max_age=int(STATE_MAX_AGE.total_seconds()), path="/lti/",
                        secure=secure, httponly=True, samesite="None" if secure else "Lax")
    return response


@bp.route("/lti/launch", methods=["POST"])
@csrf.exempt
def launch():
    """Validate the platform's launch; sign the person in and open the placement, or explain why not."""
    try:
        outcome = complete_launch(request.form.get("id_token", ""), request.form.get("state", ""),
                                  request.cookies.get(STATE_COOKIE))
    except LaunchRejected as exc:
        db.session.rollback()
        record_rejection(exc)
        db.session.commit()
        return _rejected(exc.message, exc.status)
    db.session.commit()
    if outcome.kind == "deep_link":
        form = DeepLinkForm(formdata=None, context=outcome.deep_link_token)
        return render_template("lti/deep_link.html", form=form, platform=outcome.platform)
    if outcome.kind == "unknown":
        return render_template("lti/unknown_user.html", platform=outcome.platform), 403
    login_user(outcome.account, force=True)
    endpoint = TARGETS[outcome.target][0] if outcome.target else DEFAULT_ENDPOINT
    response = redirect(url_for(endpoint), 303)
    response.delete_cookie(STATE_COOKIE, path="/lti/")
    return response


@bp.route("/lti/deep-link", methods=["POST"])
@csrf.exempt
def deep_link():
    """Answer the platform's deep linking request with the chosen activities (auto-posted back)."""
    form = DeepLinkForm()
    if form.validate():
        result = run_operation(form, deep_linking.build_response, form.context.data, form.targets.data,
                               form.presentation.data)
        if result:
            return_url, token = result
            return render_template("lti/autopost.html", action=return_url, fields={"JWT": token})
    platform, _context = deep_linking.read_context(form.context.data)
    return render_template("lti/deep_link.html", form=form, platform=platform), 400


@bp.route("/lti/jwks")
def jwks():
    """Publish the tool's public keys (the active one and recently retired ones)."""
    published = keys.published_keys()
    db.session.commit()
    response = current_app.json.response({"keys": published})
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
