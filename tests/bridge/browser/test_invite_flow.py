"""Browser test: a coordinator invites a person, who sets a password and logs in."""
import re
from pathlib import Path

import pytest

from tests.browser import assert_accessible, nav_to

pytestmark = pytest.mark.browser


def _latest_link(app) -> str:
    mails = sorted((Path(app.instance_path) / "mail").glob("*.eml"))
    assert mails, "no mail was written"
    match = re.search(r"(http://127\.0\.0\.1:\d+/invite/\S+)", mails[-1].read_text())
    assert match
    return match.group(1)


def test_coordinator_invites_person_who_sets_password_and_logs_in(app, live_server, page, make_person):
    coordinator = make_person(roles=["coordinator"], first_name="Katrin", last_name="Vogel")
    page.goto(live_server + "/")
    assert_accessible(page)
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server + "/")
    assert_accessible(page)

    nav_to(page, "People")
    assert_accessible(page)
    page.get_by_role("link", name="Add a person").click()
    assert_accessible(page)
    page.get_by_label("First name").fill("Mehmet")
    page.get_by_label("Last name").fill("Yilmaz")
    page.get_by_label("Email").fill("mehmet.yilmaz@example.org")
    page.get_by_label("Department", exact=True).fill("Jobcenter")
    page.get_by_label("Mentee").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Mehmet Yilmaz has been added.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("An invitation has been sent to mehmet.yilmaz@example.org").wait_for()
    page.get_by_role("button", name="Log out").click()
    page.get_by_text("You have been logged out.").wait_for()

    page.goto(_latest_link(app))
    page.get_by_role("heading", name="Welcome, Mehmet").wait_for()
    assert_accessible(page)
    page.get_by_label("New password").fill("a sentence that is long")
    page.get_by_label("Repeat the password").fill("a sentence that is long")
    page.get_by_role("button", name="Set password").click()
    page.get_by_text("Your password has been set. Welcome!").wait_for()
    assert page.get_by_role("heading", name="Hello, Mehmet").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="My profile").first.click()
    page.get_by_text("mehmet.yilmaz@example.org").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name="Log out").click()
    page.get_by_label("Email").fill("mehmet.yilmaz@example.org")
    page.get_by_label("Password").fill("a sentence that is long")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Hello, Mehmet").wait_for()


def test_pages_fit_a_phone_screen(app, live_server, chromium, make_person):
    make_person(roles=["mentee"])
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server + "/login")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
