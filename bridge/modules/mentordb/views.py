"""The mentor database: search, entry pages and the coordinators' Excel export.

Coordinators see everything. Mentors and mentees see each mentor's public summary (profile, languages,
department, free places) but neither email, training status nor tandem history.
"""
from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from bridge.core.auth import role_required
from bridge.core.permissions import can
from bridge.core.roles import Role
from bridge.core.spreadsheets import send_xlsx
from bridge.core.vocabulary import module_title
from bridge.core.web import get_or_404, kept_form_html, paginate
from bridge.modules.mentordb import util
from bridge.modules.mentordb.operations import export
from bridge.modules.mentordb.operations import mentors as ops
from bridge.modules.mentordb.forms import MentorFilterForm
from bridge.modules.pairing.util import STATE_LABELS
from bridge.modules.people.models import Person

bp = Blueprint("mentordb", __name__, url_prefix="/mentors")
READERS = (Role.COORDINATOR, Role.MENTOR, Role.MENTEE)
PAGE_SIZE = 25


def _filters() -> tuple[MentorFilterForm, dict]:
    form = MentorFilterForm(request.args)
    form.validate()
    return form, form.filters()


@bp.route("/")
@role_required(*READERS)
def index():
    """List the mentors matching the filters."""
    form, filters = _filters()
    full = can(current_user.person, "view_private", ops.MentorEntry)
    page = paginate(ops.list_statement(filters), PAGE_SIZE, ("mentors", repr(sorted(filters.items()))))
    return render_template("mentordb/index.html", page=page,
                           filters_html=kept_form_html("mentors", "mentordb/_filters.html", form, full=full),
                           entries=ops.mentor_rows(page.items), filtered=bool(filters),
                           args={k: request.args[k] for k in ops.FILTERS if request.args.get(k)}, full=full)


@bp.route("/export.xlsx")
@role_required(Role.COORDINATOR)
def export_xlsx():
    """Download the filtered mentors as an Excel workbook."""
    _form, filters = _filters()
    return send_xlsx(export.mentors_xlsx(ops.search_mentors(filters)), "mentors.xlsx")


@bp.route("/<int:person_id>")
@role_required(*READERS)
def show(person_id: int):
    """Show one mentor's entry."""
    entry = ops.mentor_entry(get_or_404(Person, person_id)) or abort(404)
    person, full = entry.person, can(current_user.person, "view_private", entry)
    current, past = ops.pairs_of(person) if full else ([], [])
    return render_template("mentordb/show.html", entry=entry, full=full, current=current, past=past,
                           training=ops.training_status(person) if full else [],
                           practices=ops.published_practices_of(person), state_labels=STATE_LABELS,
                           module_title=module_title, training_labels=util.TRAINING_LABELS)


@bp.app_context_processor
def profile_labels():
    """Give templates the labels a mentor profile is shown with."""
    from bridge.core.competences import competence_label
    from bridge.modules.pairing.util import MODE_LABELS, SLOT_LABELS

    return {"competence_label": competence_label, "slot_labels": SLOT_LABELS, "mode_labels": MODE_LABELS}
