"""LTI 1.3 constants, placement targets, the tool's public URLs and the private-key cipher."""
import base64
import hashlib

from cryptography.fernet import Fernet
from flask import current_app
from flask_babel import lazy_gettext as _l

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
RESOURCE_LINK = "LtiResourceLinkRequest"
DEEP_LINKING = "LtiDeepLinkingRequest"
DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse"
LTI_VERSION = "1.3.0"
# Roles that may place activities with deep linking (they never grant companion roles).
PLACING_ROLES = ("membership#Instructor", "membership#ContentDeveloper", "institution/person#Administrator",
                 "system/person#Administrator")

# Placements a teacher can add: key → (endpoint, title, description).
TARGETS = {
    "tandem": ("mentoring.mine", _l("My tandem"), _l("The workspace of the learner's mentoring tandem.")),
    "evaluations": ("evaluation.index", _l("Evaluations due"), _l("The evaluations the learner still has to fill in.")),
    "mentordb": ("mentordb.index", _l("Mentor database"), _l("Find a mentor by competence and language.")),
}
DEFAULT_ENDPOINT = "home.index"
# Stored as the password hash of accounts that only sign in from Moodle: no password ever verifies
# against it (argon2 rejects it as an invalid hash), yet the account counts as active for Flask-Login.
SSO_ONLY_PASSWORD = "!lti-sso-only"


def tool_urls() -> dict:
    """Return the tool's configuration values for the platform (absolute, from BASE_URL)."""
    base = current_app.config["BASE_URL"].rstrip("/")
    return {
        "tool_url": f"{base}/lti/launch",
        "login_url": f"{base}/lti/login",
        "redirect_uris": [f"{base}/lti/launch"],
        "jwks_url": f"{base}/lti/jwks",
        "deep_linking_url": f"{base}/lti/launch",
    }


def _cipher() -> Fernet:
    """Return the cipher for private keys, derived from the app's secret key."""
    digest = hashlib.sha256(b"qser-lti-private-key:" + current_app.config["SECRET_KEY"].encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(data: bytes) -> str:
    """Encrypt bytes with the app's secret key."""
    return _cipher().encrypt(data).decode()


def decrypt(token: str) -> bytes:
    """Decrypt bytes encrypted with encrypt() (raises cryptography's InvalidToken)."""
    return _cipher().decrypt(token.encode())


RESULT_LABELS = {"signed_in": _l("signed in"), "unknown_user": _l("unknown user, nothing created"),
                 "rejected": _l("refused"), "deep_link": _l("teacher chose activities")}

ROSTER_LABELS = {"linked": _l("in the companion"), "archived": _l("archived in the companion"),
                 "missing": _l("not in the companion")}


def target_labels() -> dict:
    """Return the labels of placement keys for the launch log."""
    return {key: title for key, (_endpoint, title, _text) in TARGETS.items()} | {"deep_link": _l("Deep linking")}
