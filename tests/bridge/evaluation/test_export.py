"""The Excel and CSV export: sheets, headers, types, row counts, filters, anonymity and injection."""
import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from bridge.modules.evaluation.operations import responses as ops
from bridge.core.spreadsheets import neutralise
from bridge.modules.evaluation.models import EvaluationAnswer, EvaluationResponse
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.pairing.models import Pair
from tests.bridge.evaluation.conftest import full_answers

SHEETS = ["Responses", "Pairs", "Sessions", "Summary", "Read me"]
EVIL = "=HYPERLINK(\"http://evil.example\",\"click\")"


@pytest.fixture
def data(db, forms, make_tandem, make_person):
    """Two tandems in two departments with responses, one with a formula-like answer, and sessions."""
    first = make_tandem(department="Social services")
    second = make_tandem(state="completed", department="Registry office")
    for pair, value in ((first, 5), (second, 2)):
        ops.submit_evaluation(pair.mentor, forms["midterm"], pair, full_answers(forms["midterm"], value=value))
        ops.submit_evaluation(pair.mentee, forms["mutual"], pair, full_answers(forms["mutual"], value=value, text=EVIL))
        db.session.add(MentoringSession(pair_id=pair.id, author_id=pair.mentor_id, held_on=date(2026, 2, 3),
                                        duration_minutes=60, mode="online", author_rating=4, partner_rating=3))
    db.session.commit()
    return first, second


def _workbook(client, query=""):
    result = client.get(f"/evaluations/export.xlsx{query}")
    assert result.status_code == 200, result.text[:500]
    assert result.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(result.data))


def _rows(sheet):
    """The sheet as a script reads it: the stable keys of the hidden row 1, then the data (row 2 is for people)."""
    keys, _headers, *data = sheet.iter_rows(values_only=True)
    assert sheet.row_dimensions[1].hidden and sheet.freeze_panes == "A3"
    return [keys, *data]


def _count(db, model):
    return db.session.scalar(db.select(db.func.count(model.id)))


def test_export_sheets_headers_and_row_counts_match_database(db, client, login_as, data):
    login_as("coordinator")
    wb = _workbook(client)
    assert wb.sheetnames == SHEETS
    responses = _rows(wb["Responses"])
    assert responses[0][:4] == ("response_id", "pair_id", "pair_state", "role")
    assert "respondent" in responses[0] and "submitted_at" in responses[0]
    assert len(responses) - 1 == _count(db, EvaluationAnswer)
    assert len(_rows(wb["Pairs"])) - 1 == _count(db, Pair)
    assert len(_rows(wb["Sessions"])) - 1 == _count(db, MentoringSession)
    assert wb["Responses"].freeze_panes == "A3"  # the hidden keys and the headers stay in view
    assert wb["Responses"].auto_filter.ref == f"A2:O{len(responses) + 1}"


def test_export_headers_and_read_me_in_the_exporters_language_keys_stay_english(client, login_as, data):
    login_as("coordinator")
    with client.session_transaction() as session:
        session["locale"] = "de"
    wb = _workbook(client)
    assert wb.sheetnames == ["Antworten", "Tandems", "Sitzungen", "Zusammenfassung", "Lies mich"]
    keys, headers = list(wb["Antworten"].iter_rows(max_row=2, values_only=True))
    assert keys[:4] == ("response_id", "pair_id", "pair_state", "role")  # for scripts, in every language
    assert headers[:4] == ("Antwort", "Tandem", "Tandem-Status", "Rolle")
    assert wb["Antworten"].row_dimensions[1].hidden and not wb["Antworten"].row_dimensions[2].hidden
    readme = [row for row in wb["Lies mich"].iter_rows(values_only=True) if any(row)]
    assert readme[0][0] == "Q-SER Bridge – Export der Evaluationen"
    assert ("Blatt", "Spalte", "Schlüssel für Skripte", "Bedeutung") in readme
    assert ("Antworten", "Antwort", "response_id") in [row[:3] for row in readme]


def test_export_cells_are_typed(client, login_as, data):
    login_as("coordinator")
    wb = _workbook(client)
    header, *rows = _rows(wb["Responses"])
    row = dict(zip(header, next(r for r in rows if r[header.index("value")] is not None)))
    assert isinstance(row["submitted_at"], datetime) and isinstance(row["value"], int)
    assert isinstance(row["pair_id"], int) and isinstance(row["form_version"], int)
    session = dict(zip(*_rows(wb["Sessions"])[:2]))
    assert isinstance(session["held_on"], datetime) and session["duration_minutes"] == 60
    pair = dict(zip(*_rows(wb["Pairs"])[:2]))
    assert pair["avg_a"] == 5 and pair["sessions"] == 1 and pair["minutes"] == 60


def test_export_neutralises_formula_injection(client, login_as, data):
    login_as("coordinator")
    sheet = _workbook(client)["Responses"]
    cells = [row[13] for row in sheet.iter_rows(min_row=3) if row[13].value and "HYPERLINK" in row[13].value]
    assert cells and all(c.value == "'" + EVIL and c.data_type == "s" for c in cells)
    assert [neutralise(v) for v in ("+1", "-2", "@SUM(A1)", "\tx", "\rx", "ok", 5)] == \
        ["'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "ok", 5]


def test_export_anonymous_has_no_names(db, client, login_as, data):
    login_as("coordinator")
    wb = _workbook(client, "?anonymous=y")
    names = {p.full_name for pair in data for p in (pair.mentor, pair.mentee)}
    cells = {str(v) for name in SHEETS for row in wb[name].iter_rows(values_only=True) for v in row if v is not None}
    assert not names & cells
    assert "respondent" not in _rows(wb["Responses"])[0] and "mentor" not in _rows(wb["Pairs"])[0]


def test_export_filters_by_form_department_and_state(db, client, login_as, data):
    login_as("coordinator")
    rows = _rows(_workbook(client, "?form=mutual")["Responses"])[1:]
    assert {r[6] for r in rows} == {"mutual"}
    rows = _rows(_workbook(client, "?department=Registry+office")["Responses"])[1:]
    assert {r[1] for r in rows} == {data[1].id}
    rows = _rows(_workbook(client, "?state=active")["Responses"])[1:]
    assert {r[2] for r in rows} == {"active"}
    assert _rows(_workbook(client, "?date_from=2000-01-01&date_to=2000-01-02")["Responses"])[1:] == []


def test_export_summary_matches_database(db, client, login_as, data):
    login_as("coordinator")
    header, *rows = _rows(_workbook(client)["Summary"])
    overall_a = dict(zip(header, next(r for r in rows if r[0] == "overall" and r[1] == "a")))
    values = db.session.scalars(db.select(EvaluationAnswer.value).where(
        EvaluationAnswer.aspect == "a", EvaluationAnswer.value.is_not(None))).all()
    assert overall_a["count"] == len(values)
    assert overall_a["mean"] == round(sum(values) / len(values), 2)
    assert (overall_a["n_2"], overall_a["n_5"]) == (values.count(2), values.count(5))
    assert {r[0] for r in rows} == {"overall", "Social services", "Registry office"}


def test_export_csv_has_one_line_per_answer(db, client, login_as, data):
    login_as("coordinator")
    result = client.get("/evaluations/export.csv", buffered=True)
    assert result.status_code == 200 and result.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(result.get_data(as_text=True))))
    assert len(rows) - 1 == _count(db, EvaluationAnswer)
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_export_only_for_coordinators(client, login_as, data):
    login_as("mentor")
    assert client.get("/evaluations/export.xlsx").status_code == 403
    assert client.get("/evaluations/export.csv").status_code == 403


def test_export_with_bad_date_is_a_clear_400(client, login_as, data):
    login_as("coordinator")
    result = client.get("/evaluations/export.xlsx?date_from=yesterday")
    assert result.status_code == 400 and "Not a valid date value" in result.text


def test_cli_export_writes_the_workbook(app, db, data, tmp_path):
    out = tmp_path / "ev.xlsx"
    result = app.test_cli_runner().invoke(args=["export", "evaluations", "--out", str(out), "--anonymous",
                                                "--form", "midterm"])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == SHEETS
    assert len(_rows(wb["Responses"])) - 1 == db.session.scalar(
        db.select(db.func.count(EvaluationAnswer.id)).join(EvaluationResponse)
        .where(EvaluationResponse.form_key == "midterm"))


def test_programme_answers_are_exported_without_names(db, forms, make_person):
    from bridge.modules.evaluation.operations import responses
    from bridge.modules.evaluation.operations.export_data import ExportFilter, response_rows
    from tests.bridge.evaluation.conftest import full_answers

    coordinator = make_person(roles=["coordinator"], first_name="Nora", last_name="Named")
    responses.submit_programme_evaluation(coordinator, forms["programme"], full_answers(forms["programme"]))
    db.session.commit()
    rows = list(response_rows(ExportFilter(anonymous=False)))
    assert rows and not any("Nora Named" in row for row in rows)
