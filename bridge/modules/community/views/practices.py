"""Good-practice pages: library, template, review, reuse, PDF and the blank Word template."""
import io

from flask import flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import login_required

from bridge.core.db import db
from bridge.core.ids import parse_id
from bridge.core.forms import choices
from bridge.core.permissions import can, require
from bridge.core.web import form_status, get_or_404, run_operation, submit
from bridge.modules.community import util
from bridge.modules.community.forms import (
    PracticeForm, PracticeSearchForm, ReuseForm, ReviewForm, competence_choices,
)
from bridge.modules.community.models import GoodPractice, Workshop
from bridge.modules.community.models.practices import TEMPLATE_FIELDS
from bridge.modules.community.operations import documents
from bridge.modules.community.operations import practices as ops
from bridge.modules.community.views import PAGE_SIZE, bp, locale, me


@bp.route("/practices/")
@login_required
def practices():
    """Show the library of published practices, one's own drafts and, for coordinators, the review queue."""
    form = PracticeSearchForm(request.args)
    form.competence.choices = choices([("", _("All competences"))]) + competence_choices(locale())
    form.validate()
    stmt = ops.search_practices(form.q.data or "", form.competence.data or "", form.department.data or "")
    page = db.paginate(stmt, per_page=PAGE_SIZE, error_out=False)
    mine = db.session.scalars(ops.practices_of(me())).all()
    queue = db.session.scalars(ops.awaiting_review()).all() if can(me(), "review", GoodPractice) else []
    return render_template("community/practices.html", form=form, page=page, mine=mine, queue=queue)


def _practice_form(practice=None) -> PracticeForm:
    form = PracticeForm(obj=practice)
    form.competences.choices = competence_choices(locale())
    return form


def _form_data(form: PracticeForm) -> dict:
    data = {name: (getattr(form, name).data or "") for name in ("title", "kind") + TEMPLATE_FIELDS}
    data["department"] = (form.department.data or "").strip() or None
    data["competences"] = list(form.competences.data or [])
    return data


@bp.route("/practices/new", methods=["GET", "POST"])
@login_required
def new_practice():
    """Start a good practice from the template."""
    require(me(), "create", GoodPractice, util.POST_DENIED)
    form = _practice_form()
    if request.method == "GET":
        form.workshop_id.data = request.args.get("workshop", "")
        form.department.data = me().department
    workshop_id = parse_id(form.workshop_id.data)
    workshop = db.session.get(Workshop, workshop_id) if workshop_id else None
    workshop = workshop if workshop is not None and can(me(), "view", workshop) else None
    practice = submit(form, lambda: ops.create_practice(me(), _form_data(form), workshop))
    if practice is not None:
        flash(_("Your draft has been saved. Submit it for review when it is complete."), "success")
        return redirect(url_for("community.practice", practice_id=practice.id))
    return render_template("community/practice_form.html", form=form, practice=None), form_status(form)


def _viewable(practice_id: int) -> GoodPractice:
    return require(me(), "view", get_or_404(GoodPractice, practice_id))


@bp.route("/practices/<int:practice_id>")
@login_required
def practice(practice_id: int):
    """Show a good practice."""
    practice = _viewable(practice_id)
    return render_template("community/practice.html", practice=practice, fields=TEMPLATE_FIELDS,
                           review_form=ReviewForm(formdata=None), reuse_form=ReuseForm(formdata=None),
                           labels=documents.field_labels())


@bp.route("/practices/<int:practice_id>/edit", methods=["GET", "POST"])
@login_required
def edit_practice(practice_id: int):
    """Edit a draft (its author) or any practice (coordinators)."""
    practice = _viewable(practice_id)
    require(me(), "edit", practice, util.CHANGE_DENIED)
    ops.check_editable(me(), practice)
    form = _practice_form(practice)
    if submit(form, lambda: ops.update_practice(me(), practice, _form_data(form))):
        flash(_("Changes saved."), "success")
        return redirect(url_for("community.practice", practice_id=practice.id))
    return render_template("community/practice_form.html", form=form, practice=practice), form_status(form)


@bp.route("/practices/<int:practice_id>/submit", methods=["POST"])
@login_required
def submit_practice(practice_id: int):
    """Send a draft for review."""
    practice = _viewable(practice_id)
    if not run_operation(None, ops.submit_practice, me(), practice):
        return _render_practice(practice, 400)
    flash(_("Submitted. A coordinator will review it."), "success")
    return redirect(url_for("community.practice", practice_id=practice.id))


def _render_practice(practice, status, review_form=None, reuse_form=None):
    return render_template("community/practice.html", practice=practice, fields=TEMPLATE_FIELDS,
                           review_form=review_form or ReviewForm(formdata=None),
                           reuse_form=reuse_form or ReuseForm(formdata=None),
                           labels=documents.field_labels()), status


@bp.route("/practices/<int:practice_id>/review", methods=["POST"])
@login_required
def review_practice(practice_id: int):
    """Publish a submitted practice or return it with a comment (coordinators)."""
    practice = _viewable(practice_id)
    require(me(), "review", practice, util.CHANGE_DENIED)
    form = ReviewForm()
    action = lambda: ops.review_practice(me(), practice, form.decision.data == "publish",  # noqa: E731
                                         form.comment.data or "")
    if submit(form, action):
        flash(_("Your decision has been saved."), "success")
        return redirect(url_for("community.practice", practice_id=practice.id))
    return _render_practice(practice, 400, review_form=form)


@bp.route("/practices/<int:practice_id>/reuse", methods=["POST"])
@login_required
def reuse_practice(practice_id: int):
    """Record that one applied a published practice."""
    practice = _viewable(practice_id)
    require(me(), "reuse", practice, util.POST_DENIED)
    form = ReuseForm()
    if submit(form, lambda: ops.mark_reused(me(), practice, form.note.data)):
        flash(_("Thank you: your note helps others reuse this practice."), "success")
        return redirect(url_for("community.practice", practice_id=practice.id))
    return _render_practice(practice, 400, reuse_form=form)


def _download(data: bytes, filename: str, mimetype: str):
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename)


@bp.route("/practices/<int:practice_id>.pdf")
@login_required
def practice_pdf(practice_id: int):
    """Download a good practice as PDF."""
    practice = _viewable(practice_id)
    return _download(documents.practice_pdf(practice), f"good-practice-{practice.id}.pdf",
                                "application/pdf")


@bp.route("/practices/template.docx")
@login_required
def practice_template():
    """Download the blank template as a Word document, in the interface language."""
    return _download(documents.template_docx(locale()), f"good-practice-template-{locale()}.docx",
                                documents.DOCX_MIME)
