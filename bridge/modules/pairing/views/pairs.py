"""Tandem pages: the coordinator's list, offline tandems, a tandem's page and its state changes."""
from datetime import datetime
from typing import NamedTuple

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import aliased

from bridge.core.auth import role_required
from bridge.core.db import db, utcnow
from bridge.core.permissions import can, require
from bridge.core.roles import Role
from bridge.core.web import get_or_404, paginate, run_operation, submit
from bridge.modules.pairing.forms import OfflinePairForm, TransitionForm
from bridge.modules.pairing.models import FINAL_STATES, Pair, PairState
from bridge.modules.pairing.operations.eligibility import procedure_items, procedures_complete
from bridge.modules.pairing.operations.pairs import PAIR_FILTERS, allowed_next_states, transition
from bridge.modules.pairing.operations.profiles import find_profile
from bridge.modules.pairing.operations.review import record_offline_pair
from bridge.modules.pairing.util import SOURCE_LABELS, STATE_LABELS
from bridge.modules.pairing.views import bp
from bridge.modules.people.models import Person, full_name

PAIRS_PER_PAGE = 25  # like every list of the product (people, mentors)


class TandemRow(NamedTuple):
    """One tandem as the coordinator's list shows it (read without the entities)."""

    id: int
    state: str
    source: str
    created_at: datetime
    mentor_name: str
    mentee_name: str


@bp.route("/pairs")
@role_required(Role.COORDINATOR)
def pairs():
    """List every tandem, current ones first."""
    state = request.args.get("state", "")
    # The list reads rows of the columns it shows (a read model): loading 50 tandems and their 100 members as
    # entities cost more than everything else on the page.
    mentor, mentee = aliased(Person), aliased(Person)
    stmt = (db.select(Pair.id, Pair.state, Pair.source, Pair.created_at,
                      mentor.first_name.label("mentor_first"), mentor.last_name.label("mentor_last"),
                      mentee.first_name.label("mentee_first"), mentee.last_name.label("mentee_last"))
            .join(mentor, mentor.id == Pair.mentor_id).join(mentee, mentee.id == Pair.mentee_id)
            .order_by(Pair.created_at.desc(), Pair.id.desc()))
    if state in {s.value for s in PairState}:
        stmt = stmt.where(Pair.state == state)
    attention = request.args.get("attention", "")
    if attention in PAIR_FILTERS:
        stmt = stmt.where(PAIR_FILTERS[attention][1](utcnow().date()))
    else:
        attention = ""
    page = paginate(stmt, PAIRS_PER_PAGE, ("pairs", state, attention, utcnow().date()))
    # Labels translated once for the page, not once per row.
    rows = [TandemRow(row.id, row.state, row.source, row.created_at, full_name(row.mentor_first, row.mentor_last),
                      full_name(row.mentee_first, row.mentee_last)) for row in page.items]
    return render_template("pairing/pairs.html", pairs=rows, page=page, state=state, attention=attention,
                           attention_label=PAIR_FILTERS[attention][0] if attention else None,
                           row_states={k: _(v) for k, v in STATE_LABELS.items()},
                           row_sources={k: _(v) for k, v in SOURCE_LABELS.items()})


@bp.route("/pairs/offline", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def offline():
    """Record a tandem decided in a meeting, with the reason."""
    form = OfflinePairForm()
    if form.validate_on_submit():
        mentor, mentee = form.chosen_people()
        pair = run_operation(form, record_offline_pair, current_user.person, mentor, mentee, form.comment.data,
                             form.procedures_reason.data, form.exception_reason.data)
        if pair is not None:
            flash(_("The tandem has been recorded and both have been introduced by mail."), "success")
            return redirect(url_for("pairing.pair", pair_id=pair.id))
    status = 400 if form.is_submitted() and not form.searching() else 200  # a name search (no JavaScript) is no error
    return render_template("pairing/offline.html", form=form, items=procedure_items(),
                           complete=procedures_complete()), status


def _transition_form(pair: Pair) -> TransitionForm:
    form = TransitionForm()
    form.to_state.choices = [(s, _(STATE_LABELS[s])) for s in allowed_next_states(pair)
                             if s not in FINAL_STATES]  # ending goes through the workspace's confirmation pages
    return form


@bp.route("/pairs/<int:pair_id>")
@login_required
def pair(pair_id: int):
    """Show a tandem to its members and coordinators, with its history."""
    item = require(current_user.person, "view", get_or_404(Pair, pair_id))
    form = _transition_form(item) if can(current_user.person, "transition", item) else None
    return render_template("pairing/pair.html", pair=item, form=form, find_profile=find_profile)


@bp.route("/pairs/<int:pair_id>/transition", methods=["POST"])
@role_required(Role.COORDINATOR)
def pair_transition(pair_id: int):
    """Move a tandem to its next state, with a comment."""
    item = require(current_user.person, "transition", get_or_404(Pair, pair_id))
    form = _transition_form(item)
    if submit(form, transition, item, form.to_state.data, current_user.person, form.comment.data):
        flash(_("The tandem is now: %(state)s.", state=_(STATE_LABELS[item.state])), "success")
        return redirect(url_for("pairing.pair", pair_id=item.id))
    return render_template("pairing/pair.html", pair=item, form=form, find_profile=find_profile), 400
