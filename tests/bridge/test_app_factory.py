import pytest

from bridge import create_app
from bridge.config import ConfigError, from_environ


def test_create_app_refuses_production_without_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("QSER_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="QSER_SECRET_KEY"):
        create_app({"ENV_NAME": "production", "INSTANCE_PATH": str(tmp_path)})


def test_create_app_refuses_production_without_base_url(tmp_path, monkeypatch):
    monkeypatch.delenv("QSER_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="QSER_BASE_URL"):
        create_app({"ENV_NAME": "production", "SECRET_KEY": "x" * 32, "INSTANCE_PATH": str(tmp_path)})


def test_create_app_production_sets_secure_cookies(tmp_path):
    app = create_app({"ENV_NAME": "production", "SECRET_KEY": "x" * 32, "INSTANCE_PATH": str(tmp_path),
                      "BASE_URL": "https://mentoring.example.org"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_create_app_development_keeps_generated_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("QSER_SECRET_KEY", raising=False)
    first = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_from_environ_reads_qser_variables():
    env = {"QSER_DATABASE_URL": "sqlite:///x.db", "QSER_MAIL_PORT": "2525", "QSER_MAIL_USE_TLS": "yes",
           "QSER_MOODLE_URL": "https://moodle.example.org", "OTHER": "ignored"}
    config = from_environ(env)
    assert config == {"SQLALCHEMY_DATABASE_URI": "sqlite:///x.db", "MAIL_PORT": 2525, "MAIL_USE_TLS": True,
                      "MOODLE_URL": "https://moodle.example.org"}


def test_healthz_answers(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.json == {"status": "ok"}


def test_unknown_page_gives_friendly_404(client):
    resp = client.get("/no-such-page")
    assert resp.status_code == 404
    assert b"This page does not exist" in resp.data


def test_unexpected_error_gives_500_page(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    resp = client.get("/boom")
    assert resp.status_code == 500
    assert b"Something went wrong on our side" in resp.data


def test_create_app_refuses_an_unknown_training_gate(tmp_path):
    """QSER_TRAINING_GATE must be scorm, quiz or scorm_or_quiz; the default is scorm_or_quiz."""
    assert create_app({"INSTANCE_PATH": str(tmp_path / "a")}).config["TRAINING_GATE"] == \
        "scorm_or_quiz"
    with pytest.raises(ConfigError, match="QSER_TRAINING_GATE must be one of scorm, quiz, "
                                          "scorm_or_quiz"):
        create_app({"INSTANCE_PATH": str(tmp_path / "b"), "TRAINING_GATE": "moodle"})
