"""Workshop and scenario-library pages."""
from datetime import timezone

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _
from flask_login import login_required

from bridge.core.db import db
from bridge.core.forms import choices
from bridge.core.permissions import require
from bridge.core.web import form_status, get_or_404, submit
from bridge.modules.community import util
from bridge.core.competences import competence_keys
from bridge.modules.community.forms import (AttendanceForm, InviteForm, ScenarioForm, WorkshopForm, WorkshopScenariosForm,
                                            competence_choices)
from bridge.modules.community.models import Scenario, Workshop
from bridge.modules.community.operations import workshops as ops
from bridge.modules.community.views import PAGE_SIZE, bp, locale, me


@bp.route("/workshops/")
@login_required
def workshops():
    """List the workshops one may see."""
    page = db.paginate(ops.workshops_for(me()), per_page=PAGE_SIZE, error_out=False)
    return render_template("community/workshops.html", page=page)


def _workshop_form(workshop=None) -> WorkshopForm:
    form = WorkshopForm(obj=workshop)
    if workshop is not None and request.method == "GET":
        form.starts_at.data = workshop.starts_at.astimezone(get_timezone()).replace(tzinfo=None)
    return form


def _workshop_data(form: WorkshopForm) -> dict:
    data = {name: getattr(form, name).data or "" for name in ("title", "kind", "place", "online_link",
                                                               "recording_link", "materials", "description",
                                                               "outcomes")}
    data["starts_at"] = form.starts_at.data.replace(tzinfo=get_timezone()).astimezone(timezone.utc)
    data["facilitator_id"] = form.facilitator_id.data or None
    return data


@bp.route("/workshops/new", methods=["GET", "POST"])
@login_required
def new_workshop():
    """Plan a workshop (coordinators)."""
    require(me(), "create", Workshop, util.CHANGE_DENIED)
    form = _workshop_form()
    workshop = submit(form, lambda: ops.save_workshop(me(), None, _workshop_data(form)))
    if workshop is not None:
        flash(_("The workshop has been saved. Invite participants next."), "success")
        return redirect(url_for("community.workshop", workshop_id=workshop.id))
    return render_template("community/workshop_form.html", form=form, workshop=None), form_status(form)


@bp.route("/workshops/<int:workshop_id>/edit", methods=["GET", "POST"])
@login_required
def edit_workshop(workshop_id: int):
    """Change a workshop (coordinators)."""
    workshop = get_or_404(Workshop, workshop_id)
    require(me(), "manage", workshop, util.CHANGE_DENIED)
    form = _workshop_form(workshop)
    if submit(form, lambda: ops.save_workshop(me(), workshop, _workshop_data(form))):
        flash(_("Changes saved."), "success")
        return redirect(url_for("community.workshop", workshop_id=workshop.id))
    return render_template("community/workshop_form.html", form=form, workshop=workshop), form_status(form)


def _visible_workshop(workshop_id: int) -> Workshop:
    return require(me(), "view", get_or_404(Workshop, workshop_id))


def _panel_forms(workshop, invite=None, attendance=None, scenarios=None):
    invite = invite or InviteForm(formdata=None)
    invite.people.exclude_ids = {p.person_id for p in workshop.participants}
    if attendance is None:
        attendance = AttendanceForm(formdata=None)
        attendance.attended.data = [p.person_id for p in workshop.participants if p.attended]
    attendance.attended.choices = choices((p.person_id, p.person.full_name) for p in workshop.participants)
    if scenarios is None:
        scenarios = WorkshopScenariosForm(formdata=None)
        scenarios.scenarios.data = [s.id for s in workshop.scenarios]
    scenarios.scenarios.choices = choices((s.id, s.title) for s in db.session.scalars(ops.scenarios_for(locale())))
    return {"invite_form": invite, "attendance_form": attendance, "scenarios_form": scenarios}


def _render_workshop(workshop, status=200, **forms):
    return render_template("community/workshop.html", workshop=workshop, **_panel_forms(workshop, **forms)), status


@bp.route("/workshops/<int:workshop_id>")
@login_required
def workshop(workshop_id: int):
    """Show a workshop (coordinators, its facilitator and invited people)."""
    return _render_workshop(_visible_workshop(workshop_id))


@bp.route("/workshops/<int:workshop_id>/invite", methods=["POST"])
@login_required
def invite(workshop_id: int):
    """Invite people and mail them (coordinators)."""
    workshop = get_or_404(Workshop, workshop_id)
    require(me(), "manage", workshop, util.CHANGE_DENIED)
    form = _panel_forms(workshop, invite=InviteForm())["invite_form"]
    new = submit(form, lambda: ops.invite(me(), workshop, form.people.chosen()))
    if new is not None:
        flash(_("Invitations sent: %(num)d.", num=len(new)), "success")
        return redirect(url_for("community.workshop", workshop_id=workshop.id))
    return _render_workshop(workshop, 200 if form.searching() else 400, invite=form)


@bp.route("/workshops/<int:workshop_id>/attendance", methods=["POST"])
@login_required
def attendance(workshop_id: int):
    """Record attendance (coordinators)."""
    workshop = get_or_404(Workshop, workshop_id)
    require(me(), "manage", workshop, util.CHANGE_DENIED)
    form = _panel_forms(workshop, attendance=AttendanceForm())["attendance_form"]
    submit(form, lambda: ops.record_attendance(me(), workshop, set(form.attended.data or [])))
    if form.errors:
        return _render_workshop(workshop, 400, attendance=form)
    flash(_("Attendance saved."), "success")
    return redirect(url_for("community.workshop", workshop_id=workshop.id))


@bp.route("/workshops/<int:workshop_id>/scenarios", methods=["POST"])
@login_required
def workshop_scenarios(workshop_id: int):
    """Choose the scenarios discussed (coordinators and the facilitator)."""
    workshop = _visible_workshop(workshop_id)
    require(me(), "facilitate", workshop, util.CHANGE_DENIED)
    form = _panel_forms(workshop, scenarios=WorkshopScenariosForm())["scenarios_form"]
    chosen = lambda: [db.session.get(Scenario, i) for i in form.scenarios.data or []]  # noqa: E731
    submit(form, lambda: ops.set_scenarios(me(), workshop, chosen()))
    if form.errors:
        return _render_workshop(workshop, 400, scenarios=form)
    flash(_("Scenarios saved."), "success")
    return redirect(url_for("community.workshop", workshop_id=workshop.id))


@bp.route("/scenarios/")
@login_required
def scenarios():
    """List the scenario library."""
    competence = request.args.get("competence", "")
    if competence not in competence_keys():
        competence = ""
    page = db.paginate(ops.scenarios_for(locale(), competence), per_page=PAGE_SIZE, error_out=False)
    return render_template("community/scenarios.html", page=page, competence=competence,
                           competence_options=competence_choices(locale()))


@bp.route("/scenarios/<int:scenario_id>")
@login_required
def scenario(scenario_id: int):
    """Show a scenario."""
    return render_template("community/scenario.html", scenario=get_or_404(Scenario, scenario_id))


def _save_scenario(scenario):
    require(me(), "edit", scenario or Scenario, util.CHANGE_DENIED)
    form = ScenarioForm(obj=scenario)
    form.competences.choices = competence_choices(locale())
    saved = submit(form, lambda: ops.save_scenario(me(), scenario, form.data, locale()))
    if saved is not None:
        flash(_("The scenario has been saved."), "success")
        return redirect(url_for("community.scenario", scenario_id=saved.id))
    return render_template("community/scenario_form.html", form=form, scenario=scenario), form_status(form)


@bp.route("/scenarios/new", methods=["GET", "POST"])
@login_required
def new_scenario():
    """Write a scenario (coordinators and external professionals)."""
    return _save_scenario(None)


@bp.route("/scenarios/<int:scenario_id>/edit", methods=["GET", "POST"])
@login_required
def edit_scenario(scenario_id: int):
    """Change a scenario (coordinators and external professionals)."""
    return _save_scenario(get_or_404(Scenario, scenario_id))
