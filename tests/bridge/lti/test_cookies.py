"""Cookies for launches inside Moodle: SameSite=None; Secure under HTTPS, refused over plain HTTP."""
import pytest

from bridge.config import ConfigError
from tests.bridge.lti.conftest import start_login
from tests.conftest import test_config


def test_state_cookie_is_lax_over_http(client, platform, platform_server):
    start_login(client, platform_server)
    cookie = client.get_cookie("qser_lti_state", path="/lti/")
    assert cookie.same_site == "Lax" and not cookie.secure and cookie.http_only


@pytest.mark.app_config(SESSION_COOKIE_SECURE=True)
def test_state_cookie_is_samesite_none_and_secure_under_https(client, platform, platform_server):
    data = {"iss": platform_server.url, "login_hint": "42", "target_link_uri": "http://localhost/lti/launch"}
    header = client.post("/lti/login", data=data).headers["Set-Cookie"]
    assert "SameSite=None" in header and "Secure" in header and "HttpOnly" in header


def test_iframe_cookies_need_https(tmp_path):
    from bridge import create_app

    with pytest.raises(ConfigError):
        create_app(test_config("sqlite://", tmp_path, LTI_IFRAME_COOKIES=True))
    app = create_app(test_config("sqlite://", tmp_path, LTI_IFRAME_COOKIES=True, SESSION_COOKIE_SECURE=True))
    assert app.config["SESSION_COOKIE_SAMESITE"] == "None"


def test_login_for_an_unknown_deployment_is_refused(client, platform, platform_server):
    response = client.post("/lti/login", data={"iss": platform_server.url, "login_hint": "42",
                                               "target_link_uri": "http://localhost/lti/launch",
                                               "lti_deployment_id": "99"})
    assert response.status_code == 400 and "deployment" in response.get_data(as_text=True)


def test_login_for_another_tool_is_refused(client, platform, platform_server):
    response = client.post("/lti/login", data={"iss": platform_server.url, "login_hint": "42",
                                               "target_link_uri": "https://elsewhere.example/launch"})
    assert response.status_code == 400 and "another tool" in response.get_data(as_text=True)
