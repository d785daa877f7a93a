"""Screenshots of the main pages per role from the Lindenau demo, desktop and phone, English and German.

    .venv/bin/python tools/screenshots.py              # the full set into docs/screenshots/
    .venv/bin/python tools/screenshots.py --set before # a handful of pages into docs/screenshots/before/

The script builds a fresh SQLite database in a temporary directory, loads `qser demo`, serves the app
on a loopback port in a thread and photographs each page with Debian's Chromium through Playwright
(never a downloaded browser). Images show the first screen of each page (not the whole scroll) and are
reduced to a 256-colour palette, so the set stays small.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("QSER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LOCALES = {"en": "en-GB", "de": "de-DE"}
DOMAIN = "lindenau.example"
LOGINS = {"coordinator": f"katrin.vogel@{DOMAIN}", "mentor": f"aylin.demir@{DOMAIN}",
          "mentee": f"lena.fischer@{DOMAIN}", "external": f"rahel.tesfaye@{DOMAIN}",
          "management": f"ursula.brandt@{DOMAIN}"}

# (file name, role or None for public, path or a "{placeholder}" path, viewport, language)
BEFORE = [
    ("public-apply", None, "/apply", "desktop", "en"),
    ("coordinator-overview", "coordinator", "/", "desktop", "en"),
    ("coordinator-overview", "coordinator", "/", "desktop", "de"),
    ("coordinator-tandems", "coordinator", "/pairing/pairs", "desktop", "en"),
    ("coordinator-dashboard", "coordinator", "/evaluations/dashboard", "desktop", "de"),
    ("mentor-profile", "mentor", "/pairing/profile/mentor", "phone", "en"),
    ("mentee-tandem", "mentee", "/pairs/mine", "phone", "de"),
    ("coordinator-people", "coordinator", "/people/", "desktop", "en"),
]
AFTER = [
    ("public-apply", None, "/apply", "desktop", "en"),
    ("public-apply", None, "/apply", "phone", "de"),
    ("coordinator-overview", "coordinator", "/", "desktop", "en"),
    ("coordinator-overview", "coordinator", "/", "desktop", "de"),
    ("coordinator-overview", "coordinator", "/", "phone", "de"),
    ("coordinator-tandems", "coordinator", "/pairing/pairs", "desktop", "en"),
    ("coordinator-tandem", "coordinator", "/pairing/pairs/{pair}", "desktop", "de"),
    ("coordinator-dashboard", "coordinator", "/evaluations/dashboard", "desktop", "en"),
    ("coordinator-dashboard", "coordinator", "/evaluations/dashboard", "desktop", "de"),
    ("coordinator-applications", "coordinator", "/applications/?state=all", "desktop", "de"),
    ("coordinator-export", "coordinator", "/evaluations/export", "desktop", "en"),
    ("mentor-workspace", "mentor", "/pairs/{pair}/", "desktop", "en"),
    ("mentor-workspace", "mentor", "/pairs/{pair}/", "phone", "de"),
    ("mentor-profile", "mentor", "/pairing/profile/mentor", "desktop", "de"),
    ("mentor-sessions", "mentor", "/pairs/{pair}/sessions", "phone", "en"),
    ("mentee-workspace", "mentee", "/pairs/{pair}/", "phone", "en"),
    ("mentee-messages", "mentee", "/pairs/{pair}/messages", "desktop", "de"),
    ("mentee-evaluations", "mentee", "/evaluations/", "desktop", "en"),
    ("community-questions", "mentee", "/community/qa/", "desktop", "de"),
    ("community-workshops", "mentor", "/community/workshops/", "phone", "en"),
    ("management-report", "management", "/reports/", "desktop", "de"),
    ("coordinator-sync", "coordinator", "/admin/sync", "desktop", "de"),
]


def _quantize(path: Path) -> None:
    """Reduce a PNG to a 256-colour palette (screenshots of flat UI lose nothing visible)."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with WeasyPrint
        return
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)


def _build_app(workdir: Path):
    os.environ.update({"QSER_DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite'}",
                       "QSER_STORAGE_DIR": str(workdir / "storage"), "QSER_MAIL_BACKEND": "file",
                       "QSER_ENV": "development", "QSER_SECRET_KEY": "screenshots-only"})
    os.environ.pop("QSER_REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    from bridge import create_app

    app = create_app({"RATELIMIT_ENABLED": False, "INSTANCE_PATH": str(workdir)})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=str(ROOT / "migrations"))
        from bridge.demo import cycles, organisation

        organisation.load()
        cycles.load(organisation.DEMO_PASSWORD)  # the closed cycle and the department head (as `qser demo` does)
    return app


def _placeholders(app, role: str | None) -> dict:
    """Return the ids that paths of this role refer to (the role's own tandem)."""
    with app.app_context():
        from bridge.core.db import db
        from bridge.modules.pairing.models import Pair
        from bridge.modules.people.operations import find_by_email

        email = LOGINS.get(role or "") or LOGINS["mentor"]
        person = find_by_email(email)
        query = db.select(Pair.id).order_by(Pair.id)
        if person is not None and role in ("mentor", "mentee"):
            query = query.where((Pair.mentor_id == person.id) | (Pair.mentee_id == person.id))
        pair = db.session.scalar(query.where(Pair.state == "active")) or db.session.scalar(query)
        return {"pair": pair}


def _login(page, base: str, role: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", LOGINS[role])
    page.fill("input[name=password]", password)
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def take(which: str, out: Path) -> list[Path]:
    """Photograph the pages of one set into `out`; return the files written."""
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    shots = BEFORE if which == "before" else AFTER
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="qser-shots-") as tmp:
        app = _build_app(Path(tmp))
        from bridge.demo.organisation import DEMO_PASSWORD

        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_port}"
        app.config["BASE_URL"] = base
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                for name, role, path, viewport, language in shots:
                    ids = _placeholders(app, role)
                    if "{" in path and not all(ids.values()):
                        print(f"skip {name}: no tandem for {role}")
                        continue
                    context = browser.new_context(locale=LOCALES[language], viewport=VIEWPORTS[viewport],
                                                  extra_http_headers={"Accept-Language": LOCALES[language]})
                    page = context.new_page()
                    page.set_default_timeout(20_000)
                    if role:
                        _login(page, base, role, DEMO_PASSWORD)
                    response = page.goto(base + path.format(**ids))
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}-{viewport}-{language}.png"
                    page.screenshot(path=str(target), full_page=False)
                    _quantize(target)
                    status = response.status if response else "?"
                    print(f"{target.relative_to(ROOT)}  ({status}, {target.stat().st_size // 1024} KB)")
                    written.append(target)
                    context.close()
                browser.close()
        finally:
            server.shutdown()
            thread.join(timeout=5)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["before", "after"], default="after",
                        help="'before': a handful of pages into docs/screenshots/before/; 'after': the full set")
    parser.add_argument("--out", type=Path, default=None, help="directory for the images")
    args = parser.parse_args()
    out = args.out or (ROOT / "docs" / "screenshots" / ("before" if args.set == "before" else ""))
    files = take(args.set, out)
    print(f"{len(files)} screenshots, {sum(f.stat().st_size for f in files) // 1024} KB in {out}")


if __name__ == "__main__":
    main()
