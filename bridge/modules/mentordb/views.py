"""The mentor database: search, entry pages and the coordinators' Excel export.

Coordinators see everything. Mentors and mentees see each mentor's public summary (profile, languages,
department, free places) but neither email, training status nor tandem history.
"""
from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from bridge.core.auth import is_coordinator, role_required
from bridge.core.db import db
from bridge.core.roles import Role
from bridge.core.spreadsheets import send_xlsx
from bridge.core.vocabulary import module_title
from bridge.modules.community.models import GoodPractice, PracticeState
from bridge.modules.mentordb import export, util
from bridge.modules.mentordb import operations as ops
from bridge.modules.mentordb.forms import MentorFilterForm
from bridge.modules.pairing.util import STATE_LABELS
from bridge.modules.people.models import Person

bp = Blueprint("mentordb", __name__, url_prefix="/mentors")
READERS = (Role.COORDINATOR, Role.MENTOR, Role.MENTEE)


def _filters() -> tuple[MentorFilterForm, dict]:
    form = MentorFilterForm(request.args)
    form.validate()
    return form, form.filters()


@bp.route("/")
@role_required(*READERS)
def index():
    """List the mentors matching the filters."""
    form, filters = _filters()
    entries = ops.search_mentors(filters)
    return render_template("mentordb/index.html", form=form, entries=entries, filtered=bool(filters),
                           full=is_coordinator(current_user.person))


@bp.route("/export.xlsx")
@role_required(Role.COORDINATOR)
def export_xlsx():
    """Download the filtered mentors as an Excel workbook."""
    _form, filters = _filters()
    return send_xlsx(export.mentors_xlsx(ops.search_mentors(filters)), "mentors.xlsx")


def _good_practices(person: Person) -> list[GoodPractice]:
    states = (PracticeState.PUBLISHED, PracticeState.REUSED)
    stmt = (db.select(GoodPractice).where(GoodPractice.author_id == person.id, GoodPractice.state.in_(states))
            .order_by(GoodPractice.created_at.desc()))
    return list(db.session.scalars(stmt))


@bp.route("/<int:person_id>")
@role_required(*READERS)
def show(person_id: int):
    """Show one mentor's entry."""
    person = db.session.get(Person, person_id) or abort(404)
    entry = ops.mentor_entry(person) or abort(404)
    full = is_coordinator(current_user.person)
    current, past = ops.pairs_of(person) if full else ([], [])
    return render_template("mentordb/show.html", entry=entry, full=full, current=current, past=past,
                           training=ops.training_status(person) if full else [],
                           practices=_good_practices(person), state_labels=STATE_LABELS,
                           module_title=module_title, training_labels=util.TRAINING_LABELS)


@bp.app_context_processor
def profile_labels():
    """Give templates the labels a mentor profile is shown with."""
    from bridge.core.competences import competence_label
    from bridge.modules.pairing.util import MODE_LABELS, SLOT_LABELS

    return {"competence_label": competence_label, "slot_labels": SLOT_LABELS, "mode_labels": MODE_LABELS}
