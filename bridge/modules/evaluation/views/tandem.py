"""A tandem's evaluations, filling in a form, reading responses, and the coordinators' programme form."""
import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core.auth import is_coordinator, role_required
from bridge.core.db import utcnow
from bridge.core.roles import Role
from bridge.core.web import form_status, get_or_404, get_permitted, private_download, submit
from bridge.modules.evaluation.forms import answers_from, build_answer_form
from bridge.modules.evaluation.models import EvaluationForm, EvaluationResponse
from bridge.modules.evaluation.operations import printing
from bridge.modules.evaluation.operations import responses as ops
from bridge.modules.evaluation.operations.schedule import due_items
from bridge.modules.evaluation.util import shows_respondent
from bridge.modules.evaluation.views import bp
from bridge.modules.pairing.models import Pair
from bridge.modules.pairing.operations.pairs import current_pairs_of


def _locale() -> str:
    return str(get_locale() or "en")


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
    tandem = get_permitted(Pair, pair_id)
    person = current_user.person
    return render_template("evaluation/pair.html", pair=tandem, items=due_items(tandem, utcnow().date()),
                           responses=ops.pair_responses(person, tandem), locale=_locale(),
                           named=lambda response: shows_respondent(person, response))


def _render_fill(tandem, definition, form):
    return render_template("evaluation/fill.html", pair=tandem, definition=definition, form=form,
                           locale=_locale()), form_status(form)


@bp.route("/pairs/<int:pair_id>/<form_key>", methods=["GET", "POST"])
@login_required
def fill(pair_id: int, form_key: str):
    """Fill in one evaluation form for the tandem (once; answers cannot be changed afterwards)."""
    tandem, definition = get_permitted(Pair, pair_id), ops.find_form(form_key)
    ops.role_in(definition, tandem, current_user.person)
    done = ops.find_response(tandem, form_key, current_user.person)
    if done is not None:
        flash(_("You have already submitted this evaluation."), "info")
        return redirect(url_for("evaluation.response", response_id=done.id))
    form = build_answer_form(definition, _locale())
    answers = answers_from(form, definition)
    if submit(form, ops.submit_evaluation, current_user.person, definition, tandem, answers):
        flash(_("Thank you! Your evaluation has been submitted."), "success")
        return redirect(url_for("evaluation.pair", pair_id=tandem.id))
    return _render_fill(tandem, definition, form)


@bp.route("/responses/<int:response_id>")
@login_required
def response(response_id: int):
    """Show one submitted response to those allowed to read it."""
    answer = get_permitted(EvaluationResponse, response_id)
    by_key = {a.item_key: a for a in answer.answers}
    return render_template("evaluation/response.html", response=answer, answers=by_key, locale=_locale(),
                           named=shows_respondent(current_user.person, answer))


@bp.route("/programme", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def programme():
    """Let a coordinator evaluate the programme as a whole."""
    definition = ops.find_form("programme")
    form = build_answer_form(definition, _locale())
    response = submit(form, ops.submit_programme_evaluation, current_user.person, definition,
                      answers_from(form, definition))
    if response:
        flash(_("Thank you! Your programme evaluation has been submitted."), "success")
        return redirect(url_for("evaluation.response", response_id=response.id))
    return _render_fill(None, definition, form)


def _pdf(data: bytes, filename: str):
    return private_download(send_file(io.BytesIO(data), mimetype="application/pdf", as_attachment=True,
                                      download_name=filename))


@bp.route("/forms/<int:form_id>/print.pdf")
@login_required
def print_form(form_id: int):
    """Download a form version as a blank PDF to fill in by hand (forms hold no personal data)."""
    definition = get_or_404(EvaluationForm, form_id)
    return _pdf(printing.blank_pdf(definition, _locale()), f"evaluation-{definition.key}-v{definition.version}.pdf")


@bp.route("/responses/<int:response_id>.pdf")
@login_required
def response_pdf(response_id: int):
    """Download a filled copy of a response, for those who may read it."""
    answer = get_permitted(EvaluationResponse, response_id)
    return _pdf(printing.response_pdf(answer, _locale(), named=shows_respondent(current_user.person, answer)),
                f"evaluation-response-{answer.id}.pdf")


@bp.route("/pairs/<int:pair_id>/<form_key>/paper", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def paper(pair_id: int, form_key: str):
    """Let a coordinator enter a response filled in on paper, on a tandem member's behalf."""
    tandem, definition = get_or_404(Pair, pair_id), ops.find_form(form_key)
    respondents = ops.paper_respondents(definition, tandem)
    if not respondents:
        abort(404)
    form = build_answer_form(definition, _locale(), respondents=respondents)
    if request.method == "GET" and request.args.get("respondent"):
        form.respondent.data = request.args["respondent"]
    done = submit(form, ops.transcribe_evaluation, current_user.person, definition, tandem, form.respondent.data,
                  answers_from(form, definition))
    if done:
        flash(_("The paper evaluation has been entered for %(name)s.", name=done.respondent.full_name), "success")
        return redirect(url_for("evaluation.response", response_id=done.id))
    refused = request.method == "POST" and not form.errors  # the operation refused it (shown as a flash)
    return render_template("evaluation/fill.html", pair=tandem, definition=definition, form=form, paper=True,
                           locale=_locale()), 409 if refused else form_status(form)
