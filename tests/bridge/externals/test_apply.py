"""The public application: a valid one is stored and confirmed; every bad input is rejected, nothing stored."""
import re
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
def test_only_sent_applications_count_towards_the_limit_and_the_429_keeps_the_form(app, client, db):
    for _ in range(4):  # failed validations never use up the limit
        response = client.post("/apply", data=form_data(app, consent=None), content_type="multipart/form-data")
        assert response.status_code == 400
    for n in range(2):
        response = client.post("/apply", data=form_data(app, email=f"sent{n}@example.org"),
                               content_type="multipart/form-data")
        assert response.status_code == 302
    response = client.post("/apply", data=form_data(app, email="third@example.org", work_areas="Typed by hand"),
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 429 and 3500 <= int(response.headers["Retry-After"]) <= 3601
    assert re.search(r"Please send yours again in (60 minutes|1 hour)\.", page)  # an hour, not "a minute"
    assert "Typed by hand" in page and 'value="third@example.org"' in page
    assert _count(db) == 2


@pytest.mark.app_config(RATELIMIT_ENABLED=True, APPLY_RATE_LIMIT="1 per hour")
def test_the_429_is_in_the_visitors_language(app, client, db):
    client.post("/apply", data=form_data(app, email="first@example.org"), content_type="multipart/form-data")
    response = client.post("/apply", data=form_data(app), content_type="multipart/form-data",
                           headers={"Accept-Language": "de"})
    page = response.get_data(as_text=True)
    assert response.status_code == 429 and "Amira" in page
    assert re.search(r"Bitte senden Sie Ihre in (60 Minuten|1 Stunde) erneut", page)


@pytest.mark.app_config(RATELIMIT_ENABLED=True, APPLY_ATTEMPT_LIMIT="3 per hour")
def test_a_flood_of_attempts_is_stopped_with_the_time_to_wait(app, client):
    for _ in range(3):
        client.post("/apply", data=form_data(app, consent=None), content_type="multipart/form-data")
    response = client.post("/apply", data=form_data(app), content_type="multipart/form-data")
    assert response.status_code == 429 and b"Please wait 1 hour and try again" in response.data


def test_cv_is_marked_required_and_checked_with_the_other_fields(app, client, db):
    page = client.get("/apply").get_data(as_text=True)
    assert 'name="cv" required' in page or ('id="cv"' in page and "required" in page.split('id="cv"')[1][:200])
    response = client.post("/apply", data=form_data(app, cv=None, first_name=""),
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    # both problems at once: the missing CV is not left for a second round
    assert response.status_code == 400
    assert "Please attach your CV as a PDF file." in page and "This field is required." in page
    response = client.post("/apply", data=form_data(app, cv=b"not a pdf", consent=None),
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "This type of file is not accepted" in response.get_data(as_text=True)
    assert _count(db) == 0


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_apply_requires_csrf_token(app, client, db):
    response = client.post("/apply", data=form_data(app), content_type="multipart/form-data")
    assert response.status_code == 400 and _count(db) == 0
