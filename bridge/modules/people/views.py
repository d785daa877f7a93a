"""Coordinator people management and everyone's own profile."""
from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core.auth import is_coordinator, role_required
from bridge.core.permissions import require
from bridge.core.roles import Role
from bridge.core.web import form_status, get_or_404, kept_form_html, paginate, run_operation, submit
from bridge.modules.people import operations as ops
from bridge.modules.people.forms import PersonForm, ProfileForm, SearchForm
from bridge.extensions import limiter
from bridge.modules.people.models import Person
from bridge.modules.people.picker import known_group, name_matches

bp = Blueprint("people", __name__, url_prefix="/people")
PAGE_SIZE = 25


@bp.route("/")
@role_required(Role.COORDINATOR)
def index():
    """List and search people."""
    form = SearchForm(request.args)
    form.validate()
    stmt = ops.search_people(form.q.data or "", form.role.data or "", form.status.data or "active")
    page = paginate(stmt, PAGE_SIZE, ("people", form.q.data or "", form.role.data or "", form.status.data or "active"))
    page.items = ops.people_rows(page.items)
    return render_template("people/index.html", form=form, page=page,
                           search_html=kept_form_html("people", "people/_search.html", form))


@bp.route("/search")
@role_required(Role.MENTEE, Role.MENTOR, Role.COORDINATOR)
@limiter.limit("60 per minute")
def search():
    """Return a few active people whose name starts with ?q= (JSON), to choose people by name.

    Coordinators may limit the matches to roles or groups (?role=mentor, repeated for any of several) and find
    themselves; mentees and mentors (their line manager, conflicts of interest) search everyone but themselves."""
    person, groups = current_user.person, request.args.getlist("role")
    if groups and not is_coordinator(person):
        abort(403)
    if not all(known_group(name) for name in groups):
        abort(400)
    found = name_matches(request.args.get("q", ""), groups, () if is_coordinator(person) else {person.id})
    return jsonify(results=[{"value": str(p.id), "text": f"{p.last_name}, {p.first_name}"} for p in found])


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def create():
    """Add a person."""
    form = PersonForm()
    person = submit(form, lambda: ops.create_person(current_user.person, form.data_for_operation()))
    if person is not None:
        flash(_("%(name)s has been added.", name=person.full_name), "success")
        return redirect(url_for("people.show", person_id=person.id))
    return render_template("people/form.html", form=form, person=None), form_status(form)


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit(person_id: int):
    """Change a person's details and roles."""
    person = get_or_404(Person, person_id)
    form = PersonForm(obj=person)
    if request.method == "GET":
        form.roles.data = sorted(person.role_names)
    if submit(form, lambda: ops.update_person(current_user.person, person, form.data_for_operation())):
        flash(_("Changes saved."), "success")
        return redirect(url_for("people.show", person_id=person.id))
    return render_template("people/form.html", form=form, person=person), form_status(form)


@bp.route("/<int:person_id>")
@login_required
def show(person_id: int):
    """Show a person (coordinators, or the person themselves)."""
    person = require(current_user.person, "view", get_or_404(Person, person_id))
    return render_template("people/show.html", person=person)


@bp.route("/<int:person_id>/archive", methods=["POST"])
@role_required(Role.COORDINATOR)
def archive(person_id: int):
    """Archive a person."""
    person = get_or_404(Person, person_id)
    if person.id == current_user.person.id:
        flash(_("You cannot archive yourself."), "danger")
        return redirect(url_for("people.show", person_id=person.id)), 303
    run_operation(None, ops.archive_person, current_user.person, person)
    flash(_("%(name)s has been archived.", name=person.full_name), "success")
    return redirect(url_for("people.show", person_id=person.id))


@bp.route("/<int:person_id>/restore", methods=["POST"])
@role_required(Role.COORDINATOR)
def restore(person_id: int):
    """Restore an archived person."""
    person = get_or_404(Person, person_id)
    run_operation(None, ops.restore_person, current_user.person, person)
    flash(_("%(name)s is active again.", name=person.full_name), "success")
    return redirect(url_for("people.show", person_id=person.id))


@bp.route("/me", methods=["GET", "POST"])
@login_required
def me():
    """Show and edit one's own profile."""
    person = current_user.person
    form = ProfileForm(obj=person)
    data = {"department": form.department.data, "languages": form.languages.data,
            "preferred_locale": form.preferred_locale.data}
    if submit(form, ops.update_own_profile, person, data):
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("people.me"))
    return render_template("people/me.html", form=form, person=person), form_status(form)
