"""`qser lti add-platform`, `rotate-key` and `show-config`."""
from bridge.modules.lti.models import LtiPlatform, LtiToolKey

ARGS = ["lti", "add-platform", "--name", "City Moodle", "--issuer", "https://moodle.example/", "--client-id", "abc",
        "--deployment-id", "1", "--deployment-id", "2", "--login-url", "https://moodle.example/mod/lti/auth.php",
        "--jwks-url", "https://moodle.example/mod/lti/certs.php"]


def test_add_platform_and_show_values(app, db):
    result = app.test_cli_runner().invoke(args=ARGS)
    assert result.exit_code == 0, result.output
    assert "Initiate login URL: http://localhost/lti/login" in result.output
    platform = db.session.scalar(db.select(LtiPlatform))
    assert platform.issuer == "https://moodle.example" and platform.deployment_ids == ["1", "2"]


def test_add_platform_twice_fails_clearly(app):
    runner = app.test_cli_runner()
    runner.invoke(args=ARGS)
    result = runner.invoke(args=ARGS)
    assert result.exit_code == 2 and "already registered" in result.output


def test_rotate_key(app, db):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["lti", "rotate-key"]).exit_code == 0
    result = runner.invoke(args=["lti", "rotate-key"])
    assert result.exit_code == 0 and "New key" in result.output
    keys = db.session.scalars(db.select(LtiToolKey).order_by(LtiToolKey.id)).all()
    assert len(keys) == 2 and keys[0].retired_at is not None and keys[1].retired_at is None
