"""Coordinator people management and everyone's own profile."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core.auth import role_required
from bridge.core.permissions import require
from bridge.core.db import db
from bridge.core.errors import DomainError
from bridge.core.forms import apply_domain_error
from bridge.core.roles import Role
from bridge.modules.accounts import operations as account_ops
from bridge.modules.people import operations as ops
from bridge.modules.people.forms import PersonForm, ProfileForm, SearchForm
from bridge.modules.people.models import Person

bp = Blueprint("people", __name__, url_prefix="/people")
PAGE_SIZE = 25


def _get_person(person_id: int) -> Person:
    return db.session.get(Person, person_id) or abort(404)


@bp.route("/")
@role_required(Role.COORDINATOR)
def index():
    """List and search people."""
    form = SearchForm(request.args)
    form.validate()
    stmt = ops.search_people(form.q.data or "", form.role.data or "", form.status.data or "active")
    page = db.paginate(stmt, per_page=PAGE_SIZE, error_out=False)
    return render_template("people/index.html", form=form, page=page)


def _save(form: PersonForm, person: Person | None):
    try:
        if person is None:
            person = ops.create_person(current_user.person, form.data_for_operation())
        else:
            ops.update_person(current_user.person, person, form.data_for_operation())
    except DomainError as exc:
        db.session.rollback()
        if not apply_domain_error(form, exc):
            flash(exc.message, "danger")
        return None
    db.session.commit()
    return person


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def create():
    """Add a person."""
    form = PersonForm()
    if form.validate_on_submit():
        person = _save(form, None)
        if person is not None:
            flash(_("%(name)s has been added.", name=person.full_name), "success")
            return redirect(url_for("people.show", person_id=person.id))
    status = 400 if form.errors else 200
    return render_template("people/form.html", form=form, person=None), status


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit(person_id: int):
    """Change a person's details and roles."""
    person = _get_person(person_id)
    form = PersonForm(obj=person)
    if request.method == "GET":
        form.roles.data = sorted(person.role_names)
    if form.validate_on_submit():
        if _save(form, person) is not None:
            flash(_("Changes saved."), "success")
            return redirect(url_for("people.show", person_id=person.id))
    status = 400 if form.errors else 200
    return render_template("people/form.html", form=form, person=person), status


@bp.route("/<int:person_id>")
@login_required
def show(person_id: int):
    """Show a person (coordinators, or the person themselves)."""
    person = require(current_user.person, "view", _get_person(person_id))
    return render_template("people/show.html", person=person)


@bp.route("/<int:person_id>/archive", methods=["POST"])
@role_required(Role.COORDINATOR)
def archive(person_id: int):
    """Archive a person."""
    person = _get_person(person_id)
    if person.id == current_user.person.id:
        flash(_("You cannot archive yourself."), "danger")
        return redirect(url_for("people.show", person_id=person.id)), 303
    ops.archive_person(current_user.person, person)
    db.session.commit()
    flash(_("%(name)s has been archived.", name=person.full_name), "success")
    return redirect(url_for("people.show", person_id=person.id))


@bp.route("/<int:person_id>/restore", methods=["POST"])
@role_required(Role.COORDINATOR)
def restore(person_id: int):
    """Restore an archived person."""
    person = _get_person(person_id)
    ops.restore_person(current_user.person, person)
    db.session.commit()
    flash(_("%(name)s is active again.", name=person.full_name), "success")
    return redirect(url_for("people.show", person_id=person.id))


@bp.route("/<int:person_id>/invite", methods=["POST"])
@role_required(Role.COORDINATOR)
def invite(person_id: int):
    """Mail a person a one-time link to set their password."""
    person = _get_person(person_id)
    account_ops.invite(current_user.person, person)
    db.session.commit()
    flash(_("An invitation has been sent to %(email)s. The link is valid for 7 days.", email=person.email),
          "success")
    return redirect(url_for("people.show", person_id=person.id))


@bp.route("/me", methods=["GET", "POST"])
@login_required
def me():
    """Show and edit one's own profile."""
    person = current_user.person
    form = ProfileForm(obj=person)
    if form.validate_on_submit():
        ops.update_own_profile(person, {"department": form.department.data, "languages": form.languages.data,
                                        "preferred_locale": form.preferred_locale.data})
        db.session.commit()
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("people.me"))
    status = 400 if form.errors else 200
    return render_template("people/me.html", form=form, person=person), status
