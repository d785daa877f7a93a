"""Blueprint registration, the login loader, the home page and template helpers."""
from flask import Blueprint, Flask, redirect, render_template, url_for
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from bridge.core.auth import is_coordinator
from bridge.core.db import db
from bridge.core.languages import language_name
from bridge.core.roles import Role
from bridge.extensions import login_manager
from bridge.modules.accounts.models import Account

home = Blueprint("home", __name__)

NAV = [
    # (endpoint, label, roles allowed; None = every logged-in person)
    ("home.index", _l("Overview"), None),
    ("training.catalogue", _l("Training"), None),
    ("people.index", _l("People"), {Role.COORDINATOR.value}),
    ("admin.audit_log", _l("Audit log"), {Role.COORDINATOR.value}),
]


@home.route("/")
def index():
    """Show the overview for the logged-in person, or send visitors to the login page."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    return render_template("home/index.html", person=current_user.person)


@home.route("/healthz")
def healthz():
    """Report that the service and its database answer."""
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}


@login_manager.user_loader
def load_account(session_id: str):
    """Load the account from the session id (account id and session version)."""
    account_id, _, version = session_id.partition(":")
    if not account_id.isdigit() or not version.isdigit():
        return None
    account = db.session.get(Account, int(account_id))
    if account is None or account.session_version != int(version):
        return None
    return account


def nav_items():
    """Return the navigation entries the current person may use."""
    if not current_user.is_authenticated:
        return []
    roles = current_user.person.role_names
    return [(ep, label) for ep, label, allowed in NAV if allowed is None or roles & allowed]


def register(app: Flask) -> None:
    """Register every blueprint and template helper."""
    from bridge.modules.accounts.views import bp as accounts_bp
    from bridge.modules.admin.views import bp as admin_bp
    from bridge.modules.people import permissions  # noqa: F401
    from bridge.modules.people.views import bp as people_bp
    from bridge.modules.training.views import bp as training_bp

    for bp in (home, accounts_bp, people_bp, admin_bp, training_bp):
        app.register_blueprint(bp)

    app.jinja_env.filters["format_datetime"] = format_datetime
    app.jinja_env.filters["format_date"] = format_date
    app.jinja_env.filters["language_name"] = language_name

    @app.context_processor
    def inject():
        return {"nav_items": nav_items, "current_locale": str(get_locale()), "language_name": language_name,
                "is_coordinator": lambda: current_user.is_authenticated and is_coordinator(current_user.person),
                "organisation_name": app.config["ORGANISATION_NAME"]}
