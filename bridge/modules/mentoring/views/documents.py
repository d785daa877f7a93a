"""The tandem's document folder: list, upload, download and delete."""
from flask import current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core import uploads
from bridge.core.i18n import fmt_number
from bridge.core.permissions import require
from bridge.core.web import get_child_or_404, get_permitted, private_download, run_operation, submit
from bridge.modules.mentoring.forms import ActionForm, UploadForm
from bridge.modules.mentoring.models import Document
from bridge.modules.mentoring.operations import documents as ops
from bridge.modules.mentoring.views import bp
from bridge.modules.pairing.models import Pair


def _render(pair, form, status=200):
    return render_template("mentoring/documents.html", pair=pair, form=form, action_form=ActionForm(),
                           documents=ops.pair_documents(pair),
                           max_mb=fmt_number(current_app.config["UPLOAD_MAX_BYTES"] / 1024 / 1024, 1)), status


@bp.route("/pairs/<int:pair_id>/documents", methods=["GET", "POST"])
@login_required
def documents(pair_id: int):
    """List the tandem's documents and take an upload."""
    pair, form = get_permitted(Pair, pair_id), UploadForm()
    if not form.is_submitted():
        return _render(pair, form)
    document = submit(form, ops.upload_document, current_user.person, pair, form.file.data,
                      current_app.config["UPLOAD_MAX_BYTES"])
    if document:
        flash(_("%(name)s has been uploaded.", name=document.original_name), "success")
        return redirect(url_for("mentoring.documents", pair_id=pair.id))
    return _render(pair, form, 400)


@bp.route("/pairs/<int:pair_id>/documents/<int:document_id>")
@login_required
def download(pair_id: int, document_id: int):
    """Send a document as a download under its original name."""
    pair = get_permitted(Pair, pair_id)
    document = require(current_user.person, "view", get_child_or_404(Document, document_id, pair_id=pair.id))
    return private_download(send_file(uploads.open_stored(document.storage_name), mimetype=document.mimetype,
                              as_attachment=True, download_name=document.original_name))


@bp.route("/pairs/<int:pair_id>/documents/<int:document_id>/delete", methods=["POST"])
@login_required
def delete(pair_id: int, document_id: int):
    """Delete one's own upload."""
    pair = get_permitted(Pair, pair_id)
    document, form = get_child_or_404(Document, document_id, pair_id=pair.id), ActionForm()
    if form.validate_on_submit() and run_operation(None, ops.delete_document, current_user.person, document):
        flash(_("The document has been deleted."), "success")
    return redirect(url_for("mentoring.documents", pair_id=pair.id))
