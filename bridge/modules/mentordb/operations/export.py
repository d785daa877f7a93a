"""Excel export of the mentor database, written by the shared spreadsheet writer."""
from flask_babel import gettext as _

from bridge.core.competences import competence_label
from bridge.core.languages import language_name
from bridge.core.spreadsheets import Column, Sheet, generate_xlsx

WIDTH = 18


def columns() -> list[Column]:
    """Return the columns in the current language, each with its stable English key for scripts."""
    return [Column(_("Last name"), WIDTH, _("Family name of the mentor."), "last_name"),
            Column(_("First name"), WIDTH, _("Given name of the mentor."), "first_name"),
            Column(_("Email"), WIDTH, _("Contact address."), "email"),
            Column(_("Internal or external"), WIDTH, _("Staff member or external professional."), "kind"),
            Column(_("Department"), WIDTH, _("Department or service the mentor works in."), "department"),
            Column(_("Languages"), WIDTH, _("Languages the mentor can mentor in."), "languages"),
            Column(_("Competences (level)"), WIDTH, _("Intercultural competences with the level the mentor gave."), "competences"),
            Column(_("Years of experience"), WIDTH, _("Years of professional experience."), "experience_years"),
            Column(_("Capacity"), WIDTH, _("How many tandems the mentor can take at once."), "capacity"),
            Column(_("Current tandems"), WIDTH, _("Tandems the mentor has now."), "current_tandems"),
            Column(_("Places left"), WIDTH, _("Capacity minus current tandems."), "places_left"),
            Column(_("Former mentee"), WIDTH, _("Whether the mentor was a mentee in the programme before."), "former_mentee")]


def headers() -> list[str]:
    """Return the column titles in the current language."""
    return [column.header for column in columns()]


def entry_row(entry) -> list:
    """Return one mentor's row of typed values."""
    person, profile = entry.person, entry.profile
    competences = "; ".join(f"{competence_label(k)} ({v})" for k, v in (profile.competences if profile else {}).items())
    return [person.last_name, person.first_name, person.email, _("external") if entry.is_external else _("internal"),
            person.department or "", ", ".join(language_name(c) for c in person.languages or []), competences,
            profile.experience_years if profile else None, profile.capacity if profile else None,
            entry.current_pairs, entry.capacity_left, entry.former_mentee]


def mentors_xlsx(entries) -> bytes:
    """Return the mentor database as an .xlsx workbook with a Read me sheet."""
    sheet = Sheet(_("Mentors"), columns(), (entry_row(entry) for entry in entries))
    return generate_xlsx([sheet], [_("Q-SER Bridge mentor database")])
