"""The coordinators' review of applications: comment, ask for more, accept, reject, and purge."""
from datetime import timedelta

from flask import current_app

from bridge.core import audit
from bridge.core.db import db, utcnow
from bridge.core.effects import after_commit
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.core.roles import Role
from bridge.modules.accounts.operations import invite
from bridge.modules.externals import util
from bridge.modules.externals.operations.applications import mail_applicant
from bridge.modules.externals.models import ApplicationComment, ApplicationState, ExternalApplication
from bridge.modules.pairing.operations.profiles import save_mentor_profile
from bridge.modules.people.operations import create_person, find_by_email

MAX_TEXT = 2000


def _text(value: str, field: str) -> str:
    text = util.reject_html(value, field)
    if not text:
        raise ValidationFailed(N_("Please fill in this field."), field=field)
    if len(text) > MAX_TEXT:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field=field, n=MAX_TEXT)
    return text


def _require_open(application: ExternalApplication) -> None:
    if not application.is_open:
        raise Conflict(N_("This application has already been decided."))


def add_comment(actor, application: ExternalApplication, body: str) -> ApplicationComment:
    """Add an internal note to an application."""
    comment = ApplicationComment(author_id=actor.id, kind="comment", body=_text(body, "body"))
    application.comments.append(comment)
    db.session.flush()
    audit.record(actor, "externals.commented", application, application.full_name)
    return comment


def request_info(actor, application: ExternalApplication, body: str) -> ApplicationComment:
    """Ask the applicant for more information by mail."""
    _require_open(application)
    comment = ApplicationComment(author_id=actor.id, kind="info_request", body=_text(body, "body"))
    application.comments.append(comment)
    application.state = ApplicationState.INFO_REQUESTED.value
    db.session.flush()
    after_commit(mail_info_request, comment.id)
    audit.record(actor, "externals.info_requested", application, application.full_name)
    return comment


def mail_info_request(comment_id: int) -> None:
    """Mail the applicant a coordinator's request for more information (runs after the commit)."""
    comment = db.session.get(ApplicationComment, comment_id)
    if comment is not None:
        mail_applicant(comment.application_id, N_("Your application: we need more information"),
                       "mail/external_info.txt", message=comment.body, coordinator=comment.author)


def accept(actor, application: ExternalApplication):
    """Create the mentor (roles mentor and external) with their profile, and send the invitation."""
    _require_open(application)
    if find_by_email(application.email) is not None:
        raise Conflict(N_("A person with this email address already exists."))
    person = create_person(actor, {"first_name": application.first_name, "last_name": application.last_name,
                                   "email": application.email, "department": application.organisation[:120],
                                   "languages": list(application.languages),
                                   "roles": [Role.MENTOR.value, Role.EXTERNAL.value]})
    person.consent_at = application.consent_at
    person.preferred_locale = application.locale
    save_mentor_profile(person, dict(application.profile), actor=actor)
    application.state = ApplicationState.ACCEPTED.value
    application.person_id = person.id
    application.decided_at, application.decided_by_id = utcnow(), actor.id
    invite(actor, person)
    audit.record(actor, "externals.accepted", application, application.full_name, person_id=person.id)
    return person


def reject(actor, application: ExternalApplication, reason: str) -> None:
    """Reject an application with a reason, told to the applicant by mail."""
    _require_open(application)
    application.reject_reason = _text(reason, "reason")
    application.state = ApplicationState.REJECTED.value
    application.decided_at, application.decided_by_id = utcnow(), actor.id
    after_commit(mail_applicant, application.id, N_("Your application as an external mentor"),
                 "mail/external_rejected.txt")
    audit.record(actor, "externals.rejected", application, application.full_name)


def anonymise(application: ExternalApplication) -> None:
    """Remove the personal data of a rejected application and delete its CV."""
    if application.cv_storage_name:
        after_commit(util.delete_cv, application.cv_storage_name)
    application.first_name, application.last_name = "", ""
    application.email = f"anonymised-{application.id}@invalid"
    application.organisation, application.reject_reason = "", ""
    application.languages, application.profile, application.answers = [], {}, []
    application.cv_storage_name = application.cv_size = application.cv_sha256 = None
    application.comments = []
    application.state = ApplicationState.ANONYMISED.value
    application.anonymised_at = utcnow()


def retention_days() -> int:
    """Return how many days rejected applications are kept."""
    return int(current_app.config["APPLICATION_RETENTION_DAYS"])


def purge(days: int | None = None) -> int:
    """Anonymise rejected applications decided more than `days` ago; return how many."""
    cutoff = utcnow() - timedelta(days=retention_days() if days is None else days)
    stmt = db.select(ExternalApplication).where(ExternalApplication.state == ApplicationState.REJECTED.value,
                                                ExternalApplication.decided_at < cutoff)
    applications = list(db.session.scalars(stmt))
    for application in applications:
        anonymise(application)
    if applications:
        audit.record(None, "externals.purged", None, f"{len(applications)} applications anonymised",
                     count=len(applications), days=days)
    db.session.flush()
    return len(applications)
