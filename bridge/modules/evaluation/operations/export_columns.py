"""The columns of each export sheet, with the descriptions shown on the Read me sheet."""
from bridge.core.spreadsheets import Column

README = ["Q-SER Bridge evaluation export", "One sheet per table; every column is described below.",
          "Dates and times are in UTC. Text cells starting with = + - @ are prefixed with ' so they never run."]
ASPECT_NAMES = {"a": "the mentor's ability to mentor", "b": "mentoring aspects and work topics",
                "c": "methodology", "d": "personal relationship of mentor and mentee",
                "e": "instruments used and time frame", "f": "other aspects"}


def responses(anonymous: bool) -> list[Column]:
    """Return the columns of the Responses sheet (one row per response × item)."""
    name = [] if anonymous else [Column("respondent", 24, "Full name of the person who answered; empty for "
                                                        "anonymous forms.")]
    return [
        Column("response_id", 12, "Number of the response; all rows of one submitted form share it."),
        Column("pair_id", 9, "Number of the tandem; empty for the programme evaluation and for anonymous forms."),
        Column("pair_state", 12, "Current state of the tandem: agreed, active, completed or ended_early; empty for "
                                 "anonymous forms."),
        Column("role", 12, "Role in which the person answered: mentor, mentee or coordinator."),
        *name,
        Column("department", 22, "Department of the person who answered; empty for anonymous forms."),
        Column("form", 14, "Key of the evaluation form (midterm, final-mentee, final-mentor, mutual, programme)."),
        Column("form_version", 8, "Version of the form the person answered; edits create new versions."),
        Column("form_type", 11, "Kind of evaluation: midterm, final, mutual or programme."),
        Column("aspect", 8, "Aspect of the item, a to f: " + "; ".join(f"{a} = {n}" for a, n in ASPECT_NAMES.items())
               + "."),
        Column("item", 20, "Key of the item within the form."),
        Column("item_text", 60, "Wording of the item in English, as in the answered form version."),
        Column("value", 7, "Likert answer, 1 = strongly disagree … 5 = strongly agree; empty for text items."),
        Column("text", 60, "Free-text answer; empty for Likert items."),
        Column("submitted_at", 19, "Date and time of submission (UTC)."),
    ]


def pairs(anonymous: bool) -> list[Column]:
    """Return the columns of the Pairs sheet (one row per tandem)."""
    names = [] if anonymous else [Column("mentor", 24, "Full name of the mentor."),
                                  Column("mentee", 24, "Full name of the mentee.")]
    return [
        Column("pair_id", 9, "Number of the tandem."), *names,
        Column("mentor_department", 22, "Department of the mentor."),
        Column("mentee_department", 22, "Department of the mentee."),
        Column("state", 12, "State: proposed, introduced, agreed, active, completed or ended_early."),
        Column("created_at", 19, "When the pair was proposed or recorded (UTC)."),
        Column("started_at", 19, "When the mentoring started (UTC), if it did."),
        Column("ended_at", 19, "When the tandem completed or ended early (UTC)."),
        Column("sessions", 9, "Number of session reports logged."),
        Column("minutes", 9, "Total minutes of the logged sessions."),
        *(Column(f"avg_{a}", 8, f"Average Likert answer (1–5) for aspect {a} ({n}) in the filtered responses "
                                          "(anonymous forms not included).")
          for a, n in ASPECT_NAMES.items()),
    ]


SESSIONS = [
    Column("session_id", 10, "Number of the session report."),
    Column("pair_id", 9, "Number of the tandem."),
    Column("pair_state", 12, "Current state of the tandem."),
    Column("held_on", 11, "Date of the meeting."),
    Column("duration_minutes", 10, "Length of the meeting in minutes."),
    Column("mode", 9, "onsite, online or phone."),
    Column("author_role", 11, "Who logged the report: mentor or mentee."),
    Column("author_rating", 10, "Quick rating by the author, 1 = not helpful … 4 = very helpful."),
    Column("partner_rating", 10, "Quick rating by the partner on confirming, same scale."),
    Column("confirmed_at", 19, "When the partner confirmed the report (UTC)."),
]

SUMMARY = [
    Column("scope", 24, "'overall', the department of the people who answered, or '(anonymous forms)' (never split by department)."),
    Column("aspect", 8, "Aspect a to f."),
    Column("aspect_name", 36, "Name of the aspect."),
    Column("count", 8, "Number of Likert answers."),
    Column("mean", 8, "Mean answer (1–5), two decimals."),
    Column("median", 8, "Median answer."),
    *(Column(f"n_{v}", 7, f"Number of answers with value {v}.") for v in range(1, 6)),
]
