"""Coordinator pages for operations: the audit log and the Moodle sync runs."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bridge.core import audit
from bridge.core.audit import AuditEvent
from bridge.core.auth import role_required
from bridge.core.db import db
from bridge.core.errors import N_, ValidationFailed
from bridge.core.roles import Role
from bridge.modules.admin import operations
from bridge.core.web import get_or_404, run_operation
from bridge.modules.admin.forms import ProbeForm, SyncStartForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/audit")
@role_required(Role.COORDINATOR)
def audit_log():
    """List audit events, newest first, filterable by action."""
    action = request.args.get("action", "").strip()[:60]
    stmt = db.select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if action:
        stmt = stmt.where(AuditEvent.action.startswith(action))
    page = db.paginate(stmt, per_page=50, error_out=False)
    return render_template("admin/audit.html", page=page, action=action)


SYNC_STATUSES = ("running", "succeeded", "partial", "failed")


def _sync_page(form, status_code=200):
    """Render the sync page: configuration, connection test, start form, runs (filtered by ?status=)."""
    status = request.args.get("status", "")
    status = status if status in SYNC_STATUSES else ""
    runs, running = operations.latest_runs(status=status or None)
    config, probe = operations.configuration(), operations.last_probe()
    passed = operations.probe_passed(probe, config)
    return render_template("admin/sync.html", runs=runs, running=running, form=form, status=status,
                           config=config, probe=probe, probe_passed=passed, queued=operations.queued_runs(),
                           probe_form=ProbeForm(), activities=operations.discovered_activities(
                               [probe] if probe is not None and probe.activities is not None else runs)), status_code


@bp.route("/sync")
@role_required(Role.COORDINATOR)
def sync_runs():
    """Show the Moodle settings, the connection test, the start form and the sync runs."""
    return _sync_page(SyncStartForm())


@bp.route("/sync/<int:run_id>")
@role_required(Role.COORDINATOR)
def sync_run(run_id: int):
    """Show one sync run with every per-record error."""
    run = get_or_404(operations.SyncRun, run_id)
    return render_template("admin/sync_run.html", run=run)


@bp.route("/sync/test", methods=["POST"])
@role_required(Role.COORDINATOR)
def test_connection():
    """Run the capability probe (site, functions, courses, activities) and remember its outcome."""
    form = ProbeForm()
    if not form.validate_on_submit():
        raise ValidationFailed(N_("The form has expired. Please try again."))
    probe = run_operation(None, operations.probe_connection, current_user.person)
    if probe is None:
        return _sync_page(SyncStartForm(formdata=None), 400)
    if operations.probe_passed(probe, operations.configuration()):
        flash(_("The connection works. You can start a sync now."), "success")
    else:
        flash(_("The connection test failed. The result below says what to fix."), "danger")
    return redirect(url_for("admin.sync_runs"))


@bp.route("/sync/start", methods=["POST"])
@role_required(Role.COORDINATOR)
def start_sync():
    """Start a sync run as a background job (after the commit)."""
    form = SyncStartForm()
    if not form.validate_on_submit():
        raise ValidationFailed(N_("Choose what to synchronise."))
    if run_operation(None, operations.start_run, current_user.person, form.kind.data, dry_run=form.dry_run.data,
                     full=form.full.data) is None:
        return _sync_page(form, 400)
    flash(_("The sync has started. This page shows its progress until it has finished."), "success")
    return redirect(url_for("admin.sync_runs"))


# --- Job queue (issue 15): failed jobs stay visible here until requeued ---------------------------
@bp.route("/jobs")
@role_required(Role.COORDINATOR)
def job_queue():
    """List the failed background jobs (mail, Moodle calls) with their last error."""
    from redis.exceptions import RedisError

    from bridge.core import jobs

    state, failed = None, []
    if jobs.enabled():
        try:
            state, failed = jobs.status(), jobs.failed_jobs()
        except RedisError:
            flash(_("The job queue (Redis) does not answer. Until it is back, mails and Moodle calls are sent "
                    "right after each change is saved."), "danger")
    return render_template("admin/jobs.html", enabled=jobs.enabled(), state=state, failed=failed)


@bp.route("/jobs/<job_id>/requeue", methods=["POST"])
@role_required(Role.COORDINATOR)
def requeue_job(job_id: str):
    """Put a failed job back on the queue."""
    from bridge.core import jobs

    if not jobs.enabled() or not jobs.requeue(job_id[:100]):
        abort(404)
    audit.record(current_user.person, "job.requeued", None, job_id[:100])
    db.session.commit()
    flash(_("The job is queued again."), "success")
    return redirect(url_for("admin.job_queue"))
