"""Headless Chromium for browser tests: Debian's /usr/bin/chromium, never a downloaded build."""
import os
import shutil

import pytest

CHROMIUM = os.environ.get("QSER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium():
    """Launch one headless Chromium for the session (skips only if the binary is absent)."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} not found: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app):
    """Serve the test app on a loopback port in a thread; yield its base URL."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["BASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app.config["BASE_URL"]
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def page(chromium):
    """Open a fresh browser context and page (phone-sized width is tested separately)."""
    context = chromium.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_accessible(page, impacts=("serious", "critical")):
    """Run axe-core on the page and fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in impacts]
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    assert not bad, f"accessibility violations on {page.url}: {summary}"


def nav_to(page, name: str) -> None:
    """Follow the main navigation's entry `name`, opening the phone menu and its group menu as a person would."""
    import re

    nav = page.get_by_role("navigation", name=re.compile("Main navigation|Hauptnavigation"))
    text = re.compile(rf"^\s*{re.escape(name)}\s*$")
    link = nav.locator("a.nav-link, a.qser-subitem").filter(has_text=text).first
    toggle = nav.locator("[data-nav-toggle]")
    if not link.is_visible() and toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    if not link.is_visible():
        nav.locator("details", has=page.locator("a.qser-subitem").filter(has_text=text)).locator("summary").first.click()
    link.click()
