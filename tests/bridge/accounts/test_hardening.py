"""Login hardening: safe redirects, logout that logs out, limited remember cookies, throttling, timing."""
import time

import pytest

from bridge.core import passwords
from tests.conftest import TEST_PASSWORD


def _login(client, email, password=TEST_PASSWORD, query="", **extra):
    return client.post(f"/login{query}", data={"email": email, "password": password, **extra})


OFF_SITE = ["?next=/%09/evil.example", "?next=%2F%2Fevil.example", "?next=/%5Cevil.example", "?next=/%0a/evil.example",
            "?next=/%0d%0aSet-Cookie:x=1", "?next=https://evil.example"]


@pytest.mark.parametrize("query", OFF_SITE)
def test_login_never_redirects_off_site(client, make_person, query):
    person = make_person(roles=["mentee"])
    response = _login(client, person.email, query=query)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_login_keeps_a_local_next(client, make_person):
    person = make_person(roles=["mentee"])
    assert _login(client, person.email, query="?next=/people/me").headers["Location"] == "/people/me"


def _cookies(client) -> dict:
    return {name: client.get_cookie(name).value for name in ("session", "remember_token") if client.get_cookie(name)}


def _replay(app, cookies: dict):
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other.get("/")


def test_saved_session_and_remember_cookies_stop_working_after_logout(app, client, make_person):
    person = make_person(roles=["mentee"])
    _login(client, person.email, remember="y")
    saved = _cookies(client)
    assert set(saved) == {"session", "remember_token"}
    assert _replay(app, saved).status_code == 200
    client.post("/logout")
    assert _replay(app, saved).status_code == 302
    assert _replay(app, {"remember_token": saved["remember_token"]}).status_code == 302


def test_remember_cookie_lasts_the_configured_days(app, client, make_person, monkeypatch):
    person = make_person(roles=["mentee"])
    response = _login(client, person.email, remember="y")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token="))
    assert "Max-Age=2592000" in cookie or "Expires=" in cookie
    saved = {"remember_token": client.get_cookie("remember_token").value}
    assert _replay(app, saved).status_code == 200
    later = time.time() + 31 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    assert _replay(app, saved).status_code == 302


@pytest.mark.app_config(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="100 per minute",
                        ACCOUNT_LOGIN_RATE_LIMIT="3 per minute")
def test_failed_logins_are_limited_per_account(client, make_person):
    person = make_person(roles=["mentee"])
    for _ in range(3):
        assert _login(client, person.email, "wrong password!").status_code == 400
    assert _login(client, person.email).status_code == 429
    other = make_person(roles=["mentee"])
    assert _login(client, other.email).status_code == 302


@pytest.mark.app_config(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="2 per minute", PROXY_COUNT=1)
def test_login_limit_per_client_address_behind_a_proxy(app, make_person):
    person = make_person(roles=["mentee"])

    def attempt(address):
        return app.test_client().post("/login", data={"email": person.email, "password": "wrong"},
                                      headers={"X-Forwarded-For": address})

    assert [attempt("203.0.113.7").status_code for _ in range(3)] == [400, 400, 429]
    assert attempt("203.0.113.8").status_code == 400


class CountingHasher:
    """Wraps the argon2 hasher and records which operations a login does."""

    def __init__(self, hasher, calls):
        self.hasher, self.calls = hasher, calls

    def __getattr__(self, name):
        if name in ("hash", "verify"):
            self.calls.append(name)
        return getattr(self.hasher, name)


def test_login_does_the_same_hashing_work_for_unknown_addresses(client, make_person, monkeypatch):
    calls = []
    real_hasher = passwords.hasher
    passwords.dummy_hash()
    person = make_person(roles=["mentee"])
    monkeypatch.setattr(passwords, "hasher", lambda: CountingHasher(real_hasher(), calls))
    _login(client, person.email, "wrong password!")
    known = list(calls)
    calls.clear()
    _login(client, "nobody@example.org", "wrong password!")
    assert known == calls == ["verify"]


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "123456789012", "passwordpassword", "short pw",
                                      "qwertyuiopasdf"])
def test_weak_passwords_are_refused_at_change(client, login_as, password):
    login_as("mentee")
    response = client.post("/account/password", data={"password": password, "confirm": password})
    assert response.status_code == 400


def test_password_with_own_name_is_refused(client, login_as):
    person = login_as("mentee", first_name="Wilhelmina", last_name="Kowalczyk")
    weak = f"{person.first_name}{person.last_name}".lower()
    assert client.post("/account/password", data={"password": weak, "confirm": weak}).status_code == 400
