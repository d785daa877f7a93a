"""Browser test: searchable language lists and the conflict search by name, with and without JavaScript."""
import re

import pytest

from tests.browser import assert_accessible

pytestmark = pytest.mark.browser

MENTOR = "aylin.demir@lindenau.example"


def _log_in(page, base, email, password):
    page.goto(base + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("main form [type=submit]").first.click()
    page.wait_for_url(base + "/")


def test_mentor_chooses_a_conflict_by_searching_a_name(app, db, live_server, page):
    from bridge.demo import organisation as demo
    from bridge.modules.pairing.operations.profiles import find_profile
    from bridge.modules.people.operations import find_by_email

    demo.load()
    _log_in(page, live_server, MENTOR, demo.DEMO_PASSWORD)
    page.goto(live_server + "/pairing/profile/mentor")
    page.locator(".ts-wrapper").first.wait_for()
    assert page.locator("#conflict_ids-nojs").is_hidden()  # the no-JavaScript search box gives way
    assert page.locator("select#conflict_ids option").count() == 0  # nobody is listed before a search
    assert_accessible(page)

    control = page.locator("#conflict_ids-ts-control")
    control.fill("Wag")
    option = page.locator(".ts-dropdown .option", has_text="Wagner, Sophie")
    option.wait_for()
    option.click()
    languages = page.locator("#languages-ts-control")
    languages.fill("Pol")
    page.locator(".ts-dropdown .option", has_text=re.compile("Polish")).first.click()
    page.locator("main form [type=submit][name=submit]").last.click()
    page.get_by_text("Your mentoring profile has been saved.").wait_for()
    db.session.rollback()
    aylin = find_by_email(MENTOR)
    assert find_by_email("sophie.wagner@lindenau.example").id in find_profile(aylin, "mentor").conflict_ids
    assert "pl" in aylin.languages


def test_without_javascript_the_search_box_and_plain_lists_work(app, db, live_server, chromium):
    from bridge.demo import organisation as demo

    demo.load()
    context = chromium.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    _log_in(page, live_server, MENTOR, demo.DEMO_PASSWORD)
    page.goto(live_server + "/pairing/profile/mentor")
    assert page.locator(".ts-wrapper").count() == 0
    page.locator("#conflict_query").fill("Wagner")
    page.locator("#conflict_search").click()
    page.locator("select#conflict_ids option", has_text="Wagner, Sophie").wait_for(state="attached")
    assert page.locator("select#conflict_ids option").count() == 1
    context.close()


def test_public_application_has_searchable_languages_and_a_required_cv(app, db, live_server, page):
    page.goto(live_server + "/apply")
    page.locator("#languages-ts-control").wait_for()
    assert page.locator("input#cv[required]").count() == 1
    assert_accessible(page)
