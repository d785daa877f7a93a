"""The columns of each export sheet, with the descriptions shown on the Read me sheet.

Headers, sheet names and descriptions are in the exporter's language (lazy strings, resolved when the workbook is
written); each column's third argument is its stable English key for scripts (the hidden first row)."""
from flask_babel import LazyString, lazy_gettext as _l

from bridge.core.spreadsheets import Column

README = [_l("Q-SER Bridge evaluation export"), _l("One sheet per table; every column is described below."),
          _l("Dates and times are in UTC. Text cells starting with = + - @ are prefixed with ' so they never run. "
             "Codes such as states and roles are kept in English so that scripts can rely on them.")]
SHEET_NAMES = {"responses": _l("Responses"), "pairs": _l("Pairs"), "sessions": _l("Sessions"),
               "summary": _l("Summary")}
ASPECT_NAMES = {"a": _l("the mentor's ability to mentor"), "b": _l("mentoring aspects and work topics"),
                "c": _l("methodology"), "d": _l("personal relationship of mentor and mentee"),
                "e": _l("instruments used and time frame"), "f": _l("other aspects")}


def _aspects() -> str:
    return "; ".join(f"{a} = {n}" for a, n in ASPECT_NAMES.items())


def responses(anonymous: bool) -> list[Column]:
    """Return the columns of the Responses sheet (one row per response × item)."""
    name = [] if anonymous else [Column(_l("Respondent"), 24, _l("Full name of the person who answered; empty for anonymous forms."), "respondent")]
    return [
        Column(_l("Response"), 12, _l("Number of the response; all rows of one submitted form share it."), "response_id"),
        Column(_l("Tandem"), 9, _l("Number of the tandem; empty for the programme evaluation and for anonymous forms."), "pair_id"),
        Column(_l("Tandem state"), 12, _l("Current state of the tandem: agreed, active, completed or ended_early; empty for anonymous forms."), "pair_state"),
        Column(_l("Role"), 12, _l("Role in which the person answered: mentor, mentee or coordinator."), "role"),
        *name,
        Column(_l("Department"), 22, _l("Department of the person who answered; empty for anonymous forms."), "department"),
        Column(_l("Form"), 14, _l("Key of the evaluation form (midterm, final-mentee, final-mentor, mutual, programme)."), "form"),
        Column(_l("Form version"), 8, _l("Version of the form the person answered; edits create new versions."), "form_version"),
        Column(_l("Kind of evaluation"), 11, _l("Kind of evaluation: midterm, final, mutual or programme."), "form_type"),
        Column(_l("Aspect"), 8, _l("Aspect of the item, a to f: %(aspects)s.", aspects=LazyString(_aspects)), "aspect"),
        Column(_l("Item"), 20, _l("Key of the item within the form."), "item"),
        Column(_l("Item wording"), 60, _l("Wording of the item in English, as in the answered form version."), "item_text"),
        Column(_l("Answer"), 7, _l("Likert answer, 1 = strongly disagree … 5 = strongly agree; empty for text items."), "value"),
        Column(_l("Text answer"), 60, _l("Free-text answer; empty for Likert items."), "text"),
        Column(_l("Submitted at"), 19, _l("Date and time of submission (UTC)."), "submitted_at"),
    ]


def pairs(anonymous: bool) -> list[Column]:
    """Return the columns of the Pairs sheet (one row per tandem)."""
    names = [] if anonymous else [Column(_l("Mentor"), 24, _l("Full name of the mentor."), "mentor"),
                                  Column(_l("Mentee"), 24, _l("Full name of the mentee."), "mentee")]
    return [
        Column(_l("Tandem"), 9, _l("Number of the tandem."), "pair_id"), *names,
        Column(_l("Mentor's department"), 22, _l("Department of the mentor."), "mentor_department"),
        Column(_l("Mentee's department"), 22, _l("Department of the mentee."), "mentee_department"),
        Column(_l("State"), 12, _l("State: proposed, introduced, agreed, active, completed or ended_early."), "state"),
        Column(_l("Proposed at"), 19, _l("When the pair was proposed or recorded (UTC)."), "created_at"),
        Column(_l("Started at"), 19, _l("When the mentoring started (UTC), if it did."), "started_at"),
        Column(_l("Ended at"), 19, _l("When the tandem completed or ended early (UTC)."), "ended_at"),
        Column(_l("Sessions"), 9, _l("Number of session reports logged."), "sessions"),
        Column(_l("Minutes"), 9, _l("Total minutes of the logged sessions."), "minutes"),
        *(Column(_l("Average %(aspect)s", aspect=a), 8,
                 _l("Average Likert answer (1–5) for aspect %(aspect)s (%(name)s) in the filtered responses (anonymous forms not included).",
                    aspect=a, name=n), f"avg_{a}") for a, n in ASPECT_NAMES.items()),
    ]


SESSIONS = [
    Column(_l("Session"), 10, _l("Number of the session report."), "session_id"),
    Column(_l("Tandem"), 9, _l("Number of the tandem."), "pair_id"),
    Column(_l("Tandem state"), 12, _l("Current state of the tandem."), "pair_state"),
    Column(_l("Date"), 11, _l("Date of the meeting."), "held_on"),
    Column(_l("Duration (minutes)"), 10, _l("Length of the meeting in minutes."), "duration_minutes"),
    Column(_l("Mode"), 9, _l("onsite, online or phone."), "mode"),
    Column(_l("Logged by"), 11, _l("Who logged the report: mentor or mentee."), "author_role"),
    Column(_l("Author's rating"), 10, _l("Quick rating by the author, 1 = not helpful … 4 = very helpful."), "author_rating"),
    Column(_l("Partner's rating"), 10, _l("Quick rating by the partner on confirming, same scale."), "partner_rating"),
    Column(_l("Confirmed at"), 19, _l("When the partner confirmed the report (UTC)."), "confirmed_at"),
]

SUMMARY = [
    Column(_l("Scope"), 24, _l("'overall', the department of the people who answered, or '(anonymous forms)' (never split by department)."), "scope"),
    Column(_l("Aspect"), 8, _l("Aspect a to f."), "aspect"),
    Column(_l("Aspect name"), 36, _l("Name of the aspect."), "aspect_name"),
    Column(_l("Answers"), 8, _l("Number of Likert answers."), "count"),
    Column(_l("Mean"), 8, _l("Mean answer (1–5), two decimals."), "mean"),
    Column(_l("Median"), 8, _l("Median answer."), "median"),
    *(Column(_l("Answers %(value)s", value=v), 7, _l("Number of answers with value %(value)s.", value=v), f"n_{v}")
      for v in range(1, 6)),
]
