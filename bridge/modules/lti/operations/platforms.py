"""Registered platforms: create, update, remove and look up by issuer and client id."""
from urllib.parse import urlsplit

from bridge.core import audit
from bridge.core.db import db
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.modules.lti.models import LtiLaunch, LtiLoginState, LtiPlatform

FIELDS = ("name", "issuer", "client_id", "deployment_ids", "auth_login_url", "auth_token_url", "jwks_url",
          "jit_enabled", "emails_verified")
URL_FIELDS = ("issuer", "auth_login_url", "auth_token_url", "jwks_url")


def _check(data: dict, platform: LtiPlatform | None = None) -> None:
    for field in URL_FIELDS:
        value = data.get(field) or ""
        if (value or field != "auth_token_url") and urlsplit(value).scheme not in ("http", "https"):
            raise ValidationFailed(N_("Enter a web address starting with https://."), field=field)
    if not [d for d in data.get("deployment_ids") or [] if d.strip()]:
        raise ValidationFailed(N_("Enter at least one deployment id."), field="deployment_ids")
    other = find_platform(data["issuer"], data["client_id"])
    if other is not None and other is not platform:
        raise Conflict(N_("This issuer and client id are already registered."), field="client_id")


def _apply(platform: LtiPlatform, data: dict) -> None:
    for field in FIELDS:
        if field in data:
            setattr(platform, field, data[field])
    platform.deployment_ids = sorted({d.strip() for d in platform.deployment_ids if d.strip()})


def create_platform(actor, data: dict) -> LtiPlatform:
    """Register a platform from validated data."""
    _check(data)
    platform = LtiPlatform(deployment_ids=[])
    _apply(platform, data)
    db.session.add(platform)
    db.session.flush()
    audit.record(actor, "lti.platform_created", platform, platform.name)
    return platform


def update_platform(actor, platform: LtiPlatform, data: dict) -> LtiPlatform:
    """Change a platform's registration."""
    _check(data, platform)
    _apply(platform, data)
    audit.record(actor, "lti.platform_updated", platform, platform.name)
    return platform


def delete_platform(actor, platform: LtiPlatform) -> None:
    """Remove a platform; its launch log stays without the link."""
    db.session.execute(db.delete(LtiLoginState).where(LtiLoginState.platform_id == platform.id))
    db.session.execute(db.update(LtiLaunch).where(LtiLaunch.platform_id == platform.id).values(platform_id=None))
    audit.record(actor, "lti.platform_deleted", platform, platform.name)
    db.session.delete(platform)
    db.session.flush()


def find_platform(issuer: str, client_id: str | None = None) -> LtiPlatform | None:
    """Return the platform for an issuer (and client id, needed when the issuer has several)."""
    stmt = db.select(LtiPlatform).where(LtiPlatform.issuer == (issuer or ""))
    if client_id:
        return db.session.scalar(stmt.where(LtiPlatform.client_id == client_id))
    found = db.session.scalars(stmt.limit(2)).all()
    return found[0] if len(found) == 1 else None


def recent_launches(limit: int = 30) -> list[LtiLaunch]:
    """Return the latest launches, newest first."""
    return db.session.scalars(db.select(LtiLaunch).order_by(LtiLaunch.created_at.desc(), LtiLaunch.id.desc())
                              .limit(limit)).all()
