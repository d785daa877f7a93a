"""Agreement pages: the tandem's agreement, its versions, PDF, signing, signed scans; the template editor."""
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core import cache, uploads
from bridge.core.auth import role_required
from bridge.core.permissions import require
from bridge.core.roles import Role
from bridge.core.web import form_status, get_permitted, private_download, run_operation, submit
from bridge.modules.agreements.forms import ActionForm, AgreementForm, ScanForm, SignForm, StartForm, TemplateForm
from bridge.modules.agreements.models import AgreementScan
from bridge.modules.agreements.operations import agreement as ops
from bridge.modules.agreements.operations.pdf import render_pdf
from bridge.modules.agreements.util import LANGUAGES, PAIR_SECTIONS, SECTION_LABELS, SECTIONS, TERMS
from bridge.modules.pairing.models import Pair

bp = Blueprint("agreements", __name__)


@bp.app_context_processor
def labels():
    """Give templates the agreement section names."""
    return {"agreement_sections": SECTIONS, "section_labels": SECTION_LABELS}


def _agreement_or_404(pair):
    return ops.find_agreement(pair) or abort(404)


def _version_or_404(agreement, number: int):
    version = next((v for v in agreement.versions if v.number == number), None) or abort(404)
    return require(current_user.person, "view", version)


def _render(pair, sign_form=None, scan_form=None, status=200):
    agreement = ops.find_agreement(pair)
    sign_form = sign_form or SignForm(number=agreement.latest.number if agreement else "")
    return render_template("agreements/agreement.html", pair=pair, agreement=agreement, start_form=StartForm(),
                           sign_form=sign_form, scan_form=scan_form or ScanForm(), action_form=ActionForm(),
                           verified=bool(agreement) and ops.verify(agreement.latest),
                           missing=[_(m) for m in ops.missing_terms(agreement.latest)] if agreement else []), status


@bp.route("/pairs/<int:pair_id>/agreement")
@login_required
def agreement(pair_id: int):
    """Show the tandem's agreement: the current version, signatures, versions and scans."""
    return _render(get_permitted(Pair, pair_id))


@bp.route("/pairs/<int:pair_id>/agreement/start", methods=["POST"])
@login_required
def start(pair_id: int):
    """Draft the agreement from the template."""
    pair, form = get_permitted(Pair, pair_id), StartForm()
    language = form.language.data
    if form.validate_on_submit() and run_operation(None, ops.start_agreement, current_user.person, pair, language):
        flash(_("Your draft is ready. Please fill in goals and deliverables."), "success")
        return redirect(url_for("agreements.edit", pair_id=pair.id))
    return redirect(url_for("agreements.agreement", pair_id=pair.id))


@bp.route("/pairs/<int:pair_id>/agreement/edit", methods=["GET", "POST"])
@login_required
def edit(pair_id: int):
    """Edit the agreement; every save keeps a new version."""
    pair = get_permitted(Pair, pair_id)
    agreement = _agreement_or_404(pair)
    form = AgreementForm(data=agreement.latest.content["sections"] | ops.terms_of(agreement.latest))
    guidance = ops.template_sections(agreement.language)
    for key in PAIR_SECTIONS:  # the template's guidance for what the tandem writes itself
        form[key].description = guidance[key]
    data = {key: form[key].data for key in (*SECTIONS, *TERMS)}
    version = submit(form, ops.save_version, current_user.person, agreement, data)
    if version:
        flash(_("Saved as version %(n)s.", n=version.number), "success")
        return redirect(url_for("agreements.agreement", pair_id=pair.id))
    return render_template("agreements/edit.html", pair=pair, agreement=agreement, form=form), form_status(form)


@bp.route("/pairs/<int:pair_id>/agreement/reset", methods=["POST"])
@login_required
def reset(pair_id: int):
    """Reset the draft's text to the current template (a new version; the tandem's goals and terms stay)."""
    pair = get_permitted(Pair, pair_id)
    version = submit(ActionForm(), ops.reset_to_template, current_user.person, _agreement_or_404(pair))
    if version:
        flash(_("The template text has been restored as version %(n)s.", n=version.number), "success")
    return redirect(url_for("agreements.agreement", pair_id=pair.id))


@bp.route("/pairs/<int:pair_id>/agreement/versions/<int:number>")
@login_required
def version(pair_id: int, number: int):
    """Show one saved version with its fingerprint check."""
    pair = get_permitted(Pair, pair_id)
    item = _version_or_404(_agreement_or_404(pair), number)
    return render_template("agreements/version.html", pair=pair, version=item, verified=ops.verify(item))


@bp.route("/pairs/<int:pair_id>/agreement/versions/<int:number>/pdf")
@login_required
def pdf(pair_id: int, number: int):
    """Download a version as a PDF for printing."""
    pair = get_permitted(Pair, pair_id)
    item = _version_or_404(_agreement_or_404(pair), number)
    name = f"mentoring-agreement-{pair.id}-v{item.number}.pdf"
    response = Response(render_pdf(item, item.signatures), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return private_download(response)


@bp.route("/pairs/<int:pair_id>/agreement/sign", methods=["POST"])
@login_required
def sign(pair_id: int):
    """Sign the current version with the typed full name."""
    pair, form = get_permitted(Pair, pair_id), SignForm()
    agreement = _agreement_or_404(pair)
    if form.validate_on_submit():
        number = int(form.number.data) if str(form.number.data).isdigit() else 0
        if run_operation(form, ops.sign, current_user.person, agreement, number, form.typed_name.data,
                         form.confirm.data):
            flash(_("Thank you, you have signed version %(n)s.", n=number), "success")
            return redirect(url_for("agreements.agreement", pair_id=pair.id))
    return _render(pair, sign_form=form, status=400)


@bp.route("/pairs/<int:pair_id>/agreement/scans", methods=["POST"])
@login_required
def upload_scan(pair_id: int):
    """Upload a scan of the printed agreement signed by both."""
    pair, form = get_permitted(Pair, pair_id), ScanForm()
    agreement = _agreement_or_404(pair)
    if submit(form, ops.upload_scan, current_user.person, agreement,
                                             form.file.data, current_app.config["UPLOAD_MAX_BYTES"]):
        flash(_("The scan has been uploaded. A coordinator will confirm it."), "success")
        return redirect(url_for("agreements.agreement", pair_id=pair.id))
    return _render(pair, scan_form=form, status=400)


def _scan_or_404(pair, scan_id: int) -> AgreementScan:
    scan = next((s for s in _agreement_or_404(pair).scans if s.id == scan_id), None) or abort(404)
    return require(current_user.person, "view", scan)


@bp.route("/pairs/<int:pair_id>/agreement/scans/<int:scan_id>")
@login_required
def download_scan(pair_id: int, scan_id: int):
    """Download a signed scan."""
    scan = _scan_or_404(get_permitted(Pair, pair_id), scan_id)
    return private_download(send_file(uploads.open_stored(scan.storage_name), mimetype=scan.mimetype,
                                      as_attachment=True, download_name=scan.original_name))


@bp.route("/pairs/<int:pair_id>/agreement/scans/<int:scan_id>/confirm", methods=["POST"])
@role_required(Role.COORDINATOR)
def confirm_scan(pair_id: int, scan_id: int):
    """Confirm a signed scan (coordinators)."""
    pair = get_permitted(Pair, pair_id)
    scan, form = _scan_or_404(pair, scan_id), ActionForm()
    if form.validate_on_submit() and run_operation(None, ops.confirm_scan, current_user.person, scan):
        flash(_("The scan is confirmed; the agreement is in force."), "success")
    return redirect(url_for("agreements.agreement", pair_id=pair.id))


@bp.app_template_global()
def flagged_agreement_count() -> int:
    """Return how many agreements wait for a coordinator to settle their duration (for coordinator pages; kept until
    the next write like the other programme-wide counts)."""
    return cache.remember(("flagged-agreements",), ops.count_flagged_agreements)


@bp.route("/agreements/templates")
@role_required(Role.COORDINATOR)
def templates():
    """List the agreement templates per language."""
    current = {lang: ops.latest_template(lang) for lang in LANGUAGES}
    return render_template("agreements/templates.html", current=current)


@bp.route("/agreements/flagged")
@role_required(Role.COORDINATOR)
def flagged():
    """List the current tandems' agreements whose old free-text duration could not be read."""
    return render_template("agreements/flagged.html", agreements=ops.flagged_agreements())


@bp.route("/agreements/templates/<language>", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit_template(language: str):
    """Edit the template in one language; saving keeps a new version."""
    if language not in LANGUAGES:
        abort(404)
    form = TemplateForm(data=ops.template_sections(language))
    if submit(form, ops.save_template, current_user.person, language, {key: form[key].data for key in SECTIONS}):
        flash(_("The template has been saved."), "success")
        return redirect(url_for("agreements.templates"))
    return render_template("agreements/template_edit.html", form=form, language=language), form_status(form)
