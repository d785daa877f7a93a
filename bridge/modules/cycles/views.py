"""Cycles (coordinators), complaint figures (coordinators) and the cycle report (coordinators and management)."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from bridge.core.auth import role_required
from bridge.core.db import db
from bridge.core.errors import N_, PermissionDenied
from bridge.core.ids import parse_id
from bridge.core.roles import Role
from bridge.core.spreadsheets import send_xlsx
from bridge.core.web import form_status, get_or_404, private_download, run_operation, submit
from bridge.modules.cycles.forms import CloseCycleForm, ComplaintForm, CycleEditForm, CycleForm
from bridge.modules.cycles.models import ComplaintFigure, Cycle, CycleCandidate
from bridge.modules.cycles.operations import cycles as operations
from bridge.modules.cycles.operations import exports
from bridge.modules.cycles.operations.exports import LANGUAGES, display
from bridge.modules.cycles.operations.report import report_of
from bridge.modules.cycles.util import (
    CANDIDATE_LABELS, CYCLE_STATE_LABELS, is_management_only, may_open_as_management,
)
from bridge.modules.pairing.models import MatchRun, Pair

bp = Blueprint("cycles", __name__)
REPORT_READERS = (Role.COORDINATOR, Role.MANAGEMENT)


@bp.before_app_request
def management_sees_reports_only():
    """People who only hold the management role get the reports and nothing else (no personal pages)."""
    if not current_user.is_authenticated or not is_management_only(current_user.person):
        return None
    if request.endpoint == "home.index":
        return redirect(url_for("cycles.reports"))
    if not may_open_as_management(request.endpoint):
        raise PermissionDenied(N_("You do not have permission to open this page."))
    return None


@bp.route("/cycles/")
@role_required(Role.COORDINATOR)
def index():
    """List the cycles, with the form to create one."""
    return render_template("cycles/index.html", cycles=operations.all_cycles(), form=CycleForm(),
                           state_labels=CYCLE_STATE_LABELS)


@bp.route("/cycles/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def create():
    """Create a cycle (current if there is none, else planned)."""
    form = CycleForm()
    if (cycle := submit(form, operations.create_cycle, current_user.person, form.data)):
        flash(_("Cycle %(name)s created.", name=cycle.name), "success")
        return redirect(url_for("cycles.detail", cycle_id=cycle.id))
    return render_template("cycles/new.html", form=form), form_status(form)


def _close_form(cycle: Cycle) -> CloseCycleForm:
    form = CloseCycleForm()
    form.next_cycle.choices = [(c.id, f"{c.name} ({c.starts_on.isoformat()} – {c.ends_on.isoformat()})")
                               for c in operations.planned_cycles() if c.id != cycle.id]
    return form


def _count(model, cycle: Cycle) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)).where(model.cycle_id == cycle.id)) or 0


def _render_detail(cycle: Cycle, form: CloseCycleForm, status: int = 200):
    from bridge.modules.community.models import Workshop

    candidates = db.session.scalars(db.select(CycleCandidate).where(CycleCandidate.cycle_id == cycle.id)
                                    .order_by(CycleCandidate.id)).all()
    counts = {"tandems": _count(Pair, cycle), "runs": _count(MatchRun, cycle), "workshops": _count(Workshop, cycle)}
    return render_template("cycles/detail.html", cycle=cycle, form=form, counts=counts, candidates=candidates,
                           open_count=operations.count_open_tandems(cycle) if cycle.is_current else 0,
                           state_labels=CYCLE_STATE_LABELS, candidate_labels=CANDIDATE_LABELS), status


@bp.route("/cycles/<int:cycle_id>")
@role_required(Role.COORDINATOR)
def detail(cycle_id):
    """Show a cycle: what belongs to it, its mentor candidates, and (if current) the form to close it."""
    cycle = get_or_404(Cycle, cycle_id)
    return _render_detail(cycle, _close_form(cycle))


@bp.route("/cycles/<int:cycle_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit(cycle_id):
    """Correct a cycle's name and dates while it is planned or current."""
    cycle = get_or_404(Cycle, cycle_id)
    if cycle.is_closed:
        flash(_("A closed cycle keeps its name and dates: its report is stored with them."), "warning")
        return redirect(url_for("cycles.detail", cycle_id=cycle.id))
    form = CycleEditForm(obj=cycle)
    if submit(form, operations.update_cycle, current_user.person, cycle, form.data) is not None:
        flash(_("Cycle %(name)s saved.", name=cycle.name), "success")
        return redirect(url_for("cycles.detail", cycle_id=cycle.id))
    refused = request.method == "POST" and not form.errors  # a conflict (closed meanwhile), shown as a message
    return render_template("cycles/edit.html", form=form, cycle=cycle), 409 if refused else form_status(form)


@bp.route("/cycles/<int:cycle_id>/close", methods=["POST"])
@role_required(Role.COORDINATOR)
def close(cycle_id):
    """Close the current cycle: store its report, carry candidates (and, if confirmed, open tandems) over."""
    cycle = get_or_404(Cycle, cycle_id)
    form = _close_form(cycle)
    if not form.validate_on_submit():
        if not form.next_cycle.choices:
            flash(_("Create the cycle that follows first; closing makes it the current one."), "danger")
        return _render_detail(cycle, form, 400)
    next_cycle = db.session.get(Cycle, form.next_cycle.data)
    if run_operation(form, operations.close_cycle, current_user.person, cycle, next_cycle,
                     form.move_open_tandems.data):
        flash(_("Cycle %(name)s closed; its report is stored.", name=cycle.name), "success")
        return redirect(url_for("cycles.detail", cycle_id=cycle.id))
    return _render_detail(db.session.get(Cycle, cycle_id), form, 409 if not form.errors else 400)


@bp.route("/cycles/complaints", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def complaints():
    """List and enter the complaint and incident figures per period."""
    form = ComplaintForm()
    if submit(form, operations.record_complaints, current_user.person, form.data):
        flash(_("Figure saved."), "success")
        return redirect(url_for("cycles.complaints"))
    figures = db.session.scalars(db.select(ComplaintFigure).order_by(ComplaintFigure.period_start.desc(),
                                                                     ComplaintFigure.id.desc())).all()
    return render_template("cycles/complaints.html", form=form, figures=figures), form_status(form)


@bp.route("/cycles/complaints/<int:figure_id>/delete", methods=["POST"])
@role_required(Role.COORDINATOR)
def delete_complaints(figure_id):
    """Delete a complaint figure entered by mistake."""
    figure = get_or_404(ComplaintFigure, figure_id)
    if run_operation(None, operations.delete_complaints, current_user.person, figure):
        flash(_("Figure deleted."), "success")
    return redirect(url_for("cycles.complaints"))


def _chosen_cycle() -> Cycle | None:
    raw = request.args.get("cycle")
    if raw is None:
        return operations.current_cycle() or next(iter(operations.all_cycles()), None)
    cycle_id = parse_id(raw)
    if cycle_id is None:
        abort(404)
    return get_or_404(Cycle, cycle_id)


@bp.route("/reports/")
@role_required(*REPORT_READERS)
def reports():
    """The aggregated report of a cycle, per department (no group smaller than five people)."""
    cycle = _chosen_cycle()
    report = display(report_of(cycle)) if cycle else None
    return render_template("cycles/report.html", cycle=cycle, report=report, cycles=operations.all_cycles(),
                           state_labels=CYCLE_STATE_LABELS, languages=LANGUAGES)


def _language() -> str:
    lang = request.args.get("lang") or str(get_locale())
    if lang not in LANGUAGES:
        abort(400)
    return lang


@bp.route("/reports/<int:cycle_id>.pdf")
@role_required(*REPORT_READERS)
def report_pdf(cycle_id):
    """The report as a PDF (German or English: ?lang=de|en, else the page's language)."""
    cycle, lang = get_or_404(Cycle, cycle_id), _language()
    response = Response(exports.report_pdf(report_of(cycle), lang), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="cycle-report-{cycle.id}-{lang}.pdf"'})
    return private_download(response)


@bp.route("/reports/<int:cycle_id>.xlsx")
@role_required(*REPORT_READERS)
def report_xlsx(cycle_id):
    """The report as an Excel workbook (German or English)."""
    cycle, lang = get_or_404(Cycle, cycle_id), _language()
    return private_download(send_xlsx(exports.report_xlsx(report_of(cycle), lang),
                                      f"cycle-report-{cycle.id}-{lang}.xlsx"))
