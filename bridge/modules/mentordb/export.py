"""Excel export of the mentor database: typed cells, frozen header, autofilter, no formula injection."""
from io import BytesIO

from flask_babel import gettext as _
from openpyxl import Workbook

from bridge.core.competences import competence_label
from bridge.core.languages import language_name

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Return the value, with text that a spreadsheet would run as a formula made literal."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def headers() -> list[str]:
    """Return the column titles in the current language."""
    return [_("Last name"), _("First name"), _("Email"), _("Internal or external"), _("Department"),
            _("Languages"), _("Competences (level)"), _("Years of experience"), _("Capacity"),
            _("Current tandems"), _("Places left"), _("Former mentee")]


def entry_row(entry) -> list:
    """Return one mentor's row of typed values."""
    person, profile = entry.person, entry.profile
    competences = "; ".join(f"{competence_label(k)} ({v})" for k, v in (profile.competences if profile else {}).items())
    return [person.last_name, person.first_name, person.email, _("external") if entry.is_external else _("internal"),
            person.department or "", ", ".join(language_name(c) for c in person.languages or []), competences,
            profile.experience_years if profile else None, profile.capacity if profile else None,
            entry.current_pairs, entry.capacity_left, entry.former_mentee]


def generate_xlsx(header: list[str], rows: list[list]) -> bytes:
    """Return an .xlsx workbook with one sheet of the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Mentors"
    sheet.append(header)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 18
    out = BytesIO()
    book.save(out)
    return out.getvalue()
