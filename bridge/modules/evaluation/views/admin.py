"""Coordinator pages: the forms and their versions, the Excel/CSV export and the impact dashboard."""
import tempfile

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale, gettext as _
from flask_login import current_user

from bridge.core.auth import role_required
from bridge.core.db import db, utcnow
from bridge.core.forms import choices
from bridge.core.roles import Role
from bridge.core.spreadsheets import generate_xlsx, send_xlsx, write_csv
from bridge.core.exports import KEEP_DAYS, ExportFile, exports_of
from bridge.core.exports import STATE_LABELS as EXPORT_STATE_LABELS
from bridge.core.uploads import open_stored
from bridge.core.web import form_status, get_permitted, private_download, submit
from bridge.modules.evaluation.forms import DefinitionForm, PrepareExportForm
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


def _tables(data: dict) -> dict:
    return {"trained": data["trained_per_module"],
            "states": [(_(STATE_LABELS[state]), count) for state, count in data["pairs_by_state"]],
            "sessions": data["sessions_per_month"],
            "aspects": [(_(ASPECT_LABELS[aspect]), avg) for aspect, avg in data["aspect_averages"]]}


@bp.route("/dashboard")
@role_required(Role.COORDINATOR)
def impact():
    """Show the cycle's figures with charts and, beside each chart, its numbers as a table."""
    data = dashboard.figures(utcnow().date(), viewer=current_user.person)
    tables = _tables(data)
    titles = {"trained": _("People who completed each training module"), "states": _("Tandems by state"),
              "sessions": _("Sessions per month"), "aspects": _("Average rating per aspect (1–5)")}
    charts = {key: bar_chart(f"c-{key}", titles[key], rows, maximum=5 if key == "aspects" else None)
              for key, rows in tables.items()}
    trend = line_chart("c-trend", _("Average rating per aspect over time"), data["rating_months"],
                       [(_(ASPECT_LABELS[aspect]), [by_month[m] for m in data["rating_months"]])
                        for aspect, by_month in data["rating_by_month"].items()])
    return render_template("evaluation/dashboard.html", data=data, charts=charts, tables=tables, titles=titles,
                           trend=trend)
