"""The evaluation export as a job: the builders of the workbook and the CSV, and the request for one."""
import io
from datetime import date

from bridge.core.db import utcnow
from bridge.core.exports import exporter, request_export
from bridge.core.spreadsheets import XLSX_MIMETYPE, generate_xlsx, write_csv
from bridge.modules.evaluation.operations.export_columns import README
from bridge.modules.evaluation.operations.export_data import ExportFilter, build_sheets

FORMATS = {"xlsx": ("evaluations.xlsx", "evaluations-{day}.xlsx"),
           "csv": ("evaluations.csv", "evaluation-responses-{day}.csv")}


def filter_params(filters: ExportFilter) -> dict:
    """Return the filters as plain JSON values (what the job receives)."""
    return {"date_from": filters.date_from and filters.date_from.isoformat(),
            "date_to": filters.date_to and filters.date_to.isoformat(), "department": filters.department,
            "form_key": filters.form_key, "state": filters.state, "anonymous": bool(filters.anonymous)}


def _filters(params: dict) -> ExportFilter:
    day = lambda value: date.fromisoformat(value) if value else None  # noqa: E731
    return ExportFilter(day(params.get("date_from")), day(params.get("date_to")), params.get("department"),
                        params.get("form_key"), params.get("state"), bool(params.get("anonymous")))


@exporter("evaluations.xlsx", XLSX_MIMETYPE)
def evaluations_xlsx(params: dict) -> bytes:
    """Return the evaluation workbook (Responses, Pairs, Sessions, Summary, Read me) for the filters."""
    return generate_xlsx(build_sheets(_filters(params)), README)


@exporter("evaluations.csv", "text/csv")
def evaluations_csv(params: dict) -> bytes:
    """Return the Responses sheet as CSV for the filters."""
    buffer = io.BytesIO()
    write_csv(build_sheets(_filters(params))[0], buffer)
    return buffer.getvalue()


def prepare_export(person, fmt: str, filters: ExportFilter, locale: str):
    """Ask for the evaluation export in a format (xlsx or csv); it is built by a job after the commit."""
    kind, filename = FORMATS[fmt]
    return request_export(person, kind, filter_params(filters), filename.format(day=f"{utcnow():%Y-%m-%d}"), locale)
