"""Browser test: a mentee asks a question, a mentor answers, the mentee accepts the answer."""
import pytest

from tests.browser import assert_accessible, nav_to

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def _log_in(page, base, person):
    page.goto(base + "/login")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def test_mentee_asks_mentor_answers_mentee_accepts(app, live_server, page, make_person):
    mentee = make_person(roles=["mentee"], first_name="Amira", last_name="Haddad")
    mentor = make_person(roles=["mentor"], first_name="Jonas", last_name="Weber")

    _log_in(page, live_server, mentee)
    nav_to(page, "Q&A")
    page.get_by_role("heading", name="Questions and answers").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Ask a question").click()
    assert_accessible(page)
    page.get_by_label("Your question in one sentence").fill("How do I prepare an appointment with an interpreter?")
    page.get_by_label("Details").fill("It is my **first** time.")
    page.get_by_label("Intercultural communication skills").check()
    page.get_by_label("Other tags").fill("interpreters")
    page.get_by_role("button", name="Post question").click()
    page.get_by_text("Your question has been posted.").wait_for()
    assert page.locator(".post-body strong", has_text="first").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Log out").click()

    _log_in(page, live_server, mentor)
    nav_to(page, "Q&A")
    page.get_by_role("link", name="How do I prepare an appointment with an interpreter?").click()
    assert_accessible(page)
    page.get_by_label("Your answer").fill("Brief the interpreter *before* the client arrives.")
    page.get_by_role("button", name="Post answer").click()
    page.get_by_text("Your answer has been posted.").wait_for()
    assert page.get_by_role("button", name="Accept this answer").count() == 0
    assert_accessible(page)
    page.get_by_role("button", name="Log out").click()

    _log_in(page, live_server, mentee)
    nav_to(page, "Q&A")
    page.get_by_role("link", name="How do I prepare an appointment with an interpreter?").click()
    page.get_by_role("button", name="Accept this answer").click()
    page.get_by_text("The accepted answer has been marked.").wait_for()
    assert page.get_by_text("✓ Accepted answer").is_visible()
    assert_accessible(page)


def test_library_workshop_and_scenario_pages_are_accessible(app, live_server, page, make_person, db):
    from datetime import datetime, timezone

    from bridge.modules.community.models import GoodPractice, PracticeState, Scenario, Workshop

    coordinator = make_person(roles=["coordinator"])
    practice = GoodPractice(author_id=coordinator.id, title="Plain-language letters", context="Job centre",
                            challenge="Missed dates", approach="Rewrote the letter", outcome="Fewer missed dates",
                            competences=["adaptability"], state=PracticeState.PUBLISHED)
    workshop = Workshop(title="Interpreters", starts_at=datetime(2027, 3, 4, 9, tzinfo=timezone.utc), place="Hall")
    scenario = Scenario(title="Missed appointments", situation="A client misses dates.")
    db.session.add_all([practice, workshop, scenario])
    db.session.commit()
    _log_in(page, live_server, coordinator)
    for path in ("/community/practices/", f"/community/practices/{practice.id}", "/community/practices/new",
                 "/community/workshops/", f"/community/workshops/{workshop.id}", "/community/workshops/new",
                 "/community/scenarios/", f"/community/scenarios/{scenario.id}"):
        page.goto(live_server + path)
        assert_accessible(page)
