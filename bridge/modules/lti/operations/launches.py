"""A whole launch: validate, find who launched, decide where to go, and log it."""
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from bridge.core.db import db
from bridge.core.errors import DomainError
from bridge.modules.lti.models import LtiLaunch, LtiPlatform
from bridge.modules.lti.operations.deep_linking import deep_link_context
from bridge.modules.lti.operations.identity import account_for, create_from_launch, match_person
from bridge.modules.lti.operations.launch import LaunchRejected, validate_launch
from bridge.modules.lti.util import CLAIM, DEEP_LINKING, NRPS_CLAIM, TARGETS
from bridge.modules.people.models import Person


@dataclass
class LaunchOutcome:
    """What the view does next: sign in and go to the target, show the unknown-user page, or pick activities."""

    kind: str  # "signed_in", "unknown", "deep_link"
    platform: LtiPlatform
    target: str = ""
    person: Person | None = None
    account: object = None
    deep_link_token: str = ""
    claims: dict | None = None


def target_of(claims: dict) -> str:
    """Return the placement key (custom parameter `target`, or `?target=` in the link), '' if none."""
    custom = (claims.get(CLAIM + "custom") or {}).get("target")
    query = parse_qs(urlsplit(claims.get(CLAIM + "target_link_uri") or "").query).get("target", [""])[0]
    target = custom or query
    return target if target in TARGETS else ""


def _course_fields(claims: dict) -> dict:
    """Return the course, roster service and platform product of a launch, for the log."""
    context = claims.get(CLAIM + "context") or {}
    nrps = claims.get(NRPS_CLAIM) or {}
    product = (claims.get(CLAIM + "tool_platform") or {}).get("product_family_code")
    return {"context_id": str(context.get("id") or "")[:255], "context_title": str(context.get("title") or "")[:255],
            "nrps_url": str(nrps.get("context_memberships_url") or "")[:500], "product": str(product or "")[:40]}


def record_launch(platform_id, person, claims: dict, target: str, result: str, detail: str = "") -> LtiLaunch:
    """Add one entry to the launch log."""
    launch = LtiLaunch(platform_id=platform_id, person_id=getattr(person, "id", None),
                       subject=str(claims.get("sub") or "")[:255], target=target, result=result,
                       message_type=str(claims.get(CLAIM + "message_type") or "")[:40], detail=detail[:500],
                       **_course_fields(claims))
    db.session.add(launch)
    return launch


def record_rejection(exc: LaunchRejected) -> LtiLaunch:
    """Log a refused launch (after the caller rolled back the launch's own changes)."""
    detail = exc.msgid % exc.params if exc.params else exc.msgid
    return record_launch(exc.platform_id, None, {"sub": exc.subject}, "", "rejected", detail)


def complete_launch(id_token: str, state: str, cookie_state: str | None) -> LaunchOutcome:
    """Validate a launch and decide its outcome (refusals raise LaunchRejected, logged by the caller)."""
    platform, claims = validate_launch(id_token, state, cookie_state)
    try:
        return _outcome(platform, claims)
    except DomainError as exc:
        raise LaunchRejected.wrap(exc, platform, str(claims.get("sub") or "")) from exc


def _outcome(platform: LtiPlatform, claims: dict) -> LaunchOutcome:
    """Return the outcome of a valid launch and log it."""
    target = target_of(claims)
    if claims.get(CLAIM + "message_type") == DEEP_LINKING:
        token = deep_link_context(platform, claims)
        record_launch(platform.id, None, claims, "deep_link", "deep_link")
        return LaunchOutcome("deep_link", platform, "deep_link", deep_link_token=token, claims=claims)
    person = match_person(platform, claims)
    if person is None and platform.jit_enabled:
        person = create_from_launch(platform, claims)
    if person is None:
        record_launch(platform.id, None, claims, target, "unknown_user")
        return LaunchOutcome("unknown", platform, target, claims=claims)
    record_launch(platform.id, person, claims, target, "signed_in")
    return LaunchOutcome("signed_in", platform, target, person, account_for(person), claims=claims)
