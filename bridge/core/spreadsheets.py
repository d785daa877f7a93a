"""Pure spreadsheet builders: neutralised cells, a streaming XLSX workbook with a Read me, and CSV.

A sheet is written for people and for scripts at once: row 1 (hidden) holds each column's stable English key
(`response_id`), row 2 the header in the exporter's language ("Antwort"), the data starts on row 3. A script reads
the keys of row 1 and skips row 2 (pandas: `read_excel(path, sheet_name=..., skiprows=[1])`). The Read me sheet,
in the exporter's language, describes every column with its key. CSV files are for scripts: their one header row
holds the keys.
"""
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
    """A column of a sheet: header (in the reader's language; a lazy string is fine), width in characters, what it
    holds (for the Read me) and its stable English key for scripts (the header itself when not given)."""

    header: str
    width: int
    description: str
    key: str = ""

    @property
    def name(self) -> str:
        """The stable key of the column."""
        return self.key or str(self.header)


@dataclass
class Sheet:
    """A sheet to write: its name (in the reader's language), columns and an iterable of row tuples."""

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


FIRST_DATA_ROW = 3  # row 1: keys (hidden), row 2: headers


def _header(ws, titles: list[str], bold: bool = True) -> list:
    font = Font(bold=bold)
    cells = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=neutralise(str(title)))
        cell.font = font
        cells.append(cell)
    return cells


def _write_sheet(wb: Workbook, sheet: Sheet) -> None:
    ws = wb.create_sheet(str(sheet.name)[:31])
    for index, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.row_dimensions[1].hidden = True
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.append(_header(ws, [column.name for column in sheet.columns], bold=False))
    ws.append(_header(ws, [column.header for column in sheet.columns]))
    count = 0
    for row in sheet.rows:
        # only text and datetimes need work; skipping the call for the rest keeps 100k-row exports fast
        ws.append([neutralise(v) if isinstance(v, (str, datetime)) else v for v in row])
        count += 1
    ws.auto_filter.ref = f"A2:{get_column_letter(len(sheet.columns))}{count + 2}"


def _readme(wb: Workbook, sheets: list[Sheet], intro: list[str]) -> None:
    from flask_babel import gettext as _

    ws = wb.create_sheet(_("Read me")[:31])
    for letter, width in (("A", 16), ("B", 28), ("C", 24), ("D", 90)):
        ws.column_dimensions[letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in [*intro, _("Row 1 of each sheet is hidden: it holds the stable English key of every column for "
                           "scripts (for example pandas: read_excel(file, sheet_name=…, skiprows=[1])). Row 2 holds "
                           "the headers; the data starts on row 3.")]:
        ws.append([neutralise(str(line))])
    ws.append([])
    ws.append(_header(ws, [_("Sheet"), _("Column"), _("Key for scripts"), _("Meaning")]))
    for sheet in sheets:
        for column in sheet.columns:
            cell = WriteOnlyCell(ws, value=neutralise(str(column.description)))
            cell.alignment = wrap
            ws.append([neutralise(str(sheet.name)), neutralise(str(column.header)), column.name, cell])


def generate_xlsx(sheets: list[Sheet], intro: list[str] = ()) -> bytes:
    """Return an XLSX workbook (write-only, streamed) with the sheets and a Read me describing each column.

    Headers, sheet names and the Read me are written as given (in the exporter's language); each sheet's hidden
    first row holds the columns' stable keys."""
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
    writer.writerow([column.name for column in sheet.columns])  # for scripts: the stable keys
    for row in sheet.rows:
        writer.writerow([_csv_value(value) for value in row])
    text.detach()
