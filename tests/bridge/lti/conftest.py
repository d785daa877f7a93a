"""Fixtures for LTI tests: a running test platform registered with the tool, and a launch helper."""
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.bridge.lti.platform import FakePlatform


@pytest.fixture
def platform_server(app):
    """Start a test platform on loopback (the tool is at BASE_URL)."""
    server = FakePlatform().start()
    server.tool_url = app.config["BASE_URL"]
    yield server
    server.stop()


@pytest.fixture
def platform(db, platform_server):
    """Return the registered LtiPlatform of the running test platform."""
    from bridge.modules.lti.operations.platforms import create_platform

    registered = create_platform(None, platform_server.registration())
    db.session.commit()
    return registered


def start_login(client, server, **params) -> dict:
    """Initiate the OIDC login as the platform would; return the authentication request's parameters."""
    data = {"iss": server.url, "login_hint": "42", "target_link_uri": f"{server.tool_url}/lti/launch",
            "client_id": server.client_id, "lti_deployment_id": server.deployment_id} | params
    response = client.post("/lti/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return {k: v[0] for k, v in parse_qs(urlsplit(response.location).query).items()}


@pytest.fixture
def launch(client, platform, platform_server):
    """Return a function that logs in and posts a launch; claims are changed with keyword arguments."""

    def run(sign=None, **claims):
        auth = start_login(client, platform_server)
        nonce = claims.pop("nonce", auth["nonce"])
        token = (sign or platform_server.sign)(platform_server.claims(nonce, **claims))
        return client.post("/lti/launch", data={"id_token": token, "state": auth["state"]})

    return run


@pytest.fixture
def make_learner(db, make_person):
    """Return a factory of people with fields the people form does not set (Moodle user id, idnumber...)."""

    def factory(roles=(), **attrs):
        person = make_person(roles=roles, **{k: attrs.pop(k) for k in ("email",) if k in attrs})
        for key, value in attrs.items():
            setattr(person, key, value)
        db.session.commit()
        return person

    return factory
