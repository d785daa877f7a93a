"""Browser tests of the tandem lifecycle: no completion on day one, a coordinator's approval, no blank signature,
an extension that moves the evaluation due dates."""
from datetime import date

import pytest

from bridge.modules.agreements.operations import agreement as ops
from tests.bridge.agreements.conftest import start_ready
from tests.bridge.browser.test_workspace_flow import _log_in, _sign
from tests.bridge.mentoring.conftest import make_tandem  # noqa: F401  (fixture)
from tests.browser import assert_accessible

pytestmark = pytest.mark.browser


def _log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_mentee_cannot_complete_on_day_one_but_a_coordinator_can_approve(db, live_server, page, make_tandem,
                                                                          make_person):
    pair = make_tandem(state="active")
    _log_in(page, live_server, pair.mentee)
    page.goto(f"{live_server}/pairs/{pair.id}/")
    page.get_by_role("link", name="Complete the tandem…").click()
    page.get_by_text("This cannot be undone.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Mark the tandem as completed").click()
    page.get_by_text("A coordinator can approve the completion, with a reason.").first.wait_for()
    page.goto(f"{live_server}/pairs/{pair.id}/")
    page.get_by_role("link", name="Complete the tandem…").wait_for()  # still active
    _log_out(page)

    _log_in(page, live_server, make_person(roles=["coordinator"]))
    page.goto(f"{live_server}/pairing/pairs/{pair.id}")
    page.get_by_role("link", name="Complete the tandem…").click()
    page.get_by_label("Complete although final evaluations are missing (coordinators only)").check()
    page.get_by_role("button", name="Mark the tandem as completed").click()
    page.get_by_text("give the reason", exact=False).first.wait_for()
    page.get_by_label("Complete although final evaluations are missing (coordinators only)").check()
    page.get_by_label("Comment", exact=False).fill("Goals reached; final forms were filled in on paper.")
    page.get_by_role("button", name="Mark the tandem as completed").click()
    page.get_by_text("The tandem is completed. Thank you both!").wait_for()
    page.goto(f"{live_server}/pairing/pairs/{pair.id}")
    page.get_by_text("Goals reached; final forms were filled in on paper.").wait_for()  # a coordinator note
    assert_accessible(page)


def test_agreement_cannot_be_signed_blank(db, live_server, page, make_tandem):
    pair = make_tandem()
    ops.start_agreement(pair.mentee, pair, "en")
    db.session.commit()
    _log_in(page, live_server, pair.mentee)
    page.goto(f"{live_server}/pairs/{pair.id}/agreement/edit")
    for label in ("Goals", "Confidentiality"):
        page.get_by_label(label, exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved as version 2.").wait_for()
    page.get_by_text("Before anyone can sign, please fill in").wait_for()
    _sign_attempt = page.get_by_label("Type your full name to sign")
    _sign_attempt.fill(pair.mentee.full_name)
    page.get_by_label("I have read this version and agree to it.").check()
    page.get_by_role("button", name="Sign this version").click()
    page.get_by_text("This version cannot be signed yet.").wait_for()
    page.get_by_role("button", name="Reset the text to the current template").click()
    page.get_by_text("The template text has been restored as version 3.").wait_for()
    assert_accessible(page)


def test_extension_moves_the_evaluation_due_dates(db, live_server, page, make_tandem):
    pair = make_tandem()
    agreement = start_ready(pair, start_on=date(2026, 2, 1))
    for person in (pair.mentee, pair.mentor):
        ops.sign(person, agreement, 2, person.full_name, True)
    db.session.commit()
    _log_in(page, live_server, pair.mentor)
    page.goto(f"{live_server}/evaluations/pairs/{pair.id}")
    page.get_by_text("Aug 1, 2026").first.wait_for()
    page.goto(f"{live_server}/pairs/{pair.id}/agreement")
    page.get_by_role("link", name="Edit or extend (saves a new version)").click()
    page.get_by_label("Planned duration in months").fill("9")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved as version 3.").wait_for()
    _sign(page, pair.mentor)
    page.goto(f"{live_server}/evaluations/pairs/{pair.id}")
    page.get_by_text("Aug 1, 2026").first.wait_for()  # the extension needs both signatures
    _log_out(page)
    _log_in(page, live_server, pair.mentee)
    page.goto(f"{live_server}/pairs/{pair.id}/agreement")
    _sign(page, pair.mentee)
    page.goto(f"{live_server}/evaluations/pairs/{pair.id}")
    page.get_by_text("Nov 1, 2026").first.wait_for()
    assert page.get_by_text("Aug 1, 2026").count() == 0
