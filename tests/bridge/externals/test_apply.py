"""The public application: a valid one is stored and confirmed; every bad input is rejected, nothing stored."""
from pathlib import Path

import pytest

from bridge.modules.externals.models import ExternalApplication
from tests.bridge.externals.helpers import PDF, form_data, stamp


def _count(db) -> int:
    return db.session.scalar(db.select(db.func.count(ExternalApplication.id)))


def _stored_files(app) -> list:
    folder = Path(app.config["STORAGE_DIR"]) / "applications"
    return list(folder.iterdir()) if folder.exists() else []


def test_apply_page_is_public_with_consent_text(client):
    response = client.get("/apply")
    assert response.status_code == 200
    assert b"How we process your data" in response.data
    assert b'name="started"' in response.data and b'name="website"' in response.data


def test_submit_application_stores_everything_and_mails(app, client, db, outbox):
    response = client.post("/apply", data=form_data(app), content_type="multipart/form-data")
    assert response.status_code == 302 and response.location.endswith("/apply/thanks")
    application = db.session.scalar(db.select(ExternalApplication))
    assert application.state == "submitted" and application.email == "amira.haddad@example.org"
    assert application.profile["competences"] == {"adaptability": 3, "intercultural_communication": 4}
    assert application.profile["capacity"] == 2 and application.profile["availability"] == ["mon-am", "wed-pm"]
    assert application.consent_at is not None and application.consent_text_version == "2026-11"
    assert application.cv_size == len(PDF) and len(application.cv_sha256) == 64
    assert len(_stored_files(app)) == 1
    mails = outbox()
    assert [m["To"] for m in mails] == ["amira.haddad@example.org"]
    assert "received your application" in mails[0]["Subject"]
    assert b"Thank you" in client.get("/apply/thanks").data


BAD = [
    ("missing consent", {"consent": None}, b"agree to the processing"),
    ("fake cv", {"cv": b"MZ\x90\x00 not a pdf"}, b"not accepted"),
    ("no cv", {"cv": None}, b"attach your CV"),
    ("script in know-how", {"know_how": "<script>alert(1)</script>"}, b"HTML tags"),
    ("script in name", {"first_name": "<b>Amira</b>"}, b"HTML tags"),
    ("honeypot filled", {"website": "http://spam.example"}, b"hidden field was filled"),
    ("too fast", {"started": "FRESH"}, b"too quickly"),
    ("forged stamp", {"started": "forged"}, b"has expired"),
    ("unknown competence level", {"comp_adaptability": "9"}, b"Not a valid choice"),
    ("capacity out of range", {"capacity": "99"}, b"Number must be between"),
    ("bad email", {"email": "not-an-email"}, b"Invalid email"),
]


@pytest.mark.parametrize("case, overrides, message", BAD, ids=[c[0] for c in BAD])
def test_submit_bad_input_is_rejected_and_nothing_stored(app, client, db, outbox, case, overrides, message):
    if overrides.get("started") == "FRESH":
        overrides = {"started": stamp(app, seconds_ago=0)}
    response = client.post("/apply", data=form_data(app, **overrides), content_type="multipart/form-data")
    assert response.status_code == 400
    assert message in response.data
    assert b"<script>alert" not in response.data
    assert _count(db) == 0 and _stored_files(app) == [] and outbox() == []


@pytest.mark.app_config(APPLY_CV_MAX_BYTES=1024)
def test_submit_oversized_cv_is_rejected(app, client, db):
    big = PDF + b"0" * 2048
    response = client.post("/apply", data=form_data(app, cv=big), content_type="multipart/form-data")
    assert response.status_code == 400 and b"larger than" in response.data
    assert _count(db) == 0 and _stored_files(app) == []


def test_submit_twice_while_open_says_the_same_and_mails_the_address(app, client, db, outbox):
    client.post("/apply", data=form_data(app), content_type="multipart/form-data")
    response = client.post("/apply", data=form_data(app), content_type="multipart/form-data")
    # the visitor learns nothing about the address; its owner gets a mail
    assert response.status_code == 302 and response.location.endswith("/apply/thanks")
    assert _count(db) == 1 and len(_stored_files(app)) == 1
    assert [m["Subject"] for m in outbox()][-1] == "Your application is already being reviewed"


@pytest.mark.app_config(RATELIMIT_ENABLED=True, APPLY_RATE_LIMIT="2 per hour")
def test_apply_is_rate_limited(app, client):
    for _ in range(2):
        client.post("/apply", data=form_data(app, consent=None), content_type="multipart/form-data")
    response = client.post("/apply", data=form_data(app), content_type="multipart/form-data")
    assert response.status_code == 429


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_apply_requires_csrf_token(app, client, db):
    response = client.post("/apply", data=form_data(app), content_type="multipart/form-data")
    assert response.status_code == 400 and _count(db) == 0
