"""Coordinator pages: the forms and their versions, the Excel/CSV export and the impact dashboard."""
import tempfile

from flask import Response, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale, gettext as _
from flask_login import current_user

from bridge.core.auth import role_required
from bridge.core.db import db, utcnow
from bridge.core.errors import N_
from bridge.core.forms import choices
from bridge.core.i18n import fmt_date, fmt_datetime, fmt_month, fmt_number
from bridge.core.pdf import html_to_pdf
from bridge.core.roles import Role
from bridge.core.spreadsheets import generate_xlsx, send_xlsx, write_csv
from bridge.core.exports import KEEP_DAYS, ExportFile, exports_of
from bridge.core.exports import STATE_LABELS as EXPORT_STATE_LABELS
from bridge.core.uploads import open_stored
from bridge.core.vocabulary import module_title
from bridge.core.web import form_status, get_permitted, private_download, submit
from bridge.modules.evaluation.forms import DashboardForm, DefinitionForm, PrepareExportForm
from bridge.modules.evaluation.models import EvaluationForm
from bridge.modules.evaluation.operations import dashboard, definitions, export_jobs
from bridge.modules.evaluation.operations.charts import bar_chart, line_chart
from bridge.modules.evaluation.operations.export_columns import README
from bridge.modules.evaluation.operations.export_data import ExportFilter, build_sheets
from bridge.modules.evaluation.operations.responses import find_form
from bridge.modules.evaluation.util import ASPECT_LABELS
from bridge.modules.evaluation.views import bp
from bridge.modules.pairing.models import PairState
from bridge.modules.pairing.util import STATE_LABELS
from bridge.modules.people.models import Person


@bp.route("/forms")
@role_required(Role.COORDINATOR)
def forms():
    """List the evaluation forms with their current versions."""
    versions = {}
    for version in db.session.scalars(db.select(EvaluationForm).order_by(EvaluationForm.key,
                                                                          EvaluationForm.version.desc())):
        versions.setdefault(version.key, []).append(version)
    return render_template("evaluation/forms.html", forms=definitions.all_latest(), versions=versions)


@bp.route("/forms/<key>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit_form(key: str):
    """Edit a form's definition; saving creates a new version (old responses keep theirs)."""
    current = find_form(key)
    form = DefinitionForm(data={"source": current.source})
    new = submit(form, definitions.save_version, current_user.person, current, form.source.data)
    if new:
        flash(_("Version %(version)s of the form has been saved.", version=new.version), "success")
        return redirect(url_for("evaluation.forms"))
    return render_template("evaluation/edit_form.html", definition=current, form=form), form_status(form)


def _export_form(query: bool = False) -> PrepareExportForm:
    """Return the filter form, read from the query (direct downloads, no token) or from the posted form."""
    form = PrepareExportForm(request.args, meta={"csrf": False}) if query else PrepareExportForm()
    departments = db.session.scalars(db.select(Person.department).where(Person.department.is_not(None))
                                     .distinct().order_by(Person.department)).all()
    form.department.choices = choices([("", _("All departments"))] + [(d, d) for d in departments])
    form.form.choices = choices([("", _("All forms"))] + [(f.key, f.title_en) for f in definitions.all_latest()])
    form.state.choices = choices([("", _("All states"))] + [(s.value, _(STATE_LABELS[s.value])) for s in PairState])
    return form


def _filter(form: PrepareExportForm) -> ExportFilter:
    return ExportFilter(date_from=form.date_from.data, date_to=form.date_to.data,
                        department=form.department.data or None, form_key=form.form.data or None,
                        state=form.state.data or None, anonymous=form.anonymous.data)


def _download(send):
    """Answer send(filters) for valid filters, else the filter page with its errors (400)."""
    form = _export_form(query=True)
    if not form.validate():
        return _page(form), 400
    return private_download(send(_filter(form)))


@bp.route("/export")
@role_required(Role.COORDINATOR)
def export():
    """Show the export's filters."""
    return _page(_export_form(query=True))


def _page(form):
    return render_template("evaluation/export.html", form=form, exports=exports_of(current_user.person),
                           export_states=EXPORT_STATE_LABELS, keep_days=KEEP_DAYS)


@bp.route("/export", methods=["POST"])
@role_required(Role.COORDINATOR)
def prepare_export():
    """Have the export prepared by a job after the commit; its file is offered for download when ready."""
    form = _export_form()
    if submit(form, lambda: export_jobs.prepare_export(current_user.person, form.format, _filter(form),
                                                         str(get_locale()))):
        flash(_("The export is being prepared. It appears below when it is ready."), "success")
        return redirect(url_for("evaluation.export"))
    return _page(form), 400


@bp.route("/exports/<int:export_id>")
@role_required(Role.COORDINATOR)
def download_export(export_id: int):
    """Download a prepared export (only the coordinator who asked for it)."""
    export = get_permitted(ExportFile, export_id, "download")
    if not export.ready:
        abort(404)
    return private_download(send_file(open_stored(export.storage_name), mimetype=export.mimetype,
                                      as_attachment=True, download_name=export.filename))


def _xlsx(filters: ExportFilter):
    return send_xlsx(generate_xlsx(build_sheets(filters), README), f"evaluations-{utcnow():%Y-%m-%d}.xlsx")


@bp.route("/export.xlsx")
@role_required(Role.COORDINATOR)
def export_xlsx():
    """Download the evaluation workbook for the chosen filters."""
    return _download(_xlsx)


def _csv(filters: ExportFilter):
    spool = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # spills to disk: memory stays flat
    write_csv(build_sheets(filters)[0], spool)
    spool.seek(0)
    return send_file(spool, mimetype="text/csv", as_attachment=True,
                     download_name=f"evaluation-responses-{utcnow():%Y-%m-%d}.csv")


@bp.route("/export.csv")
@role_required(Role.COORDINATOR)
def export_csv():
    """Download the Responses sheet as CSV, streamed."""
    return _download(_csv)


EMPTY_HINTS = {
    "trained": N_("No one has completed a training module yet. Completions arrive with the Moodle sync "
                  "(Administration, Moodle sync)."),
    "states": N_("No tandems yet. Start a matching run under Pairing to propose the first tandems."),
    "sessions": N_("No sessions logged in this period. Tandems log their meetings in their workspace."),
    "aspects": N_("No evaluations submitted yet. Evaluations become due once a tandem has signed its agreement."),
    "trend": N_("No evaluations submitted yet. Evaluations become due once a tandem has signed its agreement."),
}


def _dashboard_form() -> DashboardForm:
    form = DashboardForm(request.args)
    departments = dashboard.remember(("departments",), dashboard.departments)
    form.department.choices = choices([("", _("All departments"))] + [(d, d) for d in departments])
    return form


def _dashboard(form: DashboardForm) -> dict:
    """Return the dashboard for the filters in the reader's language (kept briefly, like its figures)."""
    f = dashboard.DashboardFilter(form.date_from.data, form.date_to.data, form.department.data or None)
    today, viewer = utcnow().date(), current_user.person
    return dashboard.remember(("page", today, f, str(get_locale()), viewer.id),
                              lambda: _dashboard_page(today, f, viewer))


def _dashboard_page(today, f: dashboard.DashboardFilter, viewer) -> dict:
    """Return the figures as labelled rows with formatted values, charts and empty states; the ratings count only
    the responses the viewer may see."""
    data = dashboard.figures(today, f, viewer)
    months = data["rating_months"]
    tables = {"trained": [(module_title(module), count) for module, count in data["trained_per_module"]],
              "states": [(_(STATE_LABELS[state]), count) for state, count in data["pairs_by_state"]],
              "sessions": [(fmt_month(month), count) for month, count in data["sessions_per_month"]],
              "aspects": [(_(ASPECT_LABELS[aspect]), avg) for aspect, avg in data["aspect_averages"]]}
    titles = {"trained": _("People who completed each training module"), "states": _("Tandems by state"),
              "sessions": _("Sessions per month"), "aspects": _("Average rating per aspect (1–5)"),
              "trend": _("Average rating per aspect over time")}
    digits = {"aspects": 2}
    empty = {key: not any(value for _label, value in rows) for key, rows in tables.items()}
    empty["trend"] = not any(v is not None for by_month in data["rating_by_month"].values() for v in by_month.values())
    charts = {key: bar_chart(f"c-{key}", titles[key], rows, maximum=5 if key == "aspects" else None,
                             fmt=lambda v, d=digits.get(key): fmt_number(v, d))
              for key, rows in tables.items() if not empty[key]}
    trend_rows = [(_(ASPECT_LABELS[aspect]), [by_month[m] for m in months])
                  for aspect, by_month in data["rating_by_month"].items()]
    if not empty["trend"]:
        charts["trend"] = line_chart("c-trend", titles["trend"], [fmt_month(m) for m in months], trend_rows,
                                     fmt=fmt_number)
    filters = [text for text in (
        _("From %(day)s", day=fmt_date(f.date_from)) if f.date_from else "",
        _("until %(day)s", day=fmt_date(f.date_to)) if f.date_to else "",
        _("Department: %(name)s", name=f.department) if f.department else "") if text]
    shown = {key: [(label, fmt_number(value, digits.get(key))) for label, value in rows]
             for key, rows in tables.items()}
    keys = {name: fmt_number(data[name]) for name in ("people_trained", "mentors_eligible", "good_practices",
                                                       "mentees_become_mentors", "line_manager_exceptions")}
    return {"figures": keys, "tables": shown, "titles": titles, "charts": charts, "empty": empty,
            "hints": {key: _(hint) for key, hint in EMPTY_HINTS.items()},
            "months": [fmt_month(m) for m in months], "filters": filters, "generated": fmt_datetime(utcnow()),
            "trend_rows": [(label, [fmt_number(v, 2) for v in values]) for label, values in trend_rows]}


@bp.route("/dashboard")
@role_required(Role.COORDINATOR)
def impact():
    """Show the figures (filtered by period and department) with charts and, beside each chart, its numbers."""
    form = _dashboard_form()
    if not form.validate():
        return render_template("evaluation/dashboard.html", form=form, **_dashboard(DashboardForm(formdata=None))), 400
    return render_template("evaluation/dashboard.html", form=form, **_dashboard(form))


@bp.route("/dashboard.pdf")
@role_required(Role.COORDINATOR)
def impact_pdf():
    """Download the dashboard for the same filters as a PDF (for reports and printing)."""
    form = _dashboard_form()
    if not form.validate():
        return render_template("evaluation/dashboard.html", form=form, **_dashboard(DashboardForm(formdata=None))), 400
    response = Response(html_to_pdf(render_template("evaluation/dashboard_pdf.html", **_dashboard(form))),
                        mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="impact-dashboard-{utcnow():%Y-%m-%d}.pdf"'
    return private_download(response)
