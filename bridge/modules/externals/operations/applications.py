"""Operations on the public application: submit it, and edit the versioned application template."""
from sqlalchemy.exc import IntegrityError

from bridge.core import audit
from bridge.core.db import db, utcnow
from bridge.core.effects import after_commit
from bridge.core.errors import N_, NotFound, ValidationFailed
from bridge.core.languages import LANGUAGES
from bridge.core.mail import send_mail
from bridge.modules.externals import util
from bridge.modules.externals.models import (
    OPEN_STATES, ApplicationQuestion, ApplicationTemplate, ExternalApplication, QuestionKind,
)
from bridge.modules.pairing.operations import profiles
from bridge.modules.people.operations import normalise_email

PROFILE_FIELDS = tuple(f for f in profiles.MENTOR_FIELDS if f != "line_manager_id")
PERSON_FIELDS = (("first_name", 100), ("last_name", 100), ("organisation", 200))
MAX_ANSWER = 2000


def current_template() -> ApplicationTemplate | None:
    """Return the newest version of the application template, or None."""
    return db.session.scalar(db.select(ApplicationTemplate).order_by(ApplicationTemplate.version.desc()).limit(1))


def _check_person_fields(data: dict) -> dict:
    cleaned = {}
    for field, limit in PERSON_FIELDS:
        value = util.reject_html(data.get(field), field)
        if not value:
            raise ValidationFailed(N_("Please fill in this field."), field=field)
        if len(value) > limit:
            raise ValidationFailed(N_("Please keep this under %(n)s characters."), field=field, n=limit)
        cleaned[field] = value
    cleaned["email"] = normalise_email(data.get("email"))
    if "@" not in cleaned["email"] or len(cleaned["email"]) > 254:
        raise ValidationFailed(N_("Please enter a valid email address."), field="email")
    return cleaned


def _check_profile(data: dict) -> dict:
    """Validate the mentor-profile fields exactly as for internal mentors (HTML tags rejected)."""
    for field in profiles.TEXT_FIELDS:
        if field in data:
            util.reject_html(data[field], field)
    return profiles.clean_profile(None, data, PROFILE_FIELDS, high=4)


def _answer(question: ApplicationQuestion, raw) -> str:
    value = (raw or "").strip()
    if question.kind == QuestionKind.TEXT.value:
        value = util.reject_html(value, f"q_{question.id}")
        if len(value) > MAX_ANSWER:
            raise ValidationFailed(N_("Please keep this under %(n)s characters."), field=f"q_{question.id}",
                                   n=MAX_ANSWER)
    elif value and value not in (question.options if question.kind == "choice" else ("yes", "no")):
        raise ValidationFailed(N_("Please choose one of the options."), field=f"q_{question.id}")
    if question.required and not value:
        raise ValidationFailed(N_("Please answer this question."), field=f"q_{question.id}")
    return value


def _check_answers(template: ApplicationTemplate | None, answers: dict) -> list[dict]:
    if template is None:
        return []
    return [{"question": q.label, "kind": q.kind, "answer": _answer(q, answers.get(q.id))}
            for q in template.questions]


def _has_open_application(email: str) -> bool:
    stmt = db.select(ExternalApplication.id).where(ExternalApplication.email == email,
                                                   ExternalApplication.state.in_(OPEN_STATES))
    return db.session.scalar(stmt) is not None


def mail_already_open(email: str, locale: str) -> None:
    """Tell the address (not the visitor) that its application is already being reviewed."""
    send_mail(email, N_("Your application is already being reviewed"), "mail/external_already_open.txt",
              locale=locale)


def submit_application(data: dict, cv_file) -> ExternalApplication | None:
    """Validate and store an application with its CV, and confirm it to the applicant by mail.

    For an address with an open application nothing is stored and the address gets a mail instead; the
    visitor sees the same answer either way, so the form does not tell which addresses have applied.
    """
    cv = util.check_cv(cv_file)  # the CV first: the one field a visitor must choose again after an error
    if not data.get("consent"):
        raise ValidationFailed(N_("Please agree to the processing of your data, or we cannot consider "
                                  "your application."), field="consent")
    person = _check_person_fields(data)
    languages = profiles.check_choices(data.get("languages"), LANGUAGES, "languages")
    profile = _check_profile(data)
    template = current_template()
    answers = _check_answers(template, data.get("answers") or {})
    if _has_open_application(person["email"]):
        after_commit(mail_already_open, person["email"], data.get("locale") or "en")
        return None
    application = ExternalApplication(
        **person, languages=languages, profile=profile, answers=answers,
        template_version=template.version if template else None, locale=data.get("locale") or "en",
        consent_at=utcnow(), consent_text_version=util.CONSENT_TEXT_VERSION)
    try:
        with db.session.begin_nested():  # one open application per address, held by a partial unique index
            db.session.add(application)
    except IntegrityError:  # a parallel request stored the same address first: the same answer, no second CV
        after_commit(mail_already_open, person["email"], data.get("locale") or "en")
        return None
    _attach_cv(application, cv)
    audit.record(None, "externals.applied", application, application.full_name)
    after_commit(mail_applicant, application.id, N_("We have received your application"),
                 "mail/external_received.txt")
    return application


def _attach_cv(application: ExternalApplication, cv: bytes) -> None:
    """Store the CV once the row exists (uploads.store removes it again if the transaction does not commit)."""
    application.cv_storage_name, application.cv_size, application.cv_sha256 = util.store_cv(cv)


def mail_applicant(application_id: int, subject: str, template: str, **context) -> None:
    """Mail the applicant in the language they applied in (runs after the commit)."""
    application = db.session.get(ExternalApplication, application_id)
    if application is not None:
        send_mail(application.email, subject, template, application=application, locale=application.locale,
                  **context)


def _new_version(actor, questions: list[dict]) -> ApplicationTemplate:
    current = current_template()
    template = ApplicationTemplate(version=(current.version + 1) if current else 1, created_by_id=actor.id)
    template.questions = [ApplicationQuestion(position=i, **q) for i, q in enumerate(questions)]
    db.session.add(template)
    db.session.flush()
    return template


def _question_dicts(template: ApplicationTemplate | None) -> list[dict]:
    return [{"kind": q.kind, "label": q.label, "options": list(q.options), "required": q.required}
            for q in (template.questions if template else [])]


def add_question(actor, data: dict) -> ApplicationTemplate:
    """Add a question to the template, as a new template version."""
    kind = data.get("kind")
    if kind not in {k.value for k in QuestionKind}:
        raise ValidationFailed(N_("Please choose one of the options."), field="kind")
    label = util.reject_html(data.get("label"), "label")
    if not label or len(label) > 300:
        raise ValidationFailed(N_("Please write the question (at most 300 characters)."), field="label")
    options = [util.reject_html(o, "options") for o in data.get("options") or [] if o.strip()]
    if kind == QuestionKind.CHOICE.value and len(options) < 2:
        raise ValidationFailed(N_("A choice needs at least two options, one per line."), field="options")
    question = {"kind": kind, "label": label, "required": bool(data.get("required")),
                "options": options if kind == QuestionKind.CHOICE.value else []}
    template = _new_version(actor, _question_dicts(current_template()) + [question])
    audit.record(actor, "externals.question_added", template, label, version=template.version)
    return template


def remove_question(actor, position: int) -> ApplicationTemplate:
    """Remove the question at a position, as a new template version."""
    questions = _question_dicts(current_template())
    if not 0 <= position < len(questions):
        raise NotFound(N_("This question does not exist."))
    removed = questions.pop(position)
    template = _new_version(actor, questions)
    audit.record(actor, "externals.question_removed", template, removed["label"], version=template.version)
    return template
