"""Coordinators manage platforms at /admin/lti; nobody else may."""
import pytest

from bridge.modules.lti.models import LtiLaunch, LtiPlatform

FORM = {"name": "City Moodle", "issuer": "https://moodle.example", "client_id": "abc123",
        "deployment_ids": "1, 2", "auth_login_url": "https://moodle.example/mod/lti/auth.php",
        "auth_token_url": "https://moodle.example/mod/lti/token.php",
        "jwks_url": "https://moodle.example/mod/lti/certs.php"}


@pytest.mark.parametrize("role, status", [("coordinator", 200), ("mentor", 403), ("mentee", 403),
                                          ("external", 403), (None, 302)])
def test_admin_page_by_role(client, login_as, role, status):
    if role:
        login_as(role)
    for url in ("/admin/lti", "/admin/lti/new"):
        assert client.get(url).status_code == status


@pytest.mark.parametrize("role", ["mentor", "mentee", "external", None])
def test_only_coordinators_change_platforms(client, login_as, db, role):
    if role:
        login_as(role)
    client.post("/admin/lti/new", data=FORM)
    assert db.session.scalar(db.select(db.func.count(LtiPlatform.id))) == 0


def test_coordinator_adds_edits_and_removes_a_platform(client, login_as, db):
    login_as("coordinator")
    page = client.get("/admin/lti").get_data(as_text=True)
    assert "http://localhost/lti/login" in page and "http://localhost/lti/jwks" in page
    assert client.post("/admin/lti/new", data=FORM).status_code == 302
    platform = db.session.scalar(db.select(LtiPlatform))
    assert platform.deployment_ids == ["1", "2"] and not platform.jit_enabled
    edit = client.post(f"/admin/lti/{platform.id}/edit", data=FORM | {"deployment_ids": "3", "jit_enabled": "y"})
    assert edit.status_code == 302
    db.session.refresh(platform)
    assert platform.deployment_ids == ["3"] and platform.jit_enabled
    db.session.add(LtiLaunch(platform_id=platform.id, result="signed_in", subject="42", target="tandem"))
    db.session.commit()
    assert "City Moodle" in client.get("/admin/lti").get_data(as_text=True)
    assert client.post(f"/admin/lti/{platform.id}/delete").status_code == 302
    assert db.session.scalar(db.select(LtiPlatform)) is None
    assert db.session.scalar(db.select(LtiLaunch)).platform_id is None


def test_duplicate_or_bad_platform_is_a_clear_400(client, login_as, db):
    login_as("coordinator")
    client.post("/admin/lti/new", data=FORM)
    duplicate = client.post("/admin/lti/new", data=FORM)
    assert duplicate.status_code == 400 and "already registered" in duplicate.get_data(as_text=True)
    bad = client.post("/admin/lti/new", data=FORM | {"client_id": "other", "jwks_url": "not a url"})
    assert bad.status_code == 400


def test_edit_unknown_platform_is_404(client, login_as):
    login_as("coordinator")
    assert client.get("/admin/lti/999/edit").status_code == 404
