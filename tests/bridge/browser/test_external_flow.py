"""Browser test: a professional applies, a coordinator accepts, the new mentor sets a password and is listed."""
import re
from pathlib import Path

import pytest

from tests.browser import assert_accessible, nav_to

pytestmark = [pytest.mark.browser, pytest.mark.app_config(APPLY_MIN_SECONDS=0)]
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _invite_link(app) -> str:
    for mail in sorted((Path(app.instance_path) / "mail").glob("*.eml"), reverse=True):
        match = re.search(r"(http://127\.0\.0\.1:\d+/invite/\S+)", mail.read_text())
        if match:
            return match.group(1)
    raise AssertionError("no invitation mail was written")


def _apply(page, live_server, cv_path):
    page.goto(live_server + "/apply")
    assert_accessible(page)
    page.get_by_label("First name").fill("Leyla")
    page.get_by_label("Last name").fill("Aydin")
    page.get_by_label("Email").fill("leyla.aydin@example.org")
    page.get_by_label("Your organisation").fill("Diakonie Counselling Centre")
    for language in ("Turkish", "German"):  # the searchable list: type, then pick the match
        page.get_by_role("combobox", name="Languages you speak").fill(language[:4])
        page.locator(".ts-dropdown .option", has_text=language).first.click()
    page.get_by_label("Adaptability").select_option("3")
    page.get_by_label("Years of experience in work with migrants").fill("9")
    page.get_by_label("Your know-how").fill("Family counselling with interpreters")
    page.get_by_label("How many mentees can you take at once?").fill("2")
    page.get_by_label("Your CV (PDF, at most 5 MB)").set_input_files(str(cv_path))
    page.get_by_label("I agree that my data").check()
    page.get_by_role("button", name="Send my application").click()
    page.get_by_role("heading", name="Thank you, your application has arrived").wait_for()
    assert_accessible(page)


def _accept(page, live_server, coordinator):
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server + "/")
    nav_to(page, "Applications")
    assert_accessible(page)
    page.get_by_role("link", name="Leyla Aydin").click()
    assert_accessible(page)
    page.get_by_role("button", name="Accept and invite").click()
    page.get_by_text("Leyla Aydin is now an external mentor and has been invited.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Log out").click()
    page.get_by_text("You have been logged out.").wait_for()


def test_professional_applies_is_accepted_and_appears_in_mentor_database(app, live_server, page, make_person,
                                                                         tmp_path):
    coordinator = make_person(roles=["coordinator"], first_name="Katrin", last_name="Vogel")
    cv_path = tmp_path / "cv.pdf"
    cv_path.write_bytes(PDF)
    _apply(page, live_server, cv_path)
    _accept(page, live_server, coordinator)

    page.goto(_invite_link(app))
    page.get_by_role("heading", name="Welcome, Leyla").wait_for()
    page.get_by_label("New password").fill("a sentence that is long")
    page.get_by_label("Repeat the password").fill("a sentence that is long")
    page.get_by_role("button", name="Set password").click()
    page.get_by_text("Your password has been set. Welcome!").wait_for()

    nav_to(page, "Mentors")
    main = page.locator("#main")
    main.get_by_role("link", name="Leyla Aydin").wait_for()
    assert_accessible(page)
    page.get_by_label("Internal or external").select_option("external")
    page.get_by_role("button", name="Filter").click()
    main.get_by_role("link", name="Leyla Aydin").click()
    page.get_by_role("heading", name=re.compile("Leyla Aydin")).wait_for()
    assert page.get_by_text("Family counselling with interpreters").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Help").click()
    assert_accessible(page)


def test_coordinator_pages_for_questions_and_job_shadowing_are_accessible(app, live_server, page, make_person):
    coordinator = make_person(roles=["coordinator"], first_name="Katrin", last_name="Vogel")
    make_person(roles=["mentor", "trainer"], first_name="Sara", last_name="Trainer")  # a shadower must be a trainer
    make_person(roles=["mentee"], first_name="Hans", last_name="Host")
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server + "/")

    page.goto(live_server + "/applications/template")
    assert_accessible(page)
    page.get_by_label("Question").fill("Can you mentor in the evening?")
    page.get_by_label("Kind of answer").select_option("yesno")
    page.get_by_role("button", name="Add the question").click()
    page.get_by_text("The question has been added.").wait_for()
    assert_accessible(page)

    nav_to(page, "Job shadowing")
    assert_accessible(page)
    page.get_by_role("link", name="Record an activity").click()
    assert_accessible(page)
    for field, typed, name in (("shadower_id", "Trai", "Trainer, Sara"), ("host_id", "Hos", "Host, Hans")):
        page.locator(f"#{field}-ts-control").fill(typed)  # the person picker searches as one types
        option = page.locator(f"#{field}-ts-dropdown .option", has_text=name)
        option.wait_for()
        option.click()
    page.get_by_label("First day").fill("2027-03-01")
    page.get_by_label("Adaptability").check()
    page.get_by_role("button", name="Record the activity").click()
    page.get_by_text("The activity has been recorded.").wait_for()
    assert_accessible(page)
    page.get_by_label("Observations", exact=True).fill("<script>document.title='pwned'</script> Calm explanation of the form")
    page.get_by_label("Debriefing held within a week").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for()
    assert page.title() != "pwned" and "<script>" in page.get_by_label("Observations", exact=True).input_value()
    assert page.get_by_label("Debriefing held within a week").is_checked()

    page.goto(live_server + "/help/job-shadowing-checklist")
    assert_accessible(page)
    page.goto(live_server + "/apply")
    page.get_by_text("Can you mentor in the evening?").wait_for()
