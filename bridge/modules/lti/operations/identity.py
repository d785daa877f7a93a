"""Who launched: match the platform user to a companion person; optional just-in-time creation."""
from bridge.core import audit
from bridge.core.db import db, utcnow
from bridge.core.errors import N_, PermissionDenied
from bridge.modules.accounts.models import Account
from bridge.modules.lti.models import LtiPlatform
from bridge.modules.lti.util import CLAIM, SSO_ONLY_PASSWORD
from bridge.modules.people.models import Person, new_idnumber
from bridge.modules.people.operations import create_person, find_by_email


def moodle_user_id(claims: dict) -> int | None:
    """Return the Moodle user id of the launch (Moodle's `sub` is its user id), if it is a Moodle launch."""
    family = (claims.get(CLAIM + "tool_platform") or {}).get("product_family_code")
    sub = str(claims.get("sub") or "")
    return int(sub) if family == "moodle" and sub.isdigit() else None


def idnumber(claims: dict) -> str:
    """Return the person's idnumber from lis.person_sourcedid or the custom claims."""
    custom = claims.get(CLAIM + "custom") or {}
    lis = claims.get(CLAIM + "lis") or {}
    return str(lis.get("person_sourcedid") or custom.get("idnumber") or "").strip()


def verified_email(platform: LtiPlatform, claims: dict) -> str:
    """Return the e-mail if the token or the platform's registration vouches for it, else ''."""
    verified = claims.get("email_verified") is True or platform.emails_verified
    return str(claims.get("email") or "").strip().lower() if verified else ""


def match_person(platform: LtiPlatform, claims: dict) -> Person | None:
    """Return the person by Moodle user id, then idnumber, then verified e-mail (in that order)."""
    person = None
    if (uid := moodle_user_id(claims)) is not None:
        person = db.session.scalar(db.select(Person).where(Person.moodle_user_id == uid))
    if person is None and (number := idnumber(claims)):
        person = db.session.scalar(db.select(Person).where(Person.idnumber == number))
    if person is None and (email := verified_email(platform, claims)):
        person = find_by_email(email)
    if person is not None and not person.is_active:
        raise PermissionDenied(N_("Your companion account is no longer active. Please ask the coordinator."))
    return person


def create_from_launch(platform: LtiPlatform, claims: dict) -> Person | None:
    """Create a person without roles from the launch (just-in-time), if the data allow it."""
    email = str(claims.get("email") or "").strip().lower()  # the coordinator trusts this platform's data
    if not email or find_by_email(email) is not None:
        return None
    data = {"first_name": str(claims.get("given_name") or "")[:100] or email.split("@")[0],
            "last_name": str(claims.get("family_name") or "")[:100], "email": email, "languages": [], "roles": []}
    person = create_person(None, data)
    person.moodle_user_id = moodle_user_id(claims)
    person.idnumber = idnumber(claims) or new_idnumber()
    audit.record(person, "lti.person_created", person, f"{person.full_name} ({platform.name})")
    return person


def account_for(person: Person) -> Account:
    """Return the person's account for this sign-on; one without a password gets the unusable SSO marker."""
    account = person.account or Account(person=person)
    if account.password_hash is None:
        account.password_hash = SSO_ONLY_PASSWORD
    account.last_login_at = utcnow()
    db.session.add(account)
    db.session.flush()
    return account
