"""Coordinator pages for operations: the audit log."""
from flask import Blueprint, render_template, request

from bridge.core.audit import AuditEvent
from bridge.core.auth import role_required
from bridge.core.db import db
from bridge.core.roles import Role

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
