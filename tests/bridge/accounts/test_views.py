import re
from datetime import timedelta

import pytest

from bridge.core.db import utcnow
from bridge.modules.accounts.models import Account, OneTimeToken
from bridge.modules.people.models import Person
from tests.conftest import TEST_PASSWORD

NEW_PASSWORD = "a new password 2026"


def _link_from(mail) -> str:
    match = re.search(r"http://localhost(/(?:invite|reset)/\S+)", mail.get_content())
    assert match, mail.get_content()
    return match.group(1)


def _login(client, email, password):
    return client.post("/login", data={"email": email, "password": password})


def test_login_with_right_password_redirects_home(client, make_person):
    person = make_person(roles=["mentee"])
    resp = _login(client, person.email.upper(), TEST_PASSWORD)
    assert resp.status_code == 302 and resp.headers["Location"] == "/"
    assert client.get("/").status_code == 200


def test_login_with_wrong_password_shows_message(client, make_person):
    person = make_person(roles=["mentee"])
    resp = _login(client, person.email, "wrong password!")
    assert resp.status_code == 400
    assert b"The email address or the password is not correct." in resp.data


def test_login_unknown_email_same_message(client):
    resp = _login(client, "nobody@example.org", "whatever-123")
    assert resp.status_code == 400
    assert b"The email address or the password is not correct." in resp.data


def test_login_missing_fields_is_400(client):
    resp = client.post("/login", data={"email": ""})
    assert resp.status_code == 400
    assert b"This field is required." in resp.data


def test_login_archived_person_refused(client, make_person, db):
    person = make_person(roles=["mentor"])
    person.archived_at = utcnow()
    db.session.commit()
    assert _login(client, person.email, TEST_PASSWORD).status_code == 400


def test_login_ignores_offsite_next(client, make_person):
    person = make_person(roles=["mentee"])
    resp = client.post("/login?next=//evil.example/x", data={"email": person.email, "password": TEST_PASSWORD})
    assert resp.headers["Location"] == "/"


def test_login_records_last_login(client, make_person, db):
    person = make_person(roles=["mentee"])
    _login(client, person.email, TEST_PASSWORD)
    db.session.expire_all()
    assert db.session.get(Person, person.id).account.last_login_at is not None


def test_logout_requires_post_and_logs_out(client, login_as):
    login_as("mentee")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/people/me").status_code == 302


def test_invite_flow_sets_password_and_link_cannot_be_reused(client, login_as, make_person, outbox, db):
    login_as("coordinator")
    invitee = make_person(roles=["mentee"], password=None)
    resp = client.post(f"/people/{invitee.id}/invite")
    assert resp.status_code == 302
    mails = outbox()
    assert len(mails) == 1 and mails[0]["To"] == invitee.email
    link = _link_from(mails[0])
    client.post("/logout")
    assert client.get(link).status_code == 200
    resp = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert resp.status_code == 302
    assert client.get("/people/me").status_code == 200
    client.post("/logout")
    assert _login(client, invitee.email, NEW_PASSWORD).status_code == 302
    client.post("/logout")
    reused = client.get(link)
    assert reused.status_code == 410
    assert b"already been used" in reused.data


def test_invite_link_expired(client, make_person, db, app):
    from bridge.modules.accounts.operations import invite

    person = make_person(roles=["mentee"], password=None)
    raw = invite(None, person)
    token = db.session.scalar(db.select(OneTimeToken))
    token.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    resp = client.post(f"/invite/{raw}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert resp.status_code == 410
    assert b"expired" in resp.data
    assert db.session.get(Person, person.id).account is None


def test_invite_link_valid_for_seven_days(make_person, db, app):
    from bridge.modules.accounts.operations import invite

    invite(None, make_person(roles=["mentee"], password=None))
    token = db.session.scalar(db.select(OneTimeToken))
    assert timedelta(days=6, hours=23) < token.expires_at - utcnow() <= timedelta(days=7)


def test_unknown_link_is_410(client):
    assert client.get("/invite/not-a-token").status_code == 410
    assert client.get("/reset/not-a-token").status_code == 410


def test_set_password_too_short_rejected_nothing_written(client, make_person, db, app):
    from bridge.modules.accounts.operations import invite

    person = make_person(roles=["mentee"], password=None)
    raw = invite(None, person)
    db.session.commit()
    resp = client.post(f"/invite/{raw}", data={"password": "short", "confirm": "short"})
    assert resp.status_code == 400
    assert b"at least 12" in resp.data
    mismatch = client.post(f"/invite/{raw}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"})
    assert mismatch.status_code == 400 and b"do not match" in mismatch.data
    db.session.expire_all()
    assert db.session.get(Person, person.id).account is None
    assert db.session.scalar(db.select(OneTimeToken)).used_at is None


def test_forgot_password_flow(client, make_person, outbox, db):
    person = make_person(roles=["mentor"])
    resp = client.post("/forgot", data={"email": person.email})
    assert resp.status_code == 302
    link = _link_from(outbox()[0])
    assert "/reset/" in link
    assert client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    client.post("/logout")
    assert _login(client, person.email, TEST_PASSWORD).status_code == 400
    assert _login(client, person.email, NEW_PASSWORD).status_code == 302
    assert client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 410


def test_forgot_password_unknown_email_answers_the_same_and_sends_nothing(client, outbox):
    resp = client.post("/forgot", data={"email": "nobody@example.org"}, follow_redirects=True)
    assert resp.status_code == 200
    assert b"If an account exists for this address" in resp.data
    assert outbox() == []


def test_forgot_password_bad_email_is_400(client):
    resp = client.post("/forgot", data={"email": "not-an-email"})
    assert resp.status_code == 400


def test_password_reset_logs_out_other_sessions(app, make_person, db):
    person = make_person(roles=["mentee"])
    other_device = app.test_client()
    _login(other_device, person.email, TEST_PASSWORD)
    assert other_device.get("/people/me").status_code == 200
    from bridge.modules.accounts.operations import set_password

    set_password(db.session.get(Person, person.id), NEW_PASSWORD)
    db.session.commit()
    assert other_device.get("/people/me").status_code == 302


def test_change_password(client, login_as, db):
    person = login_as("mentee")
    resp = client.post("/account/password", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert resp.status_code == 302
    client.post("/logout")
    assert _login(client, person.email, NEW_PASSWORD).status_code == 302


def test_change_password_requires_login(client):
    assert client.get("/account/password").status_code == 302


def test_password_is_hashed_with_argon2(make_person, db):
    person = make_person(roles=["mentee"])
    account = db.session.scalar(db.select(Account).where(Account.person_id == person.id))
    assert account.password_hash.startswith("$argon2")
    assert TEST_PASSWORD not in account.password_hash


@pytest.mark.app_config(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
def test_login_rate_limited_with_clear_message(client):
    for _ in range(3):
        assert _login(client, "someone@example.org", "wrong-password").status_code == 400
    resp = _login(client, "someone@example.org", "wrong-password")
    assert resp.status_code == 429
    assert b"Too many attempts" in resp.data


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_login_without_csrf_token_rejected(client, make_person):
    person = make_person(roles=["mentee"])
    resp = _login(client, person.email, TEST_PASSWORD)
    assert resp.status_code == 400
    assert b"Your form expired" in resp.data


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_create_person_without_csrf_token_rejected_nothing_written(client, login_as, db):
    login_as("coordinator")
    before = db.session.scalar(db.select(db.func.count(Person.id)))
    resp = client.post("/people/new", data={"first_name": "A", "last_name": "B", "email": "ab@example.org"})
    assert resp.status_code == 400
    assert db.session.scalar(db.select(db.func.count(Person.id))) == before


def test_language_switch_to_german(client, login_as):
    login_as("mentee")
    resp = client.post("/language", data={"locale": "de", "next": "/people/me"})
    assert resp.status_code == 302 and resp.headers["Location"] == "/people/me"
    page = client.get("/people/me")
    assert 'lang="de"' in page.text
    assert "Mein Profil" in page.text


def test_language_switch_unknown_language_is_400(client):
    assert client.post("/language", data={"locale": "xx"}).status_code == 400
