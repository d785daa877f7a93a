"""Pure spreadsheet builders: neutralised cells, a streaming XLSX workbook with a Read me, and CSV."""
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """A column of a sheet: header, width in characters and what it holds (for the Read me)."""

    header: str
    width: int
    description: str


@dataclass
class Sheet:
    """A sheet to write: its name, columns and an iterable of row tuples."""

    name: str
    columns: list[Column]
    rows: Iterable[tuple]


def neutralise(value):
    """Return a cell value safe for spreadsheets: formulas defused, illegal characters removed, naive UTC."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def _header(ws, columns: list[Column]) -> list:
    bold = Font(bold=True)
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = bold
        cells.append(cell)
    return cells


def _write_sheet(wb: Workbook, sheet: Sheet) -> None:
    ws = wb.create_sheet(sheet.name)
    for index, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    ws.append(_header(ws, sheet.columns))
    count = 0
    for row in sheet.rows:
        # only text and datetimes need work; skipping the call for the rest keeps 100k-row exports fast
        ws.append([neutralise(v) if isinstance(v, (str, datetime)) else v for v in row])
        count += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{count + 1}"


def _readme(wb: Workbook, sheets: list[Sheet], intro: list[str]) -> None:
    ws = wb.create_sheet("Read me")
    for letter, width in (("A", 16), ("B", 24), ("C", 90)):
        ws.column_dimensions[letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in intro:
        ws.append([neutralise(line)])
    ws.append([])
    ws.append(_header(ws, [Column("Sheet", 0, ""), Column("Column", 0, ""), Column("Meaning", 0, "")]))
    for sheet in sheets:
        for column in sheet.columns:
            cell = WriteOnlyCell(ws, value=neutralise(column.description))
            cell.alignment = wrap
            ws.append([sheet.name, column.header, cell])


def generate_xlsx(sheets: list[Sheet], intro: list[str] = ()) -> bytes:
    """Return an XLSX workbook (write-only, streamed) with the sheets and a Read me describing each column."""
    wb = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(wb, sheet)
    _readme(wb, sheets, list(intro))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def send_xlsx(data: bytes, filename: str) -> Response:
    """Return the workbook as a download."""
    return Response(data, mimetype=XLSX_MIMETYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


def _csv_value(value):
    value = neutralise(value)
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value


def write_csv(sheet: Sheet, handle) -> None:
    """Write a sheet as UTF-8 CSV (header first, every cell quoted and neutralised) to a binary file."""
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, quoting=csv.QUOTE_ALL)  # quoted: a ";" or "," inside a cell never splits it
    writer.writerow([column.header for column in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_csv_value(value) for value in row])
    text.detach()
