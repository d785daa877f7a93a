"""Coordinators' page: registered platforms, the tool's configuration values and the last launches."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bridge.core.auth import role_required
from bridge.core.db import db
from bridge.core.roles import Role
from bridge.modules.lti.forms import DeleteForm, PlatformForm
from bridge.modules.lti.models import LtiPlatform, LtiToolKey
from bridge.modules.lti.operations import platforms as ops
from bridge.modules.lti.operations import roster
from bridge.modules.lti.util import RESULT_LABELS, ROSTER_LABELS, target_labels, tool_urls
from bridge.modules.lti.views import bp
from bridge.core.web import run_operation


@bp.route("/admin/lti")
@role_required(Role.COORDINATOR)
def admin_index():
    """List platforms, the values to paste into Moodle, the tool's keys and the last launches."""
    platforms = db.session.scalars(db.select(LtiPlatform).order_by(LtiPlatform.name)).all()
    tool_keys = db.session.scalars(db.select(LtiToolKey).order_by(LtiToolKey.created_at.desc())).all()
    return render_template("lti/admin.html", platforms=platforms, urls=tool_urls(), tool_keys=tool_keys,
                           launches=ops.recent_launches(), delete_form=DeleteForm(), result_labels=RESULT_LABELS,
                           target_labels=target_labels(), courses={p.id: roster.courses_seen(p) for p in platforms})


def _platform_page(form: PlatformForm, platform: LtiPlatform | None):
    status = 400 if form.errors else 200
    return render_template("lti/platform_form.html", form=form, platform=platform, urls=tool_urls()), status


@bp.route("/admin/lti/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def admin_new():
    """Register a platform."""
    form = PlatformForm()
    if form.validate_on_submit():
        platform = run_operation(form, ops.create_platform, current_user.person, form.data_for_operation())
        if platform:
            flash(_("The platform %(name)s has been registered.", name=platform.name), "success")
            return redirect(url_for("lti.admin_index"))
    return _platform_page(form, None)


@bp.route("/admin/lti/<int:platform_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def admin_edit(platform_id: int):
    """Change a platform's registration."""
    platform = db.session.get(LtiPlatform, platform_id) or abort(404)
    form = PlatformForm()
    if form.validate_on_submit():
        if run_operation(form, ops.update_platform, current_user.person, platform, form.data_for_operation()):
            flash(_("The platform %(name)s has been saved.", name=platform.name), "success")
            return redirect(url_for("lti.admin_index"))
    elif not form.is_submitted():
        form.fill_from(platform)
    return _platform_page(form, platform)


@bp.route("/admin/lti/<int:platform_id>/delete", methods=["POST"])
@role_required(Role.COORDINATOR)
def admin_delete(platform_id: int):
    """Remove a platform (its launches stay in the log)."""
    platform = db.session.get(LtiPlatform, platform_id) or abort(404)
    name = platform.name
    if DeleteForm().validate_on_submit():
        if run_operation(None, ops.delete_platform, current_user.person, platform):
            flash(_("The platform %(name)s has been removed.", name=name), "success")
    return redirect(url_for("lti.admin_index"))


@bp.route("/admin/lti/<int:platform_id>/roster/<int:launch_id>")
@role_required(Role.COORDINATOR)
def admin_roster(platform_id: int, launch_id: int):
    """Compare a course roster (read with NRPS) with the companion's people."""
    platform = db.session.get(LtiPlatform, platform_id) or abort(404)
    result = run_operation(None, roster.compare_roster, platform, launch_id)
    if not result:
        return redirect(url_for("lti.admin_index"))
    launch, rows = result
    counts = {status: sum(1 for row in rows if row.status == status) for status in ROSTER_LABELS}
    return render_template("lti/roster.html", platform=platform, launch=launch, rows=rows, counts=counts,
                           status_labels=ROSTER_LABELS)
