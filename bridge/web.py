"""Blueprint registration, the login loader, the home page and template helpers."""
import re
import time

from flask import Blueprint, Flask, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import contains_eager

from bridge.core import i18n
from bridge.core.auth import is_coordinator
from bridge.core.db import db
from bridge.core.ids import parse_id
from bridge.core.languages import language_list, language_name
from bridge.core.markdown import render_markdown
from bridge.core.permissions import can
from bridge.core.web import kept_html
from bridge.extensions import login_manager
from bridge.modules.accounts.models import Account
from bridge.modules.people.models import Person
from bridge.navigation import menu_for

home = Blueprint("home", __name__)
SESSION_ID = re.compile(r"([0-9]{1,10}):([0-9]{1,9}):([0-9]{1,12})")  # account, session version, issue time

@home.route("/")
def index():
    """Show the overview for the logged-in person, or send visitors to the login page."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    person = current_user.person
    return render_template("home/index.html", person=person, overview=build_overview(person))


@home.route("/healthz")
def healthz():
    """Report that the service and its database answer."""
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}


@home.route("/health")
def health():
    """Report database, migration and queue state as JSON (200 when healthy, 503 otherwise)."""
    from bridge.core.health import report

    body, status = report()
    return body, status, {"Cache-Control": "no-store"}


@login_manager.user_loader
def load_account(session_id: str):
    """Load the account from the session id (account id, session version, issue time), if still valid."""
    match = SESSION_ID.fullmatch(session_id)
    if match is None or parse_id(match[1]) is None:
        return None
    account_id, version, issued = (int(part) for part in match.groups())
    max_age = current_app.config["REMEMBER_COOKIE_DURATION"].total_seconds()
    if not -60 <= time.time() - issued <= max_age:
        return None  # a session or remember cookie lives at most QSER_REMEMBER_DAYS
    # One query for the account, its person and their roles (every page needs the roles for its menu).
    account = db.session.execute(_ACCOUNT_WITH_ROLES, {"account_id": account_id}).unique().scalar_one_or_none()
    if account is None or account.session_version != version:
        return None
    return account


# Joined on the tables themselves (contains_eager), not through joinedload's aliases: the rows need no adapting, which
# took a third of the loader's time; the statement is built once and its compiled form cached by SQLAlchemy.
_ACCOUNT_WITH_ROLES = (db.select(Account).join(Account.person).outerjoin(Person.role_links)
                       .where(Account.id == db.bindparam("account_id"))
                       .options(contains_eager(Account.person).contains_eager(Person.role_links)))


def build_overview(person):
    """Return the person's to-do list (bridge.overview)."""
    from bridge.overview import build

    return build(person)


def navigation():
    """Return the current person's (main menu, personal menu) from bridge.navigation."""
    if not current_user.is_authenticated:
        return [], []
    return menu_for(current_user.person.role_names)


def main_menu_html(main) -> Markup:
    """Return the main menu as HTML, rendered once per set of roles, language and current page (bridge.core.web
    .kept_html): the menu is on every page and rendering its links cost a few milliseconds each time."""
    return kept_html("main-menu", (frozenset(current_user.person.role_names), request.endpoint),
                     lambda: render_template("_nav_main.html", main=main))


def register(app: Flask) -> None:
    """Register every blueprint and template helper."""
    from bridge import overview  # noqa: F401  (registers the tandem list's to-do filters)
    from bridge.modules.accounts.views import bp as accounts_bp
    from bridge.modules.admin.views import bp as admin_bp
    from bridge.modules.agreements.views import bp as agreements_bp
    from bridge.modules.mentoring.views import bp as mentoring_bp
    from bridge.modules.community.views import bp as community_bp
    from bridge.modules.pairing.views import bp as pairing_bp
    from bridge.modules.people.views import bp as people_bp
    from bridge.modules.training.views import bp as training_bp
    from bridge.modules.externals.views import bp as externals_bp
    from bridge.modules.help.views import bp as help_bp
    from bridge.modules.mentordb.views import bp as mentordb_bp
    from bridge.modules.shadowing.views import bp as shadowing_bp
    from bridge.modules.evaluation.views import bp as evaluation_bp
    from bridge.modules.cycles.views import bp as cycles_bp
    from bridge.modules.lti import views as lti_views

    for bp in (home, accounts_bp, people_bp, admin_bp, training_bp, pairing_bp, community_bp):
        app.register_blueprint(bp)
    for bp in (externals_bp, help_bp, mentordb_bp, shadowing_bp):
        app.register_blueprint(bp)
    for bp in (agreements_bp, mentoring_bp):
        app.register_blueprint(bp)
    app.register_blueprint(evaluation_bp)
    app.register_blueprint(cycles_bp)
    app.register_blueprint(lti_views.bp)
    lti_views.init_app(app)

    app.jinja_env.filters.update(i18n.FILTERS)  # the one date and number style: date, datetime, month, number, percent
    app.jinja_env.filters["format_datetime"] = i18n.babel_width(i18n.fmt_datetime)  # older templates' names
    app.jinja_env.filters["format_date"] = i18n.babel_width(i18n.fmt_date)
    app.jinja_env.filters["language_name"] = language_name
    app.jinja_env.filters["language_list"] = language_list
    app.jinja_env.filters["markdown"] = render_markdown
    from bridge.modules.people.forms import role_badges

    app.jinja_env.filters["role_badges"] = role_badges

    @app.context_processor
    def inject():
        return {"navigation": navigation, "main_menu_html": main_menu_html, "current_locale": str(get_locale()), "language_name": language_name,
                "is_coordinator": lambda: current_user.is_authenticated and is_coordinator(current_user.person),
                "can": lambda action, obj: current_user.is_authenticated and can(current_user.person, action, obj),
                "organisation_name": app.config["ORGANISATION_NAME"]}
