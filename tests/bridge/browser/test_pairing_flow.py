"""Browser test: a coordinator runs matching on the demo data, reviews an explanation, confirms; the demo mentee
sees her mentor."""
import re

import pytest

from tests.browser import assert_accessible, nav_to

pytestmark = pytest.mark.browser

COORDINATOR = "katrin.vogel@lindenau.example"
MENTEE = "lena.fischer@lindenau.example"  # in a tandem with the demo mentor already
UNPAIRED = "Julia Krüger"  # a demo mentee still without a tandem


def _log_in(page, base, email, password):
    page.goto(base + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def _mentor_of(db, email):
    from bridge.modules.pairing.models import Pair
    from bridge.modules.people.operations import find_by_email

    db.session.rollback()
    pair = db.session.scalar(db.select(Pair).where(Pair.mentee_id == find_by_email(email).id))
    return pair.mentor.full_name


def test_coordinator_runs_reviews_and_confirms_then_mentee_sees_mentor(app, db, live_server, page):
    from bridge.demo import organisation as demo

    demo.load()
    _log_in(page, live_server, COORDINATOR, demo.DEMO_PASSWORD)
    nav_to(page, "Pairing")
    page.get_by_role("heading", name="Pairing", level=1).wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Run matching").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Run matching").click()
    page.get_by_text("The matching has run.").wait_for()
    assert page.get_by_text("never inputs").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(rf"Explanation\W+{UNPAIRED}")).click()
    page.get_by_role("heading", name=re.compile(rf"Why .* for {UNPAIRED}\?")).wait_for()
    assert page.get_by_role("heading", name="Runners-up").is_visible()
    assert page.get_by_role("row", name=re.compile(r"^Competences")).is_visible()
    assert_accessible(page)
    page.get_by_label("Comment").fill("Good fit: plain language and the same office hours")
    page.get_by_role("button", name="Accept", exact=True).click()
    page.get_by_text("Proposal accepted.").wait_for()

    page.get_by_role("button", name="Accept all open proposals").click()
    page.get_by_text("open proposals accepted.").wait_for()
    page.get_by_role("button", name="Confirm and introduce the tandems").click()
    page.get_by_text(re.compile(r"Confirmed: \d+ tandems created")).wait_for()
    assert_accessible(page)
    mentor = _mentor_of(db, MENTEE)
    assert mentor == "Aylin Demir"
    page.get_by_role("button", name="Log out").click()

    _log_in(page, live_server, MENTEE, demo.DEMO_PASSWORD)
    nav_to(page, "My tandem")
    page.get_by_text(re.compile(f"Mentor: {mentor}")).first.wait_for()
    assert_accessible(page)
    nav_to(page, "My mentoring profile")
    page.get_by_text("Profile 100% complete").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Edit my mentee profile").click()
    page.get_by_label("Your goals and objectives").wait_for()
    assert_accessible(page)


def test_other_pairing_pages_are_accessible_and_fit_a_phone(app, db, live_server, chromium):
    from bridge.demo import organisation as demo
    from bridge.modules.pairing.operations.review import record_offline_pair
    from bridge.modules.people.operations import find_by_email

    demo.load()
    coordinator = find_by_email(COORDINATOR)
    pair = record_offline_pair(coordinator, find_by_email("aylin.demir@lindenau.example"),
                                      find_by_email("marco.lange@lindenau.example"), "Decided in the meeting")
    db.session.commit()
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    _log_in(page, live_server, COORDINATOR, demo.DEMO_PASSWORD)
    for path in ("/pairing/eligibility", "/pairing/procedures", "/pairing/constraints", "/pairing/pairs",
                 "/pairing/pairs/offline", f"/pairing/pairs/{pair.id}", f"/pairing/runs/{pair.run_id}"):
        page.goto(live_server + path)
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
    context.close()
