"""Withdrawal of consent by an external professional: the person is anonymised, aggregate figures stay.

Removed: names, email (replaced by an address that cannot receive mail), department, Moodle link, login,
the free texts of the mentor profile, the application (answers, comments, CV file) and the messages the person
wrote in tandem threads; the person leaves every tandem they advised (and its Moodle group), and the audit
log's summaries about them are blanked. Kept, without a name: competence levels, years of experience, capacity,
the tandems and their states, evaluation answers and sessions (the figures the reports count).
"""
from sqlalchemy import or_

from bridge.core import audit
from bridge.modules.accounts.models import OneTimeToken
from bridge.core.audit import AuditEvent
from bridge.core.auth import is_coordinator
from bridge.core.db import db, utcnow
from bridge.core.errors import N_, Conflict, PermissionDenied
from bridge.core.roles import Role
from bridge.modules.externals.models import ApplicationState, ExternalApplication
from bridge.modules.externals.operations.advisers import remove_person_from_tandems
from bridge.modules.externals.operations.review import anonymise
from bridge.modules.mentoring.models import Message
from bridge.modules.pairing.models import MenteeProfile, MentorProfile
from bridge.modules.people.models import Person, new_idnumber

ANONYMOUS_DOMAIN = "@invalid"


def is_anonymised(person: Person) -> bool:
    """Return whether the person has been anonymised."""
    return person.email.startswith("anonymised-") and person.email.endswith(ANONYMOUS_DOMAIN)


def withdraw_consent(actor, person: Person) -> None:
    """Anonymise an external professional who withdrew their consent (coordinators only)."""
    if not is_coordinator(actor):
        raise PermissionDenied(N_("Only coordinators can record a withdrawal of consent."))
    if not person.has_role(Role.EXTERNAL):
        raise Conflict(N_("Only external professionals are anonymised here."))
    if is_anonymised(person):
        raise Conflict(N_("This person has already been anonymised."))
    remove_person_from_tandems(person)
    applications = db.session.scalars(db.select(ExternalApplication).where(
        (ExternalApplication.person_id == person.id) | (ExternalApplication.email == person.email)))
    for application in applications:
        if application.state != ApplicationState.ANONYMISED.value:
            anonymise(application)
    for profile in db.session.scalars(db.select(MentorProfile).where(MentorProfile.person_id == person.id)):
        profile.work_areas = profile.know_how = profile.willingness_statement = ""
    for profile in db.session.scalars(db.select(MenteeProfile).where(MenteeProfile.person_id == person.id)):
        profile.goals = profile.preferred_traits = ""
    for message in db.session.scalars(db.select(Message).where(Message.author_id == person.id)):
        db.session.delete(message)
    _blank_audit(person)
    person.first_name, person.last_name = "", f"#{person.id}"
    person.email = f"anonymised-{person.id}{ANONYMOUS_DOMAIN}"
    person.department, person.moodle_user_id, person.preferred_locale = None, None, None
    person.idnumber = new_idnumber()
    person.consent_at = None
    person.archived_at = person.archived_at or utcnow()
    for token in db.session.scalars(db.select(OneTimeToken).where(OneTimeToken.person_id == person.id)):
        db.session.delete(token)  # an open invitation or reset link must not log anyone in
    if person.account is not None:
        person.account.password_hash = None
        person.account.session_version += 1  # ends every open session
    db.session.flush()
    audit.record(actor, "externals.consent_withdrawn", person, f"#{person.id}")


def _blank_audit(person: Person) -> None:
    """Blank the summaries (which may hold the name) of audit events about the person or naming them."""
    ids = [str(i) for i in db.session.scalars(db.select(ExternalApplication.id).where(
        ExternalApplication.person_id == person.id))]
    named = [AuditEvent.summary.contains(name, autoescape=True) for name in {person.full_name, person.email} if name]
    events = db.session.scalars(db.select(AuditEvent).where(
        ((AuditEvent.object_type == "Person") & (AuditEvent.object_id == str(person.id)))
        | ((AuditEvent.object_type == "ExternalApplication") & AuditEvent.object_id.in_(ids or ["-"]))
        | or_(*named)))
    for event in events:
        event.summary = ""
    about = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action.like("externals.%")))
    for event in about:  # e.g. "adviser added" on a tandem, naming the person in its summary
        if (event.details or {}).get("person_id") == person.id:
            event.summary = ""
