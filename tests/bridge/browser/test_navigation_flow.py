"""Browser test per role, desktop and phone: the overview, every navigation entry (grouped menus opened as a
person would, one by keyboard), axe on every page visited, and no entry that answers with an error page."""
import re
from datetime import timedelta

import pytest

from bridge.core.db import utcnow
from bridge.modules.agreements.models import Agreement
from bridge.modules.agreements.operations import agreement as agreement_ops
from bridge.modules.mentoring.models import MentoringSession
from bridge.navigation import Group, menu_for
from tests.bridge.externals.helpers import make_application
from tests.bridge.mentoring.conftest import make_tandem  # noqa: F401
from tests.browser import assert_accessible, nav_to

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
ERROR_TITLES = re.compile(r"^Error \d{3}")  # the title of templates/errors/error.html


def _people(app, db, make_person, make_tandem):  # noqa: F811
    """A coordinator, a tandem with things to do (agreement to sign, session to confirm), an external mentor."""
    coordinator = make_person(roles=["coordinator"], first_name="Katrin", last_name="Vogel")
    pair = make_tandem(state="active")
    pair.started_at = utcnow() - timedelta(days=100)
    agreement_ops.start_agreement(pair.mentee, pair, "en")  # a draft for both to sign
    db.session.add_all([MentoringSession(pair_id=pair.id, author_id=pair.mentee_id, held_on=utcnow().date(),
                                                    duration_minutes=60, mode="online", topics="Forms")])
    external = make_person(roles=["mentor", "external"], first_name="Rahel", last_name="Tesfaye",
                           email="rahel@example.org")
    db.session.commit()
    application = make_application(app, db, email="rahel@example.org")
    application.state, application.person_id = "accepted", external.id
    db.session.commit()
    return {"coordinator": coordinator, "mentor": pair.mentor, "mentee": pair.mentee, "external": external}


def _log_in(page, live_server, person):
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server + "/")


def _labels(person) -> list[str]:
    main, personal = menu_for(person.role_names)
    labels = []
    for entry in [*main, *personal]:
        labels += [str(child.label) for child in entry.children] if isinstance(entry, Group) else [str(entry.label)]
    return labels


def _check_keyboard(page, phone: bool):
    """Open the first group menu with the keyboard, move into it, close it with Escape."""
    nav = page.get_by_role("navigation", name="Main navigation")
    toggle = nav.locator("[data-nav-toggle]")
    assert toggle.is_visible() is phone
    if phone:
        assert not nav.locator("#mainnav").is_visible()
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true" and nav.locator("#mainnav").is_visible()
    summary = nav.locator("details summary").first
    summary.focus()
    page.keyboard.press("Enter")
    group = nav.locator("details").first
    assert group.evaluate("d => d.open")
    first_link = group.locator("a").first
    page.keyboard.press("Tab")
    assert first_link.evaluate("a => a === document.activeElement")
    page.keyboard.press("Escape")
    assert not group.evaluate("d => d.open")
    assert summary.evaluate("s => s === document.activeElement")
    if phone:
        toggle.click()  # close the phone menu again


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("role", ["coordinator", "mentor", "mentee", "external"])
def test_role_walks_every_navigation_entry(app, db, live_server, chromium, make_person, make_tandem,  # noqa: F811
                                           role, size):
    people = _people(app, db, make_person, make_tandem)
    person = people[role]
    context = chromium.new_context(locale="en-GB", viewport=SIZES[size])
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        _log_in(page, live_server, person)
        page.get_by_role("heading", name=f"Hello, {person.first_name}").wait_for()
        if role in ("mentor", "mentee"):
            assert page.locator("[data-todo]").count() >= 2  # sign the agreement, confirm the session (mentor)
        if role == "external":
            page.get_by_text("was accepted").wait_for()
        assert_accessible(page)
        _check_keyboard(page, phone=size == "phone")
        assert page.locator("link[rel=icon]").count() == 1
        for label in _labels(person):
            nav_to(page, label)
            page.wait_for_load_state()
            assert not ERROR_TITLES.match(page.title()), f"{role}: {label} led to {page.title()}"
            assert page.title().endswith("Q-SER Bridge"), page.title()
            assert_accessible(page)
    finally:
        context.close()


def test_coordinator_workspace_has_no_forbidden_tab(app, db, live_server, page, make_person, make_tandem):  # noqa: F811
    people = _people(app, db, make_person, make_tandem)
    pair_id = db.session.scalar(db.select(Agreement.pair_id))
    _log_in(page, live_server, people["coordinator"])
    page.goto(f"{live_server}/pairs/{pair_id}/")
    tabs = page.get_by_role("navigation", name="Workspace sections")
    assert tabs.get_by_role("link", name="Messages").count() == 0
    for name in ("Agreement", "Documents", "Sessions", "Evaluations"):
        tabs.get_by_role("link", name=name, exact=True).click()
        assert not ERROR_TITLES.match(page.title()), name
        assert_accessible(page)
