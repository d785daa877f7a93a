"""Operations on accounts: passwords, one-time links, login."""
import hashlib
import secrets
from datetime import timedelta

from flask import current_app

from bridge.core import audit, passwords
from bridge.core.db import db, utcnow
from bridge.core.effects import after_commit
from bridge.core.errors import N_, DomainError, ValidationFailed
from bridge.core.mail import send_mail
from bridge.core.urls import external_url
from bridge.modules.accounts.models import Account, OneTimeToken, TokenPurpose
from bridge.modules.people.models import Person
from bridge.modules.people.operations import find_by_email

class LinkInvalid(DomainError):
    """A one-time link is unknown, used or expired."""

    status = 410


def hash_password(password: str) -> str:
    """Return an argon2 hash of the password."""
    return passwords.hasher().hash(password)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(person: Person, purpose: TokenPurpose) -> str:
    """Create a one-time link token for the person and return the raw token."""
    cfg = current_app.config
    valid = (timedelta(days=cfg["INVITE_VALID_DAYS"]) if purpose is TokenPurpose.INVITE
             else timedelta(hours=cfg["RESET_VALID_HOURS"]))
    raw = secrets.token_urlsafe(32)
    db.session.add(OneTimeToken(person_id=person.id, purpose=purpose.value, token_hash=_digest(raw),
                                expires_at=utcnow() + valid))
    return raw


def find_token(raw: str, purpose: TokenPurpose) -> OneTimeToken:
    """Return the valid token for a raw value, or raise LinkInvalid."""
    token = db.session.scalar(db.select(OneTimeToken).where(
        OneTimeToken.token_hash == _digest(raw or ""), OneTimeToken.purpose == purpose.value))
    if token is None:
        raise LinkInvalid(N_("This link is not valid. Please ask for a new one."))
    if token.used_at is not None:
        raise LinkInvalid(N_("This link has already been used. Please ask for a new one."))
    if token.expires_at < utcnow():
        raise LinkInvalid(N_("This link has expired. Please ask for a new one."))
    if not token.person.is_active:
        raise LinkInvalid(N_("This account is no longer active."))
    return token


def end_sessions(account: Account) -> None:
    """Log the account out everywhere: every session and remember cookie carries the old version."""
    account.session_version = (account.session_version or 0) + 1


def set_password(person: Person, password: str) -> Account:
    """Set a person's password, creating the account if needed; end other sessions."""
    passwords.check_password(password, (person.email, person.first_name, person.last_name))
    account = person.account or Account(person=person)
    account.password_hash = hash_password(password)
    end_sessions(account)
    db.session.add(account)
    return account


def redeem_token(raw: str, purpose: TokenPurpose, password: str) -> Account:
    """Use a one-time link to set a password; the link cannot be used again."""
    token = find_token(raw, purpose)
    account = set_password(token.person, password)
    token.used_at = utcnow()
    audit.record(token.person, f"account.{purpose.value}_redeemed", token.person, token.person.full_name)
    return account


def authenticate(email: str, password: str) -> Account | None:
    """Return the account if the email and password match an active account."""
    person = find_by_email(email)
    account = person.account if person else None
    stored = account.password_hash if account else None
    # one argon2 verification whether or not the address exists, so timing tells nothing
    if not passwords.verify(stored, password) or not account.is_active:
        return None
    if passwords.hasher().check_needs_rehash(stored):
        account.password_hash = hash_password(password)
    account.last_login_at = utcnow()
    return account


def authenticate_quietly(email: str, password: str) -> bool:
    """Return whether the password is right, without recording a login."""
    person = find_by_email(email)
    return passwords.verify(person.account.password_hash if person and person.account else None, password)


LINK_PATHS = {TokenPurpose.INVITE: "/invite/", TokenPurpose.RESET: "/reset/"}


def link_for(purpose: TokenPurpose, raw: str) -> str:
    """Return the absolute one-time link (works outside requests, e.g. from the CLI)."""
    return external_url(LINK_PATHS[purpose] + raw)


def invite(actor, person: Person) -> str:
    """Send the person a link to set their password; return the raw token."""
    if not person.is_active:
        raise ValidationFailed(N_("Archived people cannot be invited."))
    raw = issue_token(person, TokenPurpose.INVITE)
    after_commit(mail_invitation, person.id, link_for(TokenPurpose.INVITE, raw), getattr(actor, "id", None))
    audit.record(actor, "account.invited", person, person.full_name)
    return raw


def mail_invitation(person_id: int, link: str, inviter_id: int | None) -> None:
    """Mail the invitation link (runs after the commit)."""
    person = db.session.get(Person, person_id)
    inviter = db.session.get(Person, inviter_id) if inviter_id else None
    send_mail(person, N_("Your invitation to Q-SER Bridge"), "mail/invite.txt", person=person, link=link,
              days=current_app.config["INVITE_VALID_DAYS"], inviter=inviter)


def request_reset(email: str) -> str | None:
    """Mail a password-reset link if an active account has this email; return the raw token."""
    person = find_by_email(email)
    if person is None or not person.is_active or person.account is None:
        return None
    raw = issue_token(person, TokenPurpose.RESET)
    after_commit(mail_reset_link, person.id, link_for(TokenPurpose.RESET, raw))
    audit.record(person, "account.reset_requested", person, person.full_name)
    return raw


def mail_reset_link(person_id: int, link: str) -> None:
    """Mail the password-reset link (runs after the commit)."""
    person = db.session.get(Person, person_id)
    send_mail(person, N_("Reset your Q-SER Bridge password"), "mail/reset.txt", person=person, link=link,
              hours=current_app.config["RESET_VALID_HOURS"])
