"""Coordinator pages for operations: the audit log and the Moodle sync runs."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bridge.core import audit
from bridge.core.audit import AuditEvent
from bridge.core.auth import role_required
from bridge.core.db import db
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.core.roles import Role
from bridge.modules.admin import operations
from bridge.modules.admin.forms import SyncStartForm

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


@bp.route("/sync")
@role_required(Role.COORDINATOR)
def sync_runs():
    """List Moodle sync runs with their counts and errors; offer to start one."""
    runs, running = operations.latest_runs()
    return render_template("admin/sync.html", runs=runs, running=running, form=SyncStartForm(),
                           activities=operations.discovered_activities(runs))


@bp.route("/sync/<int:run_id>")
@role_required(Role.COORDINATOR)
def sync_run(run_id: int):
    """Show one sync run with every per-record error."""
    run = db.session.get(operations.SyncRun, run_id) or abort(404)
    return render_template("admin/sync_run.html", run=run)


@bp.route("/sync/start", methods=["POST"])
@role_required(Role.COORDINATOR)
def start_sync():
    """Start a sync run in the background."""
    form = SyncStartForm()
    if not form.validate_on_submit():
        raise ValidationFailed(N_("Choose what to synchronise."))
    try:
        operations.start_run(form.kind.data, dry_run=form.dry_run.data, full=form.full.data,
                             triggered_by=current_user.person.email)
    except operations.MoodleConfigError as exc:
        flash(str(exc), "danger")
        return render_template("admin/sync.html", runs=[], running=False, form=form,
                               activities=[]), 400
    except operations.SyncAlreadyRunning:
        raise Conflict(N_("A sync run is already in progress. Wait for it to finish."))
    audit.record(current_user.person, "sync.started", None, form.kind.data,
                 dry_run=form.dry_run.data, full=form.full.data)
    db.session.commit()
    flash(_("The sync has started. This page refreshes until it has finished."), "success")
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
