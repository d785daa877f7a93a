"""Submitting evaluations (validated, immutable) and who may see which response."""
from flask_babel import gettext as _

from bridge.core import audit
from bridge.core.auth import is_coordinator
from bridge.core.db import db, utcnow
from bridge.core.errors import N_, Conflict, NotFound, PermissionDenied, ValidationFailed
from bridge.modules.evaluation.operations.definitions import ensure_forms, latest
from bridge.modules.evaluation.models import EvaluationAnswer, EvaluationForm, EvaluationResponse
from bridge.modules.evaluation.operations.schedule import EVALUATED_STATES
from bridge.modules.evaluation.util import visible_condition
from bridge.modules.pairing.models import Pair

MAX_TEXT = 4000


class AnswersInvalid(ValidationFailed):
    """Some answers are missing or out of range; errors maps item keys to msgids."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(N_("Please correct the marked answers."))
        self.errors = errors

    @property
    def field_errors(self) -> dict[str, str]:
        """Return the translated problems by answer-form field name (how views show them)."""
        return {f"item_{key}": _(msgid) for key, msgid in self.errors.items()}


def find_form(key: str) -> EvaluationForm:
    """Return the newest version of a form, or raise NotFound."""
    ensure_forms()
    form = latest(key)
    if form is None:
        raise NotFound(N_("This evaluation form does not exist."))
    return form


def role_in(form: EvaluationForm, pair: Pair, person) -> str:
    """Return the role in which the person fills in the form for the tandem, or raise."""
    if not pair.has_member(person):
        raise PermissionDenied(N_("Only the two members of the tandem can fill in its evaluations."))
    role = "mentor" if person.id == pair.mentor_id else "mentee"
    if form.audience not in (role, "both") or form.type == "session":
        raise PermissionDenied(N_("This form is not meant for you in this tandem."))
    return role


def _check_item(item: dict, raw: str) -> tuple[int | None, str, str | None]:
    raw = (raw or "").strip()
    if item["kind"] == "text":
        if len(raw) > MAX_TEXT:
            return None, raw, N_("Please keep the answer under 4000 characters.")
        return None, raw, N_("Please answer this question.") if item["required"] and not raw else None
    if not raw:
        return None, "", N_("Please choose an answer.") if item["required"] else None
    if not raw.isdigit() or not 1 <= int(raw) <= item.get("scale", 5):
        return None, "", N_("Please choose a value from the scale.")
    return int(raw), "", None


def validate_answers(form: EvaluationForm, answers: dict) -> list[EvaluationAnswer]:
    """Return answer rows for the raw answers, or raise AnswersInvalid listing every problem."""
    rows, errors = [], {}
    for item in form.items:
        value, text, error = _check_item(item, answers.get(item["key"], ""))
        if error:
            errors[item["key"]] = error
        elif value is not None or text:
            rows.append(EvaluationAnswer(item_key=item["key"], aspect=item["aspect"], value=value, text=text))
    if errors:
        raise AnswersInvalid(errors)
    return rows


def _store(actor, form: EvaluationForm, pair: Pair | None, role: str, answers: dict) -> EvaluationResponse:
    rows = validate_answers(form, answers)
    response = EvaluationResponse(form_id=form.id, form_key=form.key, form_version=form.version,
                                  pair_id=pair.id if pair else None, respondent_id=actor.id, role=role,
                                  submitted_at=utcnow(), answers=rows)
    db.session.add(response)
    db.session.flush()
    audit.record(actor, "evaluation.submitted", response, f"{form.key} v{form.version}")
    return response


def find_response(pair: Pair | None, form_key: str, person) -> EvaluationResponse | None:
    """Return the person's response to a form for the tandem (or the programme when pair is None)."""
    query = db.select(EvaluationResponse).where(EvaluationResponse.form_key == form_key,
                                                EvaluationResponse.respondent_id == person.id)
    query = query.where(EvaluationResponse.pair_id == pair.id) if pair else \
        query.where(EvaluationResponse.pair_id.is_(None))
    return db.session.scalars(query.order_by(EvaluationResponse.id.desc())).first()


def submit_evaluation(actor, form: EvaluationForm, pair: Pair, answers: dict) -> EvaluationResponse:
    """Store a tandem member's response to the form's current version; it cannot be changed later."""
    role = role_in(form, pair, actor)
    if pair.state not in EVALUATED_STATES:
        raise Conflict(N_("Evaluations open once the tandem's agreement is signed."))
    if find_response(pair, form.key, actor) is not None:
        raise Conflict(N_("You have already submitted this evaluation; responses cannot be changed."))
    return _store(actor, form, pair, role, answers)


def submit_programme_evaluation(actor, form: EvaluationForm, answers: dict) -> EvaluationResponse:
    """Store a coordinator's programme evaluation."""
    if not is_coordinator(actor) or form.type != "programme":
        raise PermissionDenied(N_("Only coordinators evaluate the programme."))
    return _store(actor, form, None, "coordinator", answers)


def pair_responses(person, pair: Pair) -> list[EvaluationResponse]:
    """Return the tandem's responses the person may see."""
    return db.session.scalars(db.select(EvaluationResponse).where(
        EvaluationResponse.pair_id == pair.id, visible_condition(person)).order_by(EvaluationResponse.submitted_at)
    ).all()


def paper_respondents(form: EvaluationForm, pair: Pair) -> list:
    """Return the tandem members a paper response to this form may come from (by the form's audience)."""
    if form.type in ("session", "programme"):
        return []
    members = [("mentor", pair.mentor), ("mentee", pair.mentee)]
    return [person for role, person in members if form.audience in (role, "both")]


def transcribe_evaluation(actor, form: EvaluationForm, pair: Pair, respondent_id, answers: dict) -> EvaluationResponse:
    """Store a paper response a coordinator types in on a tandem member's behalf, marked as transcribed."""
    if not is_coordinator(actor):
        raise PermissionDenied(N_("Only coordinators can enter paper evaluations."))
    respondents = {p.id: p for p in paper_respondents(form, pair)}
    if not respondents:
        raise Conflict(N_("This form is not filled in by the members of a tandem."))
    respondent = respondents.get(int(respondent_id)) if str(respondent_id or "").isdecimal() else None
    if respondent is None:
        raise ValidationFailed(N_("Choose the tandem member who filled in the paper form."), field="respondent")
    if pair.state not in EVALUATED_STATES:
        raise Conflict(N_("Evaluations open once the tandem's agreement is signed."))
    if find_response(pair, form.key, respondent) is not None:
        raise Conflict(N_("%(name)s has already submitted this evaluation; responses cannot be changed."),
                       field="respondent", name=respondent.full_name)
    role = "mentor" if respondent.id == pair.mentor_id else "mentee"
    response = EvaluationResponse(form_id=form.id, form_key=form.key, form_version=form.version, pair_id=pair.id,
                                  respondent_id=respondent.id, role=role, submitted_at=utcnow(),
                                  answers=validate_answers(form, answers), transcribed=True,
                                  transcribed_by_id=actor.id)
    db.session.add(response)
    db.session.flush()
    audit.record(actor, "evaluation.transcribed", response, f"{form.key} v{form.version}",
                 respondent_id=respondent.id)
    return response
