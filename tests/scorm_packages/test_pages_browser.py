"""The package pages in a plain browser: preview mode, IMS pages, keyboard, phone, axe-core."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from .lms_harness import build_site, serve

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def site(tmp_path_factory, fixture_module):
    """Serve the fixture's packages (no LMS on the page)."""
    root = tmp_path_factory.mktemp("plain-site")
    build_site(root, fixture_module, [("en", "scorm12"), ("de", "scorm2004"), ("en", "imscp")],
               lms=False)
    with serve(root) as base:
        yield base


@pytest.fixture
def page(chromium):
    """Return a page that records requests and script errors."""
    context = chromium.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.requests, tab.errors = [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    context.close()


def test_scorm_package_without_lms_runs_in_preview_mode(page, site):
    page.goto(f"{site}/pkg/en-scorm12/index.html")
    status = page.locator("#qser-status")
    assert status.is_visible() and "Preview mode" in status.inner_text()
    page.locator("section:not([hidden]) .pager-next").click()
    assert page.locator("section:not([hidden]) h1").inner_text() == "What is culture?"
    assert page.title() == "What is culture? – Intercultural basics for front-desk staff"
    assert page.errors == []


def test_scorm_package_loads_only_its_own_files(page, site):
    page.goto(f"{site}/pkg/de-scorm2004/index.html")
    page.locator(".toc a[data-goto='03-ebenen-der-kultur']").click()
    assert page.requests and all(url.startswith(site) for url in page.requests), page.requests


def test_quiz_checks_answers_without_lms(page, site):
    page.goto(f"{site}/pkg/en-scorm12/index.html")
    page.locator(".toc a[data-goto='quiz']").click()
    page.locator("#q-q1-0").check()
    page.locator("#quiz-form button[type=submit]").click()
    assert "Not answered yet: 2, 3, 4, 5, 6, 7, 8" in page.locator("#quiz-result").inner_text()
    assert page.evaluate("document.activeElement.id") == "q-q2-0"
    for qid in ("q2", "q3", "q5"):
        page.locator(f"#q-{qid}-1").check()
    for qid in ("q2", "q4", "q5", "q6", "q7", "q8"):
        page.locator(f"#q-{qid}-0").check()
    page.locator("#q-q6-1").check()
    page.locator("#quiz-form button[type=submit]").click()
    assert "8 of 8" in page.locator("#quiz-result").inner_text()
    assert page.locator("#q-q1 .verdict").inner_text() == "Correct."
    assert page.locator("#q-q1-0-feedback").is_visible()
    assert not page.locator("#q-q1-1-feedback").is_visible()


def test_ims_pages_link_to_each_other_and_check_quiz_offline(page, site):
    page.goto(f"{site}/pkg/en-imscp/01-welcome.html")
    assert page.locator("#qser-status").is_hidden()
    page.get_by_role("link", name=re.compile(r"^Next\W+What is culture\?$")).click()
    assert page.url.endswith("/02-what-is-culture.html")
    page.get_by_role("link", name="Knowledge check").click()
    page.locator("#q-q1-1").check()
    for qid in ("q2", "q3", "q4", "q5", "q6", "q7", "q8"):
        page.locator(f"#q-{qid}-0").check()
    page.locator("#quiz-form button[type=submit]").click()
    text = page.locator("#quiz-result").inner_text()
    assert "3 of 8" in text and "not recorded" in text and "not passed yet" in text


def test_keyboard_skip_link_and_next_move_focus(page, site):
    page.goto(f"{site}/pkg/en-scorm12/index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.locator("section:not([hidden]) .pager-next").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "title-02-what-is-culture"


def test_phone_width_has_no_sideways_scroll_and_contents_toggle(chromium, site):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(f"{site}/pkg/en-scorm12/index.html")
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    toggle = tab.get_by_role("button", name="Show contents")
    assert toggle.is_visible() and not tab.locator("#toc-list").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    tab.locator(".toc a[data-goto='quiz']").click()
    assert not tab.locator("#toc-list").is_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


@pytest.mark.parametrize("path,goto", [
    ("en-scorm12/index.html", None),
    ("en-scorm12/index.html", "03-levels-of-culture"),
    ("de-scorm2004/index.html", "quiz"),
    ("en-imscp/02-what-is-culture.html", None),
    ("en-imscp/quiz.html", None),
])
def test_axe_finds_no_violations(page, site, path, goto):
    page.goto(f"{site}/pkg/{path}")
    if goto:
        page.locator(f".toc a[data-goto='{goto}']").click()
    if page.locator("#quiz-form").is_visible():
        page.locator("#quiz-form button[type=submit]").click()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
