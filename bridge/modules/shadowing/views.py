"""Job-shadowing activities: list, record, and fill in the outcome with the trainer's checklist."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core.auth import role_required
from bridge.core.permissions import can, require
from bridge.core.roles import Role
from bridge.core.web import form_status, get_or_404, run_operation, submit
from bridge.modules.shadowing import operations as ops
from bridge.modules.shadowing.forms import ActivityForm, OutcomeForm
from bridge.modules.shadowing.models import JobShadowingActivity
from bridge.modules.shadowing.util import CHECKLIST, progress

bp = Blueprint("shadowing", __name__, url_prefix="/shadowing")


@bp.route("/")
@login_required
def index():
    """List the job-shadowing activities the person takes part in (coordinators: all)."""
    return render_template("shadowing/index.html", activities=ops.activities_for(current_user.person),
                           progress=progress)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def create():
    """Record a job-shadowing activity."""
    form = ActivityForm()
    activity = submit(form, lambda: ops.create_activity(current_user.person, form.data))
    if activity is not None:
        flash(_("The activity has been recorded."), "success")
        return redirect(url_for("shadowing.show", activity_id=activity.id))
    return render_template("shadowing/new.html", form=form), form_status(form)


@bp.route("/<int:activity_id>", methods=["GET", "POST"])
@login_required
def show(activity_id: int):
    """Show an activity; its shadower and coordinators fill in the outcome and checklist."""
    activity = get_or_404(JobShadowingActivity, activity_id)
    require(current_user.person, "view", activity)
    form = OutcomeForm(obj=activity) if can(current_user.person, "edit", activity) else None
    if request.method == "POST":
        if form is None:
            abort(403)
        if form.validate() and run_operation(form, ops.record_outcome, current_user.person, activity, form.data):
            flash(_("Saved."), "success")
            return redirect(url_for("shadowing.show", activity_id=activity.id))
    elif form is not None:
        form.checklist.data = [key for key, ticked in (activity.checklist or {}).items() if ticked]
    return render_template("shadowing/show.html", activity=activity, form=form, checklist=CHECKLIST,
                           progress=progress(activity.checklist or {})), form_status(form) if form else 200
