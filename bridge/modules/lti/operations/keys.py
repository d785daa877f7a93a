"""The tool's RSA key pairs: generated once, rotated on demand, old keys published for a grace period."""
import secrets
from datetime import timedelta

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import current_app
from jwt.algorithms import RSAAlgorithm

from bridge.core import audit
from bridge.core.db import db, utcnow
from bridge.modules.lti.models import LtiToolKey
from bridge.modules.lti.util import decrypt, encrypt


def _new_key() -> LtiToolKey:
    """Generate a 2048-bit RSA key pair and add it to the session."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    kid = secrets.token_hex(8)
    jwk = RSAAlgorithm.to_jwk(private.public_key(), as_dict=True) | {"kid": kid, "alg": "RS256", "use": "sig"}
    key = LtiToolKey(kid=kid, private_key_encrypted=encrypt(pem), public_jwk=jwk)
    db.session.add(key)
    db.session.flush()
    return key


def current_key() -> LtiToolKey:
    """Return the active key pair, generating the first one if there is none."""
    key = db.session.scalar(db.select(LtiToolKey).where(LtiToolKey.retired_at.is_(None))
                            .order_by(LtiToolKey.created_at.desc(), LtiToolKey.id.desc()).limit(1))
    return key or _new_key()


def rotate_key(actor=None) -> LtiToolKey:
    """Retire the active key pair(s) and generate a new one; return the new key."""
    now = utcnow()
    for key in db.session.scalars(db.select(LtiToolKey).where(LtiToolKey.retired_at.is_(None))):
        key.retired_at = now
    key = _new_key()
    audit.record(actor, "lti.key_rotated", key, key.kid)
    return key


def published_keys() -> list[dict]:
    """Return the public JWKs to publish: the active key and keys retired within the grace period."""
    current_key()
    since = utcnow() - timedelta(days=current_app.config["LTI_KEY_GRACE_DAYS"])
    keys = db.session.scalars(db.select(LtiToolKey).where(
        (LtiToolKey.retired_at.is_(None)) | (LtiToolKey.retired_at > since)).order_by(LtiToolKey.id))
    return [key.public_jwk for key in keys]


def private_pem(key: LtiToolKey) -> bytes:
    """Return the key's private PEM (decrypted with the app's secret key)."""
    return decrypt(key.private_key_encrypted)
