"""Bad input never gives a 500: control characters are cleaned, huge ids refused, impossible dates kept as text."""
import csv
import io
from pathlib import Path

import pytest

from bridge.core.spreadsheets import Column, Sheet, write_csv
from bridge.core.yamltext import load_text
from bridge.modules.externals.models import ExternalApplication
from tests.bridge.externals.helpers import form_data

def test_nul_in_login_email_is_a_clean_refusal(client, make_person):
    person = make_person(roles=["mentee"])
    response = client.post("/login", data={"email": "x\x00@example.org", "password": "whatever-123"})
    assert response.status_code == 400
    nul_in_name = person.email.replace("@", "\x00@")
    assert client.post("/login", data={"email": nul_in_name, "password": "correct horse battery"}).status_code == 302


def test_control_characters_are_removed_from_query_and_form(app):
    with app.test_request_context("/?q=a%00b%07c%0Ad%09e", method="POST", data={"body": "x\x00y\r\nz\x1b"}):
        from flask import request

        assert request.args["q"] == "abc\nd\te"
        assert request.form["body"] == "xy\r\nz"


def test_nul_in_application_stores_it_cleaned_with_its_cv(app, client, db):
    data = form_data(app, first_name="Am\x00ira", know_how="Inter\x00preting")
    response = client.post("/apply", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    application = db.session.scalar(db.select(ExternalApplication))
    assert application.first_name == "Amira" and application.profile["know_how"] == "Interpreting"


def test_refused_application_leaves_no_file(app, client, db, monkeypatch):
    from bridge.modules.externals.operations import applications as operations

    def failing_audit(*args, **kwargs):
        raise operations.ValidationFailed("refused after the file was written")

    monkeypatch.setattr(operations.audit, "record", failing_audit)
    response = client.post("/apply", data=form_data(app), content_type="multipart/form-data")
    assert response.status_code == 400
    folder = Path(app.config["STORAGE_DIR"]) / "applications"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_impossible_date_in_form_yaml_stays_text(app):
    assert load_text("when: 2026-02-30\nvalid: 2026-02-28\n") == {"when": "2026-02-30", "valid": "2026-02-28"}


def test_impossible_date_in_evaluation_form_editor_is_no_500(client, login_as):
    login_as("coordinator")
    client.get("/evaluations/forms")
    page = client.get("/evaluations/forms/midterm/edit")
    assert page.status_code == 200
    source = ("key: midterm\ntype: midterm\naudience: both\ntitle: {en: 2026-02-30, de: 2026-02-30}\n"
              "items:\n  - {key: q, aspect: a, kind: text, text: {en: 2026-02-30, de: x}}\n")
    assert client.post("/evaluations/forms/midterm/edit", data={"source": source}).status_code < 500


ROWS = [("x;=1+1;y", "a,b", '=HYPERLINK("http://evil")', 3, None), ("-2+3", "@SUM(A1)", "plain", 4.5, "\tx")]


def _csv_text() -> str:
    buffer = io.BytesIO()
    write_csv(Sheet("s", [Column(h, 10, "") for h in "abcde"], ROWS), buffer)
    return buffer.getvalue().decode("utf-8")


def test_csv_cells_stay_whole_for_comma_readers():
    rows = list(csv.reader(io.StringIO(_csv_text())))
    assert all(len(row) == 5 for row in rows)
    assert rows[1][:2] == ["x;=1+1;y", "a,b"] and rows[1][2].startswith("'=")


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_has_no_formula_cell_for_either_separator(delimiter):
    rows = list(csv.reader(io.StringIO(_csv_text()), delimiter=delimiter))
    cells = [cell.strip() for row in rows[1:] for cell in row]
    assert cells and not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert all(line.startswith('"') for line in _csv_text().splitlines())
