"""The public application page and the coordinators' review queue and template editor."""
from datetime import timedelta

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import format_timedelta, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from bridge.core.auth import role_required
from bridge.core.db import db
from bridge.core.permissions import require
from bridge.core.roles import Role
from bridge.core.throttle import Quota
from bridge.core.web import form_status, get_or_404, run_operation, submit
from bridge.extensions import limiter
from bridge.modules.externals import util
from bridge.modules.externals.operations import applications as ops
from bridge.modules.externals.operations import advisers as adviser_ops
from bridge.modules.externals.operations import consent
from bridge.modules.externals.operations import review
from bridge.modules.externals.forms import AdviserForm, NoteForm, QuestionForm, RejectForm, application_form_class
from bridge.modules.externals.models import ApplicationState, ExternalApplication, TandemAdviser
from bridge.modules.pairing.models import Pair
from bridge.modules.people.models import Person

bp = Blueprint("externals", __name__)
PAGE_SIZE = 25


def _attempt_limit() -> str:
    return current_app.config["APPLY_ATTEMPT_LIMIT"]


@bp.route("/apply", methods=["GET", "POST"])
@limiter.limit(_attempt_limit, methods=["POST"])
def apply():
    """Show and take the public application of an external professional.

    Only applications that were sent count towards QSER_APPLY_RATE_LIMIT (failed validations do not); over the
    limit, the form comes back with what was typed and says how long to wait. QSER_APPLY_ATTEMPT_LIMIT bounds
    all attempts against floods.
    """
    form = application_form_class(ops.current_template())()
    quota, wait = Quota("apply", current_app.config["APPLY_RATE_LIMIT"]), 0
    if request.method == "GET":
        form.started.data = util.form_stamp()
    elif form.validate_on_submit():
        wait = quota.wait_seconds()
        if not wait and run_operation(form, _submit_application, form) is not None:
            quota.use()
            return redirect(url_for("externals.thanks"))
    status = 429 if wait else (400 if request.method == "POST" else 200)
    page = render_template("externals/apply.html", form=form, consent_version=util.CONSENT_TEXT_VERSION,
                           retention_days=review.retention_days(),
                           wait=format_timedelta(timedelta(seconds=wait), threshold=1) if wait else None)
    return page, status, ({"Retry-After": str(wait)} if wait else {})


def _submit_application(form):
    util.check_human(form.started.data, form.website.data)
    return ops.submit_application(form.data_for_operation(request.form, str(get_locale())), request.files.get("cv"))


@bp.route("/apply/thanks")
def thanks():
    """Confirm that the application has arrived."""
    return render_template("externals/thanks.html")


@bp.route("/applications/")
@role_required(Role.COORDINATOR)
def queue():
    """List applications, the open ones first."""
    state = request.args.get("state", "open")
    stmt = db.select(ExternalApplication).order_by(ExternalApplication.created_at.desc(), ExternalApplication.id)
    if state == "open":
        stmt = stmt.where(ExternalApplication.state.in_(("submitted", "info_requested")))
    elif state in {s.value for s in ApplicationState}:
        stmt = stmt.where(ExternalApplication.state == state)
    page = db.paginate(stmt, per_page=PAGE_SIZE, error_out=False)
    return render_template("externals/queue.html", page=page, state=state, labels=util.STATE_LABELS)


def _application(application_id: int) -> ExternalApplication:
    return require(current_user.person, "review", get_or_404(ExternalApplication, application_id))


def _show(application, status=200, **forms):
    forms = {"note_form": NoteForm(formdata=None), "info_form": NoteForm(formdata=None, prefix="info"),
             "reject_form": RejectForm(formdata=None), **forms}
    return render_template("externals/application.html", application=application, labels=util.STATE_LABELS,
                           retention_days=review.retention_days(), **forms), status


@bp.route("/applications/<int:application_id>")
@role_required(Role.COORDINATOR)
def show(application_id: int):
    """Show one application with its review history."""
    return _show(_application(application_id))


@bp.route("/applications/<int:application_id>/cv")
@role_required(Role.COORDINATOR)
def cv(application_id: int):
    """Download the applicant's CV."""
    application = _application(application_id)
    if not application.cv_storage_name:
        abort(404)
    return send_file(util.open_cv(application.cv_storage_name), mimetype="application/pdf", as_attachment=True,
                     download_name=f"cv-application-{application.id}.pdf")


def _act(application, form, key, action, done_message):
    if not submit(form, action):
        return _show(application, 400, **{key: form})
    flash(done_message, "success")
    return redirect(url_for("externals.show", application_id=application.id))


@bp.route("/applications/<int:application_id>/comment", methods=["POST"])
@role_required(Role.COORDINATOR)
def comment(application_id: int):
    """Add an internal note."""
    application, form = _application(application_id), NoteForm()
    return _act(application, form, "note_form",
                lambda: review.add_comment(current_user.person, application, form.body.data), _("Note saved."))


@bp.route("/applications/<int:application_id>/request-info", methods=["POST"])
@role_required(Role.COORDINATOR)
def request_info(application_id: int):
    """Ask the applicant for more information by mail."""
    application, form = _application(application_id), NoteForm(prefix="info")
    return _act(application, form, "info_form",
                lambda: review.request_info(current_user.person, application, form.body.data),
                _("Your request has been mailed to the applicant."))


@bp.route("/applications/<int:application_id>/accept", methods=["POST"])
@role_required(Role.COORDINATOR)
def accept(application_id: int):
    """Accept: create the mentor and send the invitation."""
    application = _application(application_id)
    person = run_operation(None, review.accept, current_user.person, application)
    if person is None:
        return _show(application, 400)
    flash(_("%(name)s is now an external mentor and has been invited. The nightly Moodle sync creates their "
            "Moodle account.", name=person.full_name), "success")
    return redirect(url_for("externals.show", application_id=application.id))


@bp.route("/applications/<int:application_id>/reject", methods=["POST"])
@role_required(Role.COORDINATOR)
def reject(application_id: int):
    """Reject with a reason mailed to the applicant."""
    application, form = _application(application_id), RejectForm()
    return _act(application, form, "reject_form",
                lambda: review.reject(current_user.person, application, form.reason.data),
                _("The application has been rejected and the applicant informed."))


@bp.route("/applications/template", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def template():
    """Show the application template and add questions to it."""
    form = QuestionForm()
    data = {**form.data, "options": (form.options.data or "").splitlines()}
    if submit(form, ops.add_question, current_user.person, data):
        flash(_("The question has been added."), "success")
        return redirect(url_for("externals.template"))
    return render_template("externals/template.html", form=form, template=ops.current_template(),
                           kinds=util.KIND_LABELS), form_status(form)


@bp.route("/applications/template/<int:position>/remove", methods=["POST"])
@role_required(Role.COORDINATOR)
def remove_question(position: int):
    """Remove a question from the template."""
    run_operation(None, ops.remove_question, current_user.person, position)
    flash(_("The question has been removed."), "success")
    return redirect(url_for("externals.template"))


@bp.route("/advisers/", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def advisers():
    """List the external professionals who advise tandems, and add one (they join the tandem's Moodle group)."""
    form = AdviserForm()
    form.pair_id.choices = [("", "—")] + [(str(pair_id), names) for pair_id, names in adviser_ops.advisable_tandems()]
    form.person_id.choices = [("", "—")] + [(str(p.id), p.full_name) for p in adviser_ops.external_people()]
    if submit(form, adviser_ops.add_adviser, current_user.person, form.pair_id.data, form.person_id.data):
        flash(_("The adviser has been added. They join the tandem's group in Moodle."), "success")
        return redirect(url_for("externals.advisers"))
    return render_template("externals/advisers.html", form=form, advisers=adviser_ops.advisers()), form_status(form)


@bp.route("/advisers/<int:pair_id>/<int:person_id>/remove", methods=["POST"])
@role_required(Role.COORDINATOR)
def remove_adviser(pair_id: int, person_id: int):
    """End an adviser's role for a tandem (they leave the tandem's Moodle group)."""
    get_or_404(Pair, pair_id), get_or_404(Person, person_id)  # both ids in range, else 404
    adviser = get_or_404(TandemAdviser, (pair_id, person_id))
    if run_operation(None, adviser_ops.remove_adviser, current_user.person, adviser):
        flash(_("The adviser has been removed from the tandem."), "success")
    return redirect(url_for("externals.advisers"))


@bp.route("/applications/<int:application_id>/withdraw-consent", methods=["POST"])
@role_required(Role.COORDINATOR)
def withdraw_consent(application_id: int):
    """Record that an accepted external professional withdrew their consent: anonymise the person."""
    application = get_or_404(ExternalApplication, application_id)
    if application.person is None:
        abort(404)
    if run_operation(None, consent.withdraw_consent, current_user.person, application.person):
        flash(_("The consent has been withdrawn: the person has been anonymised."), "success")
    return redirect(url_for("externals.queue", state="all"))
