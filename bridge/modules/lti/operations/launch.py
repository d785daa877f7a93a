"""Launch validation: state and nonce used once, id_token signature, issuer, audience, expiry, deployment."""
import jwt
from flask import current_app

from bridge.core.db import db, utcnow
from bridge.core.errors import N_, DomainError
from bridge.modules.lti.models import LtiLoginState, LtiPlatform
from bridge.modules.lti.operations.jwks import signing_key
from bridge.modules.lti.operations.login import STATE_MAX_AGE
from bridge.modules.lti.util import CLAIM, DEEP_LINKING, LTI_VERSION, RESOURCE_LINK

MESSAGES = {
    jwt.ExpiredSignatureError: N_("The launch has expired. Please open the activity in Moodle again."),
    jwt.InvalidAudienceError: N_("The launch was meant for another tool."),
    jwt.InvalidIssuerError: N_("The launch comes from a platform that is not registered."),
    jwt.ImmatureSignatureError: N_("The launch is not valid yet. Please check the clocks of both servers."),
}
BAD_TOKEN = N_("The launch could not be verified (invalid signature or token).")


class LaunchRejected(DomainError):
    """A launch the tool refuses; carries what is known for the launch log."""

    status = 400

    def __init__(self, message: str, platform: LtiPlatform | None = None, subject: str = "", **params):
        super().__init__(message, **params)
        self.platform_id = platform.id if platform is not None else None
        self.subject = subject

    @classmethod
    def wrap(cls, exc: DomainError, platform: LtiPlatform, subject: str) -> "LaunchRejected":
        """Return a LaunchRejected carrying another domain error's message and status."""
        rejected = cls(exc.msgid, platform, subject, **exc.params)
        rejected.status = exc.status
        return rejected


def _login_state(state: str, cookie_state: str | None) -> LtiLoginState:
    """Return the unused login state for the request, bound to this browser."""
    login = db.session.scalar(db.select(LtiLoginState).where(LtiLoginState.state == (state or "")))
    if login is None:
        raise LaunchRejected(N_("The launch does not belong to a login started here. Please open the activity "
                                "in Moodle again."))
    if login.used_at is not None:
        raise LaunchRejected(N_("This launch has already been used."), login.platform)
    if login.created_at < utcnow() - STATE_MAX_AGE:
        raise LaunchRejected(MESSAGES[jwt.ExpiredSignatureError], login.platform)
    if cookie_state != login.state:
        raise LaunchRejected(N_("Your browser did not keep the login cookie (cookies inside Moodle's frame may be "
                                "blocked). Please open the activity in a new window."), login.platform)
    return login


def _decode(platform: LtiPlatform, id_token: str) -> dict:
    """Verify the id_token's signature, issuer, audience and lifetime; return its claims."""
    try:
        unverified = jwt.decode(id_token, options={"verify_signature": False})
        if unverified.get("iss") != platform.issuer:
            raise jwt.InvalidIssuerError()
        key = signing_key(platform.jwks_url, id_token)
        claims = jwt.decode(id_token, key, algorithms=["RS256"], audience=platform.client_id,
                            issuer=platform.issuer, leeway=current_app.config["LTI_CLOCK_SKEW_SECONDS"],
                            options={"require": ["exp", "iat", "iss", "aud", "nonce"]})
    except jwt.PyJWTError as exc:
        message = next((m for cls, m in MESSAGES.items() if isinstance(exc, cls)), BAD_TOKEN)
        raise LaunchRejected(message, platform) from exc
    aud = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(aud) > 1 and claims.get("azp") != platform.client_id:
        raise LaunchRejected(MESSAGES[jwt.InvalidAudienceError], platform)
    return claims


def _check_message(platform: LtiPlatform, login: LtiLoginState, claims: dict) -> None:
    """Check the nonce, the deployment, the LTI version and the message type."""
    subject = str(claims.get("sub") or "")
    if claims.get("nonce") != login.nonce:
        raise LaunchRejected(N_("The launch's nonce does not match its login (replayed launch)."), platform, subject)
    if claims.get(CLAIM + "deployment_id") not in platform.deployment_ids:
        raise LaunchRejected(N_("This deployment of the tool is not registered. Please ask the coordinator."),
                             platform, subject)
    if claims.get(CLAIM + "version") != LTI_VERSION:
        raise LaunchRejected(N_("Only LTI 1.3 launches are supported."), platform, subject)
    if claims.get(CLAIM + "message_type") not in (RESOURCE_LINK, DEEP_LINKING):
        raise LaunchRejected(N_("This kind of LTI message is not supported."), platform, subject)


def validate_launch(id_token: str, state: str, cookie_state: str | None) -> tuple[LtiPlatform, dict]:
    """Validate a launch (form_post of id_token and state); mark its state used; return platform and claims."""
    if not id_token:
        raise LaunchRejected(N_("The launch lacks its id_token."))
    login = _login_state(state, cookie_state)
    platform = login.platform
    claims = _decode(platform, id_token)
    _check_message(platform, login, claims)
    login.used_at = utcnow()
    return platform, claims
