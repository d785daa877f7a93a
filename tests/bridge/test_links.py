"""Mailed links: QSER_BASE_URL when set, else the loopback host and port actually served; `qser run`'s banner."""
import pytest
from flask import Flask

from bridge.cli import banner
from bridge.core.urls import base_url, external_url


@pytest.mark.app_config(BASE_URL_EXPLICIT=False, BASE_URL="http://127.0.0.1:5000")
def test_development_links_follow_the_served_port(app):
    with app.test_request_context("/", base_url="http://127.0.0.1:8123"):
        assert external_url("/pairs/4/") == "http://127.0.0.1:8123/pairs/4/"
    with app.test_request_context("/", base_url="http://localhost:9000"):
        assert base_url() == "http://localhost:9000"
    with app.app_context():  # outside a request (a worker, the CLI): the address `qser run` serves
        assert external_url("invite/x") == "http://127.0.0.1:5000/invite/x"


@pytest.mark.app_config(BASE_URL_EXPLICIT=False, BASE_URL="http://127.0.0.1:5000")
def test_a_forged_host_header_never_makes_the_links(app):
    with app.test_request_context("/", base_url="http://evil.example:80"):
        assert external_url("/reset/token") == "http://127.0.0.1:5000/reset/token"


@pytest.mark.app_config(BASE_URL="https://mentoring.example.org/", BASE_URL_EXPLICIT=True)
def test_the_configured_base_url_wins(app):
    with app.test_request_context("/", base_url="http://127.0.0.1:8123"):
        assert external_url("/x") == "https://mentoring.example.org/x"


def test_invitation_mail_links_to_the_served_port(app, client, make_person, outbox):
    app.config.update(BASE_URL_EXPLICIT=False)
    served = "http://127.0.0.1:8765"
    coordinator = make_person(roles=["coordinator"])
    with client.session_transaction(base_url=served) as session:
        session["_user_id"] = coordinator.account.get_id()
        session["_fresh"] = True
    person = make_person(roles=["mentee"], password=None)
    assert client.post(f"/people/{person.id}/invite", base_url=served).status_code == 302
    texts = [mail.get_content() for mail in outbox()]
    assert any("http://127.0.0.1:8765/invite/" in text for text in texts), texts


def test_run_banner_ends_with_the_address_and_the_demo_logins(app, db):
    from bridge.demo import organisation as demo

    demo.load()
    db.session.commit()
    text = banner(app, "http://127.0.0.1:5077")
    lines = text.strip().splitlines()
    assert "running at http://127.0.0.1:5077/" in text and demo.DEMO_PASSWORD in text
    assert "coordinator" in text and "Ctrl+C" in lines[-2]


def test_run_banner_prints_the_department_head_too(app, db):
    from bridge.demo import cycles, organisation

    organisation.load()
    cycles.load(organisation.DEMO_PASSWORD)
    text = banner(app, "http://127.0.0.1:5077")
    assert f"management   {cycles.HEAD_EMAIL}" in text


def test_run_banner_without_a_database(tmp_path):
    app = Flask("empty")
    app.config.update(BASE_URL="http://127.0.0.1:1", BASE_URL_EXPLICIT=False)
    assert "No demo logins" in banner(app, "http://127.0.0.1:1")
