"""The report as rows to show, as a PDF and as an Excel workbook (German or English)."""
from datetime import datetime

from flask import render_template
from flask_babel import force_locale, gettext

from bridge.core.i18n import fmt_date, fmt_datetime, fmt_number
from bridge.core.pdf import html_to_pdf
from bridge.core.spreadsheets import Column, Sheet, generate_xlsx, neutralise
from bridge.modules.cycles.operations.report import ALL, MEASURES, SECTIONS, as_date
from bridge.modules.cycles.util import (
    CYCLE_STATE_LABELS, MEASURE_LABELS, SECTION_LABELS, SMALL_GROUPS_NOTE, SUPPRESSED_LABEL, department_label,
)

LANGUAGES = ("de", "en")


def columns(report: dict) -> list[str]:
    """Return the column keys: all departments first, then each department."""
    return [ALL] + list(report["departments"])


def _format(cell: dict, kind: str) -> str:
    if cell.get("suppressed"):
        return str(SUPPRESSED_LABEL)
    if cell["value"] is None:
        return "–"
    if kind == "average":
        text = fmt_number(cell["value"], 2)
        return f"{text} ({gettext('n = %(n)s', n=fmt_number(cell['count']))})" if "count" in cell else text
    return fmt_number(round(cell["value"], 1))


def _all_hidden(report: dict, dept: str) -> bool:
    return all(cells.get(dept, {}).get("suppressed") for cells in report["figures"].values())


def display(report: dict) -> dict:
    """Return the report formatted for the page and the PDF in the current locale.

    Departments none of whose figures can be shown get no column; they are named below the tables.
    """
    keys = [col for col in columns(report) if col == ALL or not _all_hidden(report, col)]
    hidden = [str(department_label(col)) for col in report["departments"] if col not in keys]
    sections = []
    for section in SECTIONS:
        rows = [(str(MEASURE_LABELS[key]), [_format(report["figures"][key][col], kind) for col in keys])
                for key, sec, kind in MEASURES if sec == section]
        sections.append((str(SECTION_LABELS[section]), rows))
    cycle = report["cycle"]
    complaints = [(fmt_date(as_date(c["period_start"])), fmt_date(as_date(c["period_end"])),
                   str(department_label(c["department"])) if c["department"] else gettext("whole organisation"),
                   fmt_number(c["count"])) for c in report["complaints"]]
    moved = report.get("moved_tandems")
    return {
        "name": cycle["name"], "state": str(CYCLE_STATE_LABELS.get(cycle["state"], cycle["state"])),
        "period": f"{fmt_date(as_date(cycle['starts_on']))} – {fmt_date(as_date(cycle['ends_on']))}",
        "generated": fmt_datetime(datetime.fromisoformat(report["generated_at"])),
        "headers": [str(department_label(col)) for col in keys], "sections": sections, "complaints": complaints,
        "complaints_total": fmt_number(sum(c["count"] for c in report["complaints"])),
        "moved": None if moved is None else _format(moved, "count"),
        "note": gettext(SMALL_GROUPS_NOTE, n=report["min_group"]), "hidden_departments": hidden,
    }


def report_pdf(report: dict, locale: str) -> bytes:
    """Return the report as a PDF in the language."""
    with force_locale(locale):
        html = render_template("cycles/report_pdf.html", report=display(report), locale=locale)
    return html_to_pdf(html)


def _value(cell: dict, kind: str):
    if cell.get("suppressed"):
        return str(SUPPRESSED_LABEL)
    return cell["value"]


def report_xlsx(report: dict, locale: str) -> bytes:
    """Return the report as an Excel workbook in the language (suppressed cells read “fewer than 5”)."""
    with force_locale(locale):
        keys = columns(report)
        figure = Column(gettext("Figure"), 60, gettext("What is counted or averaged."))
        section = Column(gettext("Section"), 24, gettext("The part of the report."))
        dept_columns = [Column(neutralise(str(department_label(col))[:80]), 18,
                               gettext("The figure for all departments together.") if col == ALL
                               else gettext("The figure for this department.")) for col in keys]
        rows = [(str(SECTION_LABELS[sec]), str(MEASURE_LABELS[key]),
                 *[_value(report["figures"][key][col], kind) for col in keys]) for key, sec, kind in MEASURES]
        counts = [(str(SECTION_LABELS["evaluation"]), gettext("Answers behind: %(figure)s", figure=MEASURE_LABELS[key]),
                   *[report["figures"][key][col].get("count", str(SUPPRESSED_LABEL)) for col in keys])
                  for key, sec, kind in MEASURES if sec == "evaluation"]
        complaint_columns = [Column(gettext("Period from"), 14, gettext("First day of the period.")),
                             Column(gettext("Period to"), 14, gettext("Last day of the period.")),
                             Column(gettext("Department"), 30, gettext("Empty: the whole organisation.")),
                             Column(gettext("Complaints and incidents"), 16,
                                    gettext("The number the coordinators entered for the period."))]
        complaint_rows = [(as_date(c["period_start"]), as_date(c["period_end"]), c["department"], c["count"])
                          for c in report["complaints"]]
        cycle = report["cycle"]
        intro = [gettext("Report of the cycle %(name)s (%(start)s – %(end)s), %(state)s.", name=cycle["name"],
                         start=fmt_date(as_date(cycle["starts_on"])), end=fmt_date(as_date(cycle["ends_on"])),
                         state=CYCLE_STATE_LABELS.get(cycle["state"], cycle["state"])),
                 gettext(SMALL_GROUPS_NOTE, n=report["min_group"]),
                 gettext("No personal answers, messages or documents are part of this report.")]
        sheets = [Sheet(gettext("Report")[:31], [section, figure] + dept_columns, rows + counts),
                  Sheet(gettext("Complaints")[:31], complaint_columns, complaint_rows)]
        return generate_xlsx(sheets, intro)
