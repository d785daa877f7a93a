"""Q&A pages: list and search, ask, answer, edit, accept, moderate."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import selectinload

from bridge.core.competences import competence_keys
from bridge.core.db import db
from bridge.core.ids import parse_id
from bridge.core.forms import choices
from bridge.core.permissions import can, require
from bridge.core.web import form_status, get_or_404, run_operation, submit
from bridge.modules.community import util
from bridge.modules.community.forms import AnswerForm, MergeForm, QuestionForm, QuestionSearchForm, competence_choices
from bridge.modules.community.models import Answer, Question, Tag, Workshop
from bridge.modules.community.operations import qa as ops
from bridge.modules.community.views import PAGE_SIZE, bp, locale, me, tag_label


def _tag_choices():
    tags = db.session.scalars(db.select(Tag).order_by(Tag.kind, Tag.name)).all()
    return choices([("", _("All tags"))] + [(t.name, tag_label(t)) for t in tags])


@bp.route("/qa/")
@login_required
def questions():
    """List and search questions."""
    form = QuestionSearchForm(request.args)
    form.tag.choices = _tag_choices()
    form.validate()
    stmt = ops.search_questions(locale(), form.q.data or "", form.tag.data or "", form.department.data or "",
                                include_hidden=can(me(), "moderate", Question))
    page = db.paginate(stmt.options(selectinload(Question.author)), per_page=PAGE_SIZE, error_out=False)
    return render_template("community/questions.html", form=form, page=page)


def _workshop_from(value) -> Workshop | None:
    if parse_id(value) is None:
        return None
    workshop = db.session.get(Workshop, parse_id(value))
    return workshop if workshop is not None and can(me(), "view", workshop) else None


def _question_form(question=None) -> QuestionForm:
    form = QuestionForm(obj=question)
    form.competences.choices = competence_choices(locale())
    if question is not None and request.method == "GET":
        names = [t.name for t in question.tags]
        form.competences.data = [n for n in names if n in competence_keys()]
        form.free_tags.data = ", ".join(n for n in names if n not in form.competences.data)
    return form


@bp.route("/qa/ask", methods=["GET", "POST"])
@login_required
def ask():
    """Ask a question."""
    require(me(), "create", Question, util.POST_DENIED)
    form = _question_form()
    if request.method == "GET":
        form.workshop_id.data = request.args.get("workshop", "")
    workshop = _workshop_from(form.workshop_id.data)
    question = submit(form, lambda: ops.ask_question(me(), form.data_for_operation(locale()), workshop))
    if question is not None:
        flash(_("Your question has been posted."), "success")
        return redirect(url_for("community.question", question_id=question.id))
    return render_template("community/ask.html", form=form, question=None, workshop=workshop), form_status(form)


def _visible_question(question_id: int) -> Question:
    question = get_or_404(Question, question_id)
    if not can(me(), "view", question):
        abort(404)
    return question


def _render_question(question, answer_form=None, merge_form=None, status=200):
    answer_form = answer_form or AnswerForm(formdata=None)
    merge_form = merge_form or MergeForm(formdata=None)
    if can(me(), "moderate", Question):
        others = db.session.scalars(ops.search_questions(locale(), include_hidden=True)
                                    .where(Question.id != question.id).limit(500)).all()
        merge_form.target.choices = choices((q.id, f"#{q.id} {q.title}") for q in others)
    return render_template("community/question.html", question=question, answer_form=answer_form,
                           merge_form=merge_form, answers=ops.visible_answers(me(), question)), status


@bp.route("/qa/<int:question_id>")
@login_required
def question(question_id: int):
    """Show a question with its answers (merged questions redirect to the kept one)."""
    question = _visible_question(question_id)
    if question.merged_into_id is not None:
        return redirect(url_for("community.question", question_id=question.merged_into_id), 301)
    return _render_question(question)


@bp.route("/qa/<int:question_id>/edit", methods=["GET", "POST"])
@login_required
def edit_question(question_id: int):
    """Edit a question (its author or a coordinator)."""
    question = _visible_question(question_id)
    require(me(), "edit", question, util.CHANGE_DENIED)
    form = _question_form(question)
    if submit(form, lambda: ops.edit_question(me(), question, form.data_for_operation(question.lang))):
        flash(_("Changes saved."), "success")
        return redirect(url_for("community.question", question_id=question.id))
    return render_template("community/ask.html", form=form, question=question, workshop=None), form_status(form)


@bp.route("/qa/<int:question_id>/answers", methods=["POST"])
@login_required
def answer(question_id: int):
    """Post an answer."""
    question = _visible_question(question_id)
    require(me(), "answer", question, util.POST_DENIED)
    form = AnswerForm()
    posted = submit(form, lambda: ops.answer_question(me(), question, form.body.data))
    if posted is not None:
        flash(_("Your answer has been posted."), "success")
        return redirect(url_for("community.question", question_id=question.id, _anchor=f"answer-{posted.id}"))
    return _render_question(question, answer_form=form, status=400)


@bp.route("/qa/answers/<int:answer_id>/edit", methods=["GET", "POST"])
@login_required
def edit_answer(answer_id: int):
    """Edit an answer (its author or a coordinator)."""
    answer = get_or_404(Answer, answer_id)
    _visible_question(answer.question_id)
    require(me(), "edit", answer, util.CHANGE_DENIED)
    form = AnswerForm(obj=answer)
    if submit(form, lambda: ops.edit_answer(me(), answer, form.body.data)):
        flash(_("Changes saved."), "success")
        return redirect(url_for("community.question", question_id=answer.question_id))
    return render_template("community/edit_answer.html", form=form, answer=answer), form_status(form)


@bp.route("/qa/<int:question_id>/accept", methods=["POST"])
@login_required
def accept(question_id: int):
    """Mark an answer as accepted, or clear the mark."""
    question = _visible_question(question_id)
    answer_id = parse_id(request.form.get("answer_id"))
    answer = get_or_404(Answer, answer_id) if answer_id else None
    if not run_operation(None, ops.accept_answer, me(), question, answer):
        return _render_question(question, status=400)
    flash(_("The accepted answer has been marked.") if answer else _("The mark has been removed."), "success")
    return redirect(url_for("community.question", question_id=question.id))


def _visibility_flag() -> bool:
    if request.form.get("hidden") not in ("0", "1"):
        abort(400)
    return request.form["hidden"] == "1"


@bp.route("/qa/<int:question_id>/visibility", methods=["POST"])
@login_required
def question_visibility(question_id: int):
    """Hide a question or show it again (coordinators)."""
    question = get_or_404(Question, question_id)
    require(me(), "moderate", question, util.CHANGE_DENIED)
    if run_operation(None, ops.set_hidden, me(), question, _visibility_flag()):
        flash(_("Visibility changed."), "success")
    return redirect(url_for("community.question", question_id=question.id))


@bp.route("/qa/answers/<int:answer_id>/visibility", methods=["POST"])
@login_required
def answer_visibility(answer_id: int):
    """Hide an answer or show it again (coordinators)."""
    answer = get_or_404(Answer, answer_id)
    require(me(), "moderate", answer, util.CHANGE_DENIED)
    if run_operation(None, ops.set_hidden, me(), answer, _visibility_flag()):
        flash(_("Visibility changed."), "success")
    return redirect(url_for("community.question", question_id=answer.question_id))


@bp.route("/qa/<int:question_id>/merge", methods=["POST"])
@login_required
def merge(question_id: int):
    """Merge a duplicate question into another one (coordinators)."""
    duplicate = get_or_404(Question, question_id)
    require(me(), "moderate", duplicate, util.CHANGE_DENIED)
    form = MergeForm()
    target_id = parse_id(form.target.data)
    target = db.session.get(Question, target_id) if target_id else None
    if target is not None and submit(form, lambda: ops.merge_questions(me(), duplicate, target)):
        flash(_("The questions have been merged."), "success")
        return redirect(url_for("community.question", question_id=target.id))
    if target is None:
        form.target.errors = [_("Choose the question to keep.")]
    return _render_question(duplicate, merge_form=form, status=400)
