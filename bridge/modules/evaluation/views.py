"""Evaluation pages: a tandem's evaluations, filling in a form, reading responses, the programme form."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core.auth import is_coordinator, role_required
from bridge.core.permissions import require
from bridge.core.db import db, utcnow
from bridge.core.roles import Role
from bridge.modules.evaluation import operations as ops
from bridge.modules.evaluation.definitions import ensure_forms
from bridge.modules.evaluation.models import EvaluationResponse
from bridge.modules.evaluation.schedule import due_items
from bridge.modules.evaluation.util import ASPECT_LABELS, ROLE_LABELS, STATUS_LABELS, TYPE_LABELS
from bridge.modules.evaluation.webforms import answers_from, build_answer_form
from bridge.modules.pairing.models import Pair
from bridge.modules.pairing.operations.pairs import current_pairs_of

bp = Blueprint("evaluation", __name__, url_prefix="/evaluations")


@bp.app_context_processor
def labels():
    """Give the evaluation templates the vocabulary's labels."""
    return {"aspect_labels": ASPECT_LABELS, "evaluation_type_labels": TYPE_LABELS,
            "evaluation_status_labels": STATUS_LABELS, "evaluation_role_labels": ROLE_LABELS}


@bp.before_request
def forms_loaded():
    """Load and keep the shipped forms the first time any evaluation page is opened."""
    if ensure_forms():
        db.session.commit()


def _locale() -> str:
    return str(get_locale() or "en")


def _load_pair(pair_id: int) -> Pair:
    pair = db.session.get(Pair, pair_id) or abort(404)
    return require(current_user.person, "view", pair)


@bp.route("/")
@login_required
def index():
    """List the person's tandems with their evaluations (coordinators also get the programme tools)."""
    person = current_user.person
    pairs = [p for p in current_pairs_of(person) if p.state != "proposed"]
    today = utcnow().date()
    return render_template("evaluation/index.html", pairs=[(p, due_items(p, today)) for p in pairs],
                           coordinator=is_coordinator(person), locale=_locale())


@bp.route("/pairs/<int:pair_id>")
@login_required
def pair(pair_id: int):
    """Show which evaluations of the tandem are due and the responses the person may read."""
    tandem = _load_pair(pair_id)
    person = current_user.person
    return render_template("evaluation/pair.html", pair=tandem, items=due_items(tandem, utcnow().date()),
                           responses=ops.pair_responses(person, tandem), locale=_locale())


def _render_fill(tandem, definition, form, errors=None, status=200):
    return render_template("evaluation/fill.html", pair=tandem, definition=definition, form=form,
                           errors=errors or {}, locale=_locale()), status


def _submit(form, definition, operation, *args):
    """Validate and run the submit operation; return the response or None with errors for the page."""
    if not form.validate_on_submit():
        return None, {}
    try:
        response = operation(current_user.person, definition, *args, answers_from(form, definition))
    except ops.AnswersInvalid as exc:
        db.session.rollback()
        return None, {key: _(msgid) for key, msgid in exc.errors.items()}
    db.session.commit()
    return response, {}


@bp.route("/pairs/<int:pair_id>/<form_key>", methods=["GET", "POST"])
@login_required
def fill(pair_id: int, form_key: str):
    """Fill in one evaluation form for the tandem (once; answers cannot be changed afterwards)."""
    tandem, definition = _load_pair(pair_id), ops.find_form(form_key)
    ops.role_in(definition, tandem, current_user.person)
    done = ops.find_response(tandem, form_key, current_user.person)
    if done is not None:
        flash(_("You have already submitted this evaluation."), "info")
        return redirect(url_for("evaluation.response", response_id=done.id))
    form = build_answer_form(definition, _locale())
    response, errors = _submit(form, definition, ops.submit_evaluation, tandem)
    if response is not None:
        flash(_("Thank you! Your evaluation has been submitted."), "success")
        return redirect(url_for("evaluation.pair", pair_id=tandem.id))
    failed = bool(errors or form.errors)
    return _render_fill(tandem, definition, form, errors, 400 if failed else 200)


@bp.route("/responses/<int:response_id>")
@login_required
def response(response_id: int):
    """Show one submitted response to those allowed to read it."""
    answer = db.session.get(EvaluationResponse, response_id) or abort(404)
    require(current_user.person, "view", answer)
    by_key = {a.item_key: a for a in answer.answers}
    return render_template("evaluation/response.html", response=answer, answers=by_key, locale=_locale())


@bp.route("/programme", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def programme():
    """Let a coordinator evaluate the programme as a whole."""
    definition = ops.find_form("programme")
    form = build_answer_form(definition, _locale())
    response, errors = _submit(form, definition, ops.submit_programme_evaluation)
    if response is not None:
        flash(_("Thank you! Your programme evaluation has been submitted."), "success")
        return redirect(url_for("evaluation.response", response_id=response.id))
    status = 400 if errors or form.errors else 200
    return _render_fill(None, definition, form, errors, status)


from bridge.modules.evaluation import views_admin  # noqa: E402,F401  (registers the coordinator pages)
