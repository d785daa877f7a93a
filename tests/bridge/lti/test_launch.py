"""End-to-end launches from the test platform: login initiation, id_token validation, sign-in and refusals."""
import time

import pytest

from bridge.modules.lti.models import LtiLaunch, LtiLoginState
from bridge.modules.people.models import Person
from tests.bridge.lti.conftest import start_login
from tests.bridge.mentoring.conftest import make_tandem  # noqa: F401  (fixture)
from tests.bridge.lti.platform import ADMIN, CLAIM, INSTRUCTOR, new_key


def _results(db):
    return [launch.result for launch in db.session.scalars(db.select(LtiLaunch).order_by(LtiLaunch.id))]


def test_login_redirects_to_the_platform_with_state_and_nonce(client, platform, platform_server, db):
    auth = start_login(client, platform_server)
    assert auth["redirect_uri"] == "http://localhost/lti/launch"
    assert auth["client_id"] == "qser-tool" and auth["login_hint"] == "42" and auth["response_mode"] == "form_post"
    stored = db.session.scalar(db.select(LtiLoginState))
    assert (stored.state, stored.nonce) == (auth["state"], auth["nonce"])


def test_login_from_unknown_issuer_is_refused(client, platform, platform_server):
    response = client.post("/lti/login", data={"iss": "https://evil.example", "login_hint": "42",
                                               "target_link_uri": "http://localhost/lti/launch"})
    assert response.status_code == 400
    assert "not registered" in response.get_data(as_text=True)


def test_login_lacking_parameters_is_refused(client, platform):
    assert client.get("/lti/login").status_code == 400


def test_launch_signs_learner_in_by_moodle_user_id_and_opens_tandem_workspace(client, launch, make_tandem, db):
    pair = make_tandem()
    pair.mentee.moodle_user_id = 42
    db.session.commit()
    response = launch(sub="42")
    assert response.status_code == 303
    assert response.location == "/pairs/mine"
    workspace = client.get(response.location)
    assert workspace.status_code == 302 and f"/pairs/{pair.id}" in workspace.location
    assert client.get(workspace.location).status_code == 200
    entry = db.session.scalar(db.select(LtiLaunch))
    assert (entry.result, entry.person_id, entry.target) == ("signed_in", pair.mentee.id, "tandem")


def test_match_order_moodle_id_then_idnumber_then_verified_email(launch, make_learner, db, client):
    by_email = make_learner(email="lea@example.org")
    by_idnumber = make_learner(idnumber="staff-7")
    by_id = make_learner(moodle_user_id=99)
    db.session.commit()
    lis = {CLAIM + "lis": {"person_sourcedid": "staff-7"}}
    launch(sub="99", email_verified=True, **lis)
    launch(sub="98", email_verified=True, **lis)
    launch(sub="97", email_verified=True)
    people = [e.person_id for e in db.session.scalars(db.select(LtiLaunch).order_by(LtiLaunch.id))]
    assert people == [by_id.id, by_idnumber.id, by_email.id]


def test_unverified_email_does_not_match(launch, make_learner, db):
    make_learner(email="lea@example.org")
    response = launch(sub="97")
    assert response.status_code == 403
    assert "We do not know you yet" in response.get_data(as_text=True)


def test_unknown_user_sees_a_page_and_nothing_is_created(launch, db):
    count = db.session.scalar(db.select(db.func.count(Person.id)))
    response = launch(sub="5000")
    text = response.get_data(as_text=True)
    assert response.status_code == 403 and "apply as an external professional" in text
    assert db.session.scalar(db.select(db.func.count(Person.id))) == count
    assert _results(db) == ["unknown_user"]


def test_just_in_time_creation_creates_person_without_roles(launch, platform, db, client):
    platform.jit_enabled = True
    db.session.commit()
    response = launch(sub="5001", roles=(ADMIN, INSTRUCTOR))
    assert response.status_code == 303
    person = db.session.scalar(db.select(Person).where(Person.moodle_user_id == 5001))
    assert person.email == "lea@example.org" and person.role_names == set()
    assert client.get("/people/").status_code == 403
    assert client.get("/").status_code == 200


def test_platform_roles_never_grant_companion_roles(launch, make_learner, client):
    make_learner(roles=["mentee"], moodle_user_id=42)
    assert launch(roles=(ADMIN, INSTRUCTOR)).status_code == 303
    assert client.get("/admin/lti").status_code == 403


@pytest.mark.parametrize("claims, message", [
    ({"iss": "https://other.example"}, "not registered"),
    ({"aud": "another-tool"}, "meant for another tool"),
    ({"exp": int(time.time()) - 600, "iat": int(time.time()) - 900}, "has expired"),
    ({CLAIM + "deployment_id": "99"}, "deployment of the tool is not registered"),
    ({CLAIM + "version": "1.1"}, "Only LTI 1.3"),
    ({"nonce": "made-up"}, "nonce does not match"),
])
def test_launch_refused(launch, make_learner, db, claims, message):
    make_learner(moodle_user_id=42)
    response = launch(**claims)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _results(db) == ["rejected"]


def test_bad_signature_refused(launch, make_learner, platform_server, db):
    make_learner(moodle_user_id=42)
    forged, _kid = new_key()
    response = launch(sign=lambda claims: platform_server.sign(claims, key=forged))
    assert response.status_code == 400 and "could not be verified" in response.get_data(as_text=True)


def test_replayed_launch_refused(client, platform, platform_server, make_learner, db):
    make_learner(moodle_user_id=42)
    auth = start_login(client, platform_server)
    data = {"id_token": platform_server.sign(platform_server.claims(auth["nonce"])), "state": auth["state"]}
    assert client.post("/lti/launch", data=data).status_code == 303
    replay = client.post("/lti/launch", data=data)
    assert replay.status_code == 400 and "already been used" in replay.get_data(as_text=True)


def test_replayed_nonce_with_a_new_login_refused(client, platform, platform_server, make_learner):
    make_learner(moodle_user_id=42)
    first = start_login(client, platform_server)
    token = platform_server.sign(platform_server.claims(first["nonce"]))
    assert client.post("/lti/launch", data={"id_token": token, "state": first["state"]}).status_code == 303
    second = start_login(client, platform_server)
    response = client.post("/lti/launch", data={"id_token": token, "state": second["state"]})
    assert response.status_code == 400 and "nonce does not match" in response.get_data(as_text=True)


def test_launch_without_the_state_cookie_is_refused(client, platform, platform_server, make_learner, app):
    make_learner(moodle_user_id=42)
    auth = start_login(client, platform_server)
    client.delete_cookie("qser_lti_state", path="/lti/")
    token = platform_server.sign(platform_server.claims(auth["nonce"]))
    response = client.post("/lti/launch", data={"id_token": token, "state": auth["state"]})
    assert response.status_code == 400 and "new window" in response.get_data(as_text=True)


def test_expired_login_state_refused(client, platform, platform_server, make_learner, db):
    from datetime import timedelta

    make_learner(moodle_user_id=42)
    auth = start_login(client, platform_server)
    state = db.session.scalar(db.select(LtiLoginState))
    state.created_at -= timedelta(minutes=11)
    db.session.commit()
    token = platform_server.sign(platform_server.claims(auth["nonce"]))
    assert client.post("/lti/launch", data={"id_token": token, "state": auth["state"]}).status_code == 400


@pytest.mark.app_config(LTI_JWKS_REFETCH_COOLDOWN=0)
def test_platform_keys_are_cached_and_refetched_once_for_a_new_kid(launch, make_learner, platform_server):
    make_learner(moodle_user_id=42)
    assert launch().status_code == 303
    assert launch().status_code == 303
    assert platform_server.jwks_requests == 1
    platform_server.rotate()
    assert launch().status_code == 303
    assert platform_server.jwks_requests == 2


def test_archived_person_is_refused(launch, make_learner, db):
    from bridge.core.db import utcnow

    make_learner(moodle_user_id=42, archived_at=utcnow())
    response = launch()
    assert response.status_code == 403 and "no longer active" in response.get_data(as_text=True)


def test_single_sign_on_account_cannot_log_in_with_a_password(launch, platform, db, app):
    from bridge.modules.accounts.operations import authenticate

    platform.jit_enabled = True
    db.session.commit()
    launch(sub="5002")
    assert authenticate("lea@example.org", "!lti-sso-only") is None
    other_browser = app.test_client()
    response = other_browser.post("/login", data={"email": "lea@example.org", "password": "!lti-sso-only"})
    assert response.status_code == 400


def test_pages_are_in_german(client, launch):
    client.post("/language", data={"locale": "de"})
    assert "Wir kennen Sie noch nicht" in launch(sub="5003").get_data(as_text=True)
    assert "wiederholter Aufruf" in launch(nonce="made-up").get_data(as_text=True)
