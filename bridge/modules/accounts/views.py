"""Login, logout, invitations and password resets."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from bridge.core.auth import role_required
from bridge.core.db import db
from bridge.core.errors import ValidationFailed
from bridge.core.roles import Role
from bridge.core.web import form_status, get_or_404, run_operation, submit
from bridge.core.throttle import failed_login, login_account_key
from bridge.core.urls import safe_next
from bridge.extensions import limiter
from bridge.modules.accounts import operations as ops
from bridge.modules.accounts.forms import ForgotPasswordForm, LoginForm, SetPasswordForm
from bridge.modules.accounts.models import TokenPurpose
from bridge.modules.people.models import Person

bp = Blueprint("accounts", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["ACCOUNT_LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_account_limit, methods=["POST"], key_func=login_account_key, deduct_when=failed_login)
def login():
    """Show the login form and log a person in."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        account = ops.authenticate(form.email.data, form.password.data)
        if account is not None:
            login_user(account, remember=form.remember.data)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
        form.password.errors = [_("The email address or the password is not correct.")]
    status = 400 if form.errors else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out everywhere this session or its remember cookie is used, and go back to the login page."""
    if current_user.is_authenticated:
        ops.end_sessions(current_user)
        db.session.commit()
    logout_user()
    flash(_("You have been logged out."), "info")
    return redirect(url_for("accounts.login"))


def _set_password_page(token: str, purpose: TokenPurpose, template: str):
    link = ops.find_token(token, purpose)
    form = SetPasswordForm()
    account = submit(form, ops.redeem_token, token, purpose, form.password.data)
    if account is not None:
        logout_user()
        login_user(account)
        flash(_("Your password has been set. Welcome!"), "success")
        return redirect(url_for("home.index"))
    return render_template(template, form=form, person=link.person), form_status(form)


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def accept_invite(token: str):
    """Set a first password from an invitation link."""
    return _set_password_page(token, TokenPurpose.INVITE, "accounts/accept_invite.html")


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_password(token: str):
    """Set a new password from a reset link."""
    return _set_password_page(token, TokenPurpose.RESET, "accounts/reset_password.html")


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def forgot_password():
    """Send a reset link; always answer the same way, so addresses cannot be probed."""
    form = ForgotPasswordForm()
    if submit(form, ops.request_reset, form.email.data):
        flash(_("If an account exists for this address, we have sent a link to reset the password. "
                "The link is valid for 24 hours."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form), form_status(form)


@bp.route("/language", methods=["POST"])
def set_language():
    """Switch the interface language."""
    code = request.form.get("locale", "")
    if code not in current_app.config["LANGUAGES"]:
        raise ValidationFailed("Unknown language.")
    session["locale"] = code
    if current_user.is_authenticated:
        current_user.person.preferred_locale = code
        db.session.commit()
    return redirect(safe_next(request.form.get("next")))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password (ends other sessions)."""
    form = SetPasswordForm()
    account = submit(form, ops.set_password, current_user.person, form.password.data)
    if account is not None:
        login_user(account)
        flash(_("Your password has been changed."), "success")
        return redirect(url_for("people.me"))
    return render_template("accounts/change_password.html", form=form), form_status(form)


@bp.route("/people/<int:person_id>/invite", methods=["POST"])
@role_required(Role.COORDINATOR)
def invite(person_id: int):
    """Mail a person a one-time link to set their password."""
    person = get_or_404(Person, person_id)
    if not run_operation(None, ops.invite, current_user.person, person):
        return render_template("people/show.html", person=person), 400
    flash(_("An invitation has been sent to %(email)s. The link is valid for 7 days.", email=person.email),
          "success")
    return redirect(url_for("people.show", person_id=person.id))
