"""Browser test: a mentee and a mentor draft, sign and download their agreement, upload a document and log a
session."""
import re

import pytest

from tests.bridge.mentoring.conftest import make_tandem  # noqa: F401  (fixture)
from tests.browser import assert_accessible, nav_to
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def _log_in(page, base, person):
    page.goto(base + "/login")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def _sign(page, person):
    page.get_by_label("Type your full name to sign").fill(person.full_name)
    page.get_by_label("I have read this version and agree to it.").check()
    page.get_by_role("button", name="Sign this version").click()
    page.get_by_text("you have signed version").wait_for()


def test_mentee_and_mentor_draft_sign_download_upload_and_log(app, db, live_server, page, make_tandem, tmp_path):
    pair = make_tandem()
    mentee, mentor = pair.mentee, pair.mentor
    _log_in(page, live_server, mentee)
    nav_to(page, "My tandem")
    page.get_by_role("heading", name="Tandem workspace").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Agreement", exact=True).click()
    page.get_by_role("button", name="Draft our agreement from the template").click()
    page.get_by_label("Goals").fill("Explain decisions in plain language")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved as version 2.").wait_for()
    page.get_by_role("button", name="Log out").click()

    _log_in(page, live_server, mentor)
    page.goto(f"{live_server}/pairs/{pair.id}/agreement/edit")
    page.get_by_label("Deliverables").fill("A checklist for counselling sessions")
    page.get_by_label("Start date").fill("2026-01-05")
    page.get_by_label("Planned duration in months").fill("6")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved as version 3.").wait_for()
    _sign(page, mentor)
    assert_accessible(page)
    page.get_by_role("button", name="Log out").click()

    _log_in(page, live_server, mentee)
    page.goto(f"{live_server}/pairs/{pair.id}/agreement")
    _sign(page, mentee)
    page.get_by_text("Signed by both and in force").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF for printing").click()
    pdf = tmp_path / "agreement.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")

    page.get_by_role("link", name="Documents").click()
    page.get_by_text("No documents yet").wait_for()
    page.get_by_label(re.compile("^Document")).set_input_files(str(pdf))
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("agreement.pdf has been uploaded.").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Sessions").click()
    page.get_by_label("Date of the meeting").fill("2026-01-05")
    page.get_by_label("Duration in minutes").fill("60")
    page.get_by_label("How did you meet?").select_option("online")
    page.get_by_label("Topics").fill("Our goals and first steps")
    page.get_by_role("button", name="Save the session report").click()
    page.get_by_text("The session report has been saved.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Overview and timeline").click()
    page.get_by_text("State changed to: agreement signed").wait_for()
    page.get_by_text("Document uploaded: agreement.pdf").wait_for()
