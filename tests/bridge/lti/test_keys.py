"""The tool's key pair: generated once, stored encrypted, rotated with a grace period."""
from datetime import timedelta

from bridge.core.db import utcnow
from bridge.modules.lti.models import LtiToolKey
from bridge.modules.lti.operations.keys import private_pem, rotate_key


def test_jwks_publishes_one_key_generated_once(client, db):
    first = client.get("/lti/jwks").get_json()["keys"]
    second = client.get("/lti/jwks").get_json()["keys"]
    assert len(first) == 1 and first == second
    assert first[0]["alg"] == "RS256" and first[0]["use"] == "sig" and "d" not in first[0]


def test_private_key_is_stored_encrypted(client, db):
    client.get("/lti/jwks")
    key = db.session.scalar(db.select(LtiToolKey))
    assert "PRIVATE KEY" not in key.private_key_encrypted
    assert private_pem(key).startswith(b"-----BEGIN PRIVATE KEY-----")


def test_rotation_keeps_the_old_key_published_for_the_grace_period(client, db, app):
    old = client.get("/lti/jwks").get_json()["keys"][0]["kid"]
    new = rotate_key().kid
    db.session.commit()
    assert [k["kid"] for k in client.get("/lti/jwks").get_json()["keys"]] == [old, new]
    retired = db.session.scalar(db.select(LtiToolKey).where(LtiToolKey.kid == old))
    retired.retired_at = utcnow() - timedelta(days=app.config["LTI_KEY_GRACE_DAYS"] + 1)
    db.session.commit()
    assert [k["kid"] for k in client.get("/lti/jwks").get_json()["keys"]] == [new]
