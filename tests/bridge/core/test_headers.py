"""Security headers on every response: CSP, framing, referrer, nosniff, HSTS in production, no-store."""
import pytest

from bridge import create_app
from bridge.config import ConfigError


def test_every_page_has_the_security_headers(client, login_as):
    login_as("coordinator")
    for path in ("/", "/people/", "/login", "/does-not-exist"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp and headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin" and headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in headers


def test_static_files_stay_cacheable(client):
    with client.get("/static/bridge.css") as response:
        assert response.status_code == 200 and "no-store" not in response.headers.get("Cache-Control", "")
        assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.app_config(FRAME_ANCESTORS=["https://moodle.example.org"])
def test_configured_moodle_origin_may_frame(client):
    headers = client.get("/login").headers
    assert "frame-ancestors https://moodle.example.org" in headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in headers


def test_frame_ancestors_must_be_origins(tmp_path):
    with pytest.raises(ConfigError):
        create_app({"SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path), "FRAME_ANCESTORS": ["x; script-src *"]})


@pytest.mark.app_config(ENV_NAME="production")
def test_hsts_in_production(client):
    assert client.get("/login").headers["Strict-Transport-Security"].startswith("max-age=")


def test_templates_have_no_inline_script_or_handlers():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "bridge" / "templates"
    for path in root.rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", text), path
        assert not re.search(r"\son[a-z]+\s*=", text), path
        assert "javascript:" not in text, path


def test_private_download_is_no_store_and_nosniff(app, client, db, login_as):
    from tests.bridge.externals.helpers import make_application

    application = make_application(app, db)
    login_as("coordinator")
    with client.get(f"/applications/{application.id}/cv") as response:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_scorm_preview_has_its_own_policy(client):
    response = client.get("/training/")
    links = [line for line in response.get_data(as_text=True).split('"') if "/preview/" in line]
    assert links, "the catalogue links to a preview"
    preview = client.get(links[0], follow_redirects=True)
    assert preview.status_code == 200
    csp = preview.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp and "script-src 'self'" in csp
    preview.close()
