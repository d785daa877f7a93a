"""Coordinator pages that prepare a run: overview, eligibility, the procedures checklist, pins and exclusions."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from bridge.core import cache
from bridge.core.auth import role_required
from bridge.core.db import db
from bridge.core.roles import Role
from bridge.core.ids import parse_id
from bridge.core.web import form_status, get_or_404, paginate, run_operation, submit
from bridge.modules.pairing.forms import PairChoiceForm, ProcedureForm, ReasonForm
from bridge.modules.pairing.models import MatchExclusion, MatchPin, MatchRun, ProcedureItem
from bridge.modules.pairing.operations import eligibility as eligibility_ops
from bridge.modules.pairing.operations import pins
from bridge.modules.pairing.operations.matching import build_engine_inputs, summarise
from bridge.modules.pairing.operations.profiles import completeness_of, profiles_of
from bridge.modules.pairing.views import bp
from bridge.modules.people.models import Person, PersonRole


@bp.route("/")
@role_required(Role.COORDINATOR)
def index():
    """Show where the programme stands before and after matching, and what to do next."""
    inputs = cache.remember(("pairing-summary",), lambda: summarise(build_engine_inputs()))
    runs = db.session.scalars(db.select(MatchRun).order_by(MatchRun.created_at.desc(), MatchRun.id.desc())
                              .limit(10)).all()
    items = eligibility_ops.procedure_items()
    return render_template("pairing/index.html", inputs=inputs, runs=runs, items=items,
                           checklist_done=eligibility_ops.procedures_complete())


ELIGIBILITY_PAGE_SIZE = 50


def _people_with_role(role: str):
    return (db.select(Person).where(Person.archived_at.is_(None), Person.role_links.any(PersonRole.role == role))
            .order_by(Person.last_name, Person.first_name, Person.id).options(selectinload(Person.role_links)))


def _page_number(name: str) -> int:
    return parse_id(request.args.get(name, "")) or 1


@bp.route("/eligibility")
@role_required(Role.COORDINATOR)
def eligibility():
    """List mentors with their training, exemptions, eligibility and profile; mentees with their profile. Each list
    is paged (a programme has thousands), and a page's training, exemptions and profiles are read together."""
    mentor_page = paginate(_people_with_role("mentor"), ELIGIBILITY_PAGE_SIZE, ("eligibility", "mentor"),
                           page=_page_number("mentors_page"))
    mentee_page = paginate(_people_with_role("mentee"), ELIGIBILITY_PAGE_SIZE, ("eligibility", "mentee"),
                           page=_page_number("mentees_page"))
    mentor_profiles = profiles_of(mentor_page.items, "mentor")
    mentors = [{"person": s.person, "training": s.training, "exemption": s.exemption, "eligibility": s.eligibility,
                "profile": mentor_profiles.get(s.person.id),
                "completeness": completeness_of(s.person, {"mentor": mentor_profiles.get(s.person.id)})}
               for s in eligibility_ops.mentor_standings(mentor_page.items)]
    mentee_profiles = profiles_of(mentee_page.items, "mentee")
    mentees = [{"person": p, "completeness": completeness_of(p, {"mentee": mentee_profiles.get(p.id)})}
               for p in mentee_page.items]
    return render_template("pairing/eligibility.html", mentors=mentors, mentees=mentees, mentor_page=mentor_page,
                           mentee_page=mentee_page, args={k: v for k, v in request.args.items()
                                                          if k in ("mentors_page", "mentees_page")},
                           form=ReasonForm())


@bp.route("/eligibility/<int:person_id>/exemption", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def exemption(person_id: int):
    """Record a training exemption for a mentor, with the reason."""
    person = get_or_404(Person, person_id)
    form = ReasonForm()
    if submit(form, eligibility_ops.record_exemption, current_user.person, person, form.reason.data) is not None:
        flash(_("The exemption for %(name)s has been recorded.", name=person.full_name), "success")
        return redirect(url_for("pairing.eligibility"))
    return render_template("pairing/exemption.html", form=form, person=person,
                           exemption=eligibility_ops.find_exemption(person)), form_status(form)


@bp.route("/eligibility/<int:person_id>/exemption/remove", methods=["POST"])
@role_required(Role.COORDINATOR)
def remove_exemption(person_id: int):
    """Withdraw a training exemption."""
    person = get_or_404(Person, person_id)
    run_operation(None, eligibility_ops.remove_exemption, current_user.person, person)
    flash(_("The exemption for %(name)s has been withdrawn.", name=person.full_name), "success")
    return redirect(url_for("pairing.eligibility"))


@bp.route("/procedures", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def procedures():
    """Show and extend the internal procedures checklist."""
    form = ProcedureForm()
    if submit(form, eligibility_ops.add_procedure, current_user.person, form.title.data, form.category.data,
              form.note.data) is not None:
        flash(_("The procedure has been added to the checklist."), "success")
        return redirect(url_for("pairing.procedures"))
    return render_template("pairing/procedures.html", form=form, items=eligibility_ops.procedure_items(),
                           complete=eligibility_ops.procedures_complete()), form_status(form)


@bp.route("/procedures/<int:item_id>/<any(done, reopen):action>", methods=["POST"])
@role_required(Role.COORDINATOR)
def procedure_done(item_id: int, action: str):
    """Mark a checklist item done, or open it again."""
    item = get_or_404(ProcedureItem, item_id)
    note = request.form.get("note")
    done = run_operation(None, eligibility_ops.set_procedure_done, current_user.person, item, action == "done", note)
    if done is None:
        return render_template("pairing/procedures.html", form=ProcedureForm(formdata=None),
                               items=eligibility_ops.procedure_items(),
                               complete=eligibility_ops.procedures_complete()), 400
    flash(_("The checklist has been updated."), "success")
    return redirect(url_for("pairing.procedures"))


@bp.route("/procedures/<int:item_id>/delete", methods=["POST"])
@role_required(Role.COORDINATOR)
def procedure_delete(item_id: int):
    """Remove an item from the checklist."""
    run_operation(None, eligibility_ops.delete_procedure, current_user.person, get_or_404(ProcedureItem, item_id))
    flash(_("The procedure has been removed from the checklist."), "success")
    return redirect(url_for("pairing.procedures"))


def _constraint_page(pin_form, exclusion_form, status=200):
    pins = db.session.scalars(db.select(MatchPin).order_by(MatchPin.id)).all()
    exclusions = db.session.scalars(db.select(MatchExclusion).order_by(MatchExclusion.id)).all()
    return render_template("pairing/constraints.html", pin_form=pin_form, exclusion_form=exclusion_form,
                           pins=pins, exclusions=exclusions), status


@bp.route("/constraints", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def constraints():
    """Pin pairs that a run must propose, or exclude pairs it must not."""
    pin_form, exclusion_form = PairChoiceForm(prefix="pin"), PairChoiceForm(prefix="exclusion")
    kind = request.form.get("kind")
    form, operation = (pin_form, pins.add_pin) if kind == "pin" else (exclusion_form, pins.add_exclusion)
    if request.method == "POST" and form.validate_on_submit():
        mentor, mentee = form.chosen_people()
        if run_operation(form, operation, current_user.person, mentor, mentee, form.comment.data) is not None:
            flash(_("Saved. It applies to the next matching run."), "success")
            return redirect(url_for("pairing.constraints"))
    error = request.method == "POST" and not form.searching()  # a name search (no JavaScript) is no error
    return _constraint_page(pin_form, exclusion_form, 400 if error else 200)


@bp.route("/constraints/<any(pin, exclusion):kind>/<int:item_id>/delete", methods=["POST"])
@role_required(Role.COORDINATOR)
def constraint_delete(kind: str, item_id: int):
    """Remove a pin or an exclusion."""
    item = get_or_404(MatchPin if kind == "pin" else MatchExclusion, item_id)
    run_operation(None, pins.remove_constraint, current_user.person, item)
    flash(_("Removed."), "success")
    return redirect(url_for("pairing.constraints"))
