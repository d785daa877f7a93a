"""Pages for mentees and mentors: their mentoring profile and their confirmed tandems."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bridge.core.auth import role_required
from bridge.core.competences import competence_keys
from bridge.core.db import db
from bridge.core.forms import COMPETENCE_PREFIX as PREFIX
from bridge.core.roles import Role
from bridge.core.web import run_operation
from bridge.modules.pairing.forms import MenteeProfileForm, MentorProfileForm
from bridge.modules.pairing.models import CONFIRMED_STATES, Pair
from bridge.modules.pairing.operations.profiles import (
    find_profile, profile_completeness, save_mentee_profile, save_mentor_profile, search_people,
)
from bridge.modules.pairing.views import bp

FORMS = {"mentee": (MenteeProfileForm, save_mentee_profile),
         "mentor": (MentorProfileForm, save_mentor_profile)}


@bp.route("/profile")
@role_required(Role.MENTEE, Role.MENTOR)
def profile():
    """Show how complete one's mentoring profile(s) are, with what is missing."""
    person = current_user.person
    kinds = [kind for kind in FORMS if person.has_role(kind)]
    status = {kind: profile_completeness(person, kind) for kind in kinds}
    return render_template("pairing/profile.html", person=person, status=status)


def _fill(form, profile, person, kind: str) -> None:
    """Put the stored profile, and the person's languages and department, into a fresh form."""
    if profile is not None:
        form.process(obj=profile)
        form.line_manager_id.data = str(profile.line_manager_id or "")
        for key in competence_keys():
            form[PREFIX + key].data = str(profile.competences.get(key, ""))
    if profile is not None and kind == "mentor":
        form.conflict_ids.data = [str(i) for i in profile.conflict_ids]
        form.willingness_scale.data = str(profile.willingness_scale or "")
    form.languages.data, form.department.data = list(person.languages or []), person.department
    form.offer_people()


def _profile_page(kind: str):
    person = current_user.person
    form_class, save = FORMS[kind]
    form = form_class(person)
    searched = form.searched_field() if request.method == "POST" else None
    if request.method == "GET":
        _fill(form, find_profile(person, kind), person, kind)
    elif searched:  # without JavaScript: the typed profile comes back with the people found added to the list
        form.offer_people(searched, search_people(person, form.search_query(searched)))
    elif form.validate_on_submit():
        if run_operation(form, save, person, form.data_for_operation(request.form)) is not None:
            flash(_("Your mentoring profile has been saved."), "success")
            return redirect(url_for("pairing.profile"))
    percent, missing = profile_completeness(person, kind)
    status = 400 if request.method == "POST" and not searched else 200
    return render_template(f"pairing/{kind}_profile.html", form=form, person=person, percent=percent,
                           missing=missing), status


@bp.route("/profile/mentee", methods=["GET", "POST"])
@role_required(Role.MENTEE)
def mentee_profile():
    """Edit one's mentee profile."""
    return _profile_page("mentee")


@bp.route("/profile/mentor", methods=["GET", "POST"])
@role_required(Role.MENTOR)
def mentor_profile():
    """Edit one's mentor profile."""
    return _profile_page("mentor")


@bp.route("/my")
@role_required(Role.MENTEE, Role.MENTOR)
def my_pairing():
    """Show one's confirmed tandems (never unconfirmed proposals)."""
    person = current_user.person
    pairs = db.session.scalars(db.select(Pair).where(
        (Pair.mentor_id == person.id) | (Pair.mentee_id == person.id),
        Pair.state.in_(CONFIRMED_STATES)).order_by(Pair.created_at.desc(), Pair.id.desc())).all()
    return render_template("pairing/my.html", person=person, pairs=pairs, find_profile=find_profile)
