"""Deep linking: remember the request in a signed token, answer with a signed LtiDeepLinkingResponse."""
import secrets
from datetime import timedelta

import jwt
from itsdangerous import BadSignature, URLSafeTimedSerializer
from flask import current_app

from bridge.core.db import db, utcnow
from bridge.core.errors import N_, PermissionDenied, ValidationFailed
from bridge.modules.lti.models import LtiPlatform
from bridge.modules.lti.operations.keys import current_key, private_pem
from bridge.modules.lti.util import CLAIM, DEEP_LINKING_RESPONSE, DL_CLAIM, LTI_VERSION, PLACING_ROLES, TARGETS, \
    tool_urls

CONTEXT_MAX_AGE = 3600
PRESENTATIONS = ("window", "iframe")


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="qser-lti-deep-link")


def may_place(claims: dict) -> bool:
    """Return whether the launch's roles allow placing activities (teachers, designers, administrators)."""
    return any(role.endswith(PLACING_ROLES) for role in claims.get(CLAIM + "roles") or [])


def deep_link_context(platform: LtiPlatform, claims: dict) -> str:
    """Return a signed token holding what the response needs (platform, deployment, return URL, data)."""
    if not may_place(claims):
        raise PermissionDenied(N_("Only teachers can add companion activities to a course."))
    settings = claims.get(DL_CLAIM + "deep_linking_settings") or {}
    if not settings.get("deep_link_return_url"):
        raise ValidationFailed(N_("The deep linking request lacks its return address."))
    return _serializer().dumps({"platform_id": platform.id, "deployment_id": claims[CLAIM + "deployment_id"],
                                "return_url": settings["deep_link_return_url"], "data": settings.get("data")})


def read_context(token: str) -> tuple[LtiPlatform, dict]:
    """Return the platform and the deep linking context from a signed token."""
    try:
        context = _serializer().loads(token or "", max_age=CONTEXT_MAX_AGE)
    except BadSignature as exc:
        raise ValidationFailed(N_("The activity selection has expired. Please start again from Moodle.")) from exc
    platform = db.session.get(LtiPlatform, context["platform_id"])
    if platform is None:
        raise ValidationFailed(N_("This learning platform is no longer registered."))
    return platform, context


def content_item(target: str, presentation: str) -> dict:
    """Return the LTI resource link for a placement (opened in a new window or embedded)."""
    _endpoint, title, text = TARGETS[target]
    item = {"type": "ltiResourceLink", "title": str(title), "text": str(text), "url": tool_urls()["tool_url"],
            "custom": {"target": target}}
    item[presentation] = {"targetName": "qser_bridge"} if presentation == "window" else {"height": 800}
    return item


def build_response(token: str, targets: list[str], presentation: str) -> tuple[str, str]:
    """Return the platform's return URL and the signed deep linking response JWT."""
    platform, context = read_context(token)
    if not targets or set(targets) - set(TARGETS) or presentation not in PRESENTATIONS:
        raise ValidationFailed(N_("Choose at least one activity."), field="targets")
    key = current_key()
    now = utcnow()
    claims = {"iss": platform.client_id, "aud": [platform.issuer], "iat": now, "exp": now + timedelta(minutes=5),
              "nonce": secrets.token_urlsafe(16), CLAIM + "message_type": DEEP_LINKING_RESPONSE,
              CLAIM + "version": LTI_VERSION, CLAIM + "deployment_id": context["deployment_id"],
              DL_CLAIM + "content_items": [content_item(t, presentation) for t in targets]}
    if context.get("data"):
        claims[DL_CLAIM + "data"] = context["data"]
    encoded = jwt.encode(claims, private_pem(key), algorithm="RS256", headers={"kid": key.kid})
    return context["return_url"], encoded
