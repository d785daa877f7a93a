"""Names and Role Provisioning (NRPS): read a course roster from the platform and compare it with the companion."""
import secrets
from dataclasses import dataclass
from datetime import timedelta

import jwt
import requests

from bridge.core.db import db, utcnow
from bridge.core.errors import N_, DomainError, NotFound, PermissionDenied
from bridge.modules.lti.models import LtiLaunch, LtiPlatform
from bridge.modules.lti.operations.identity import match_person
from bridge.modules.lti.operations.keys import current_key, private_pem
from bridge.modules.lti.util import CLAIM
from bridge.modules.people.models import Person

SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
TIMEOUT = 10
MAX_PAGES = 50


class RosterUnavailable(DomainError):
    """The platform did not give the roster."""

    status = 502


@dataclass
class RosterRow:
    """One course member and the companion person it matches (if any)."""

    name: str
    email: str
    roles: list
    person: Person | None
    status: str  # "linked", "archived", "missing"


def courses_seen(platform: LtiPlatform) -> list[LtiLaunch]:
    """Return the latest launch of each course of the platform that offered a roster service."""
    launches = db.session.scalars(db.select(LtiLaunch).where(
        LtiLaunch.platform_id == platform.id, LtiLaunch.nrps_url != "").order_by(LtiLaunch.id.desc())).all()
    latest = {}
    for launch in launches:
        latest.setdefault(launch.context_id, launch)
    return list(latest.values())


def _access_token(platform: LtiPlatform) -> str:
    """Get an OAuth 2 access token with a client assertion signed by the tool's key."""
    key = current_key()
    now = utcnow()
    assertion = jwt.encode({"iss": platform.client_id, "sub": platform.client_id, "aud": platform.auth_token_url,
                            "iat": now, "exp": now + timedelta(minutes=5), "jti": secrets.token_urlsafe(16)},
                           private_pem(key), algorithm="RS256", headers={"kid": key.kid})
    response = requests.post(platform.auth_token_url, timeout=TIMEOUT, data={
        "grant_type": "client_credentials", "scope": SCOPE, "client_assertion": assertion,
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"})
    response.raise_for_status()
    return response.json()["access_token"]


def fetch_members(platform: LtiPlatform, url: str) -> list[dict]:
    """Return every member of the course roster at url (following rel="next" pages)."""
    if not platform.auth_token_url:
        raise RosterUnavailable(N_("Enter the platform's access token URL to read course rosters."))
    try:
        headers = {"Authorization": f"Bearer {_access_token(platform)}", "Accept": MEDIA_TYPE}
        members = []
        for _page in range(MAX_PAGES):
            response = requests.get(url, headers=headers, timeout=TIMEOUT)
            response.raise_for_status()
            members += response.json().get("members", [])
            url = response.links.get("next", {}).get("url")
            if not url:
                return members
    except (requests.RequestException, ValueError, KeyError) as exc:
        raise RosterUnavailable(N_("The platform did not give the course roster (%(error)s)."),
                                error=type(exc).__name__) from exc
    return members


def _as_claims(member: dict, product: str) -> dict:
    """Return a member in the shape of launch claims, for match_person."""
    return {"sub": str(member.get("user_id") or ""), CLAIM + "tool_platform": {"product_family_code": product},
            CLAIM + "lis": {"person_sourcedid": member.get("lis_person_sourcedid")}, "email": member.get("email")}


def compare_roster(platform: LtiPlatform, launch_id: int) -> tuple[LtiLaunch, list[RosterRow]]:
    """Read the roster of the course of a logged launch and match each member to a companion person."""
    launch = db.session.get(LtiLaunch, launch_id)
    if launch is None or launch.platform_id != platform.id or not launch.nrps_url:
        raise NotFound(N_("No roster service is known for this course."))
    rows = []
    for member in fetch_members(platform, launch.nrps_url):
        try:
            person, status = match_person(platform, _as_claims(member, launch.product)), "linked"
        except PermissionDenied:
            person, status = None, "archived"
        roles = [role.rsplit("#", 1)[-1] for role in member.get("roles", [])]
        rows.append(RosterRow(str(member.get("name") or member.get("user_id")), str(member.get("email") or ""),
                              roles, person, status if person or status == "archived" else "missing"))
    return launch, rows
