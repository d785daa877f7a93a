"""The workspace overview with its timeline, the list of one's tandems, ending and the mentor offer."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core.permissions import can
from bridge.core.web import get_permitted, run_operation, submit
from bridge.modules.agreements.operations.agreement import find_agreement
from bridge.modules.mentoring.forms import ActionForm, CompleteForm, EndForm
from bridge.modules.mentoring.operations import ending
from bridge.modules.mentoring.operations.timeline import build_timeline
from bridge.modules.mentoring.views import bp
from bridge.modules.pairing.models import CONFIRMED_STATES, Pair
from bridge.modules.pairing.operations.pairs import current_pairs_of


@bp.route("/pairs/mine")
@login_required
def mine():
    """Open the workspace of one's current tandem (or list them if there are several)."""
    pairs = [p for p in current_pairs_of(current_user.person) if p.state in CONFIRMED_STATES]
    if len(pairs) == 1:
        return redirect(url_for("mentoring.workspace", pair_id=pairs[0].id))
    return render_template("mentoring/mine.html", pairs=pairs, person=current_user.person)


def _render(pair, complete_form=None, end_form=None, status=200):
    person = current_user.person
    candidate = ending.find_candidate(person) if pair.mentee_id == person.id else None
    return render_template(
        "mentoring/workspace.html", pair=pair, timeline=build_timeline(pair), agreement=find_agreement(pair),
        complete_form=complete_form or CompleteForm(), end_form=end_form or EndForm(), action_form=ActionForm(),
        candidate=candidate, can_end=can(person, "end", pair),
        can_read_messages=can(person, "read_messages", pair)), status


@bp.route("/pairs/<int:pair_id>/")
@login_required
def workspace(pair_id: int):
    """Show the tandem's workspace: next steps, timeline and ending."""
    return _render(get_permitted(Pair, pair_id))


def _finish(pair_id: int, form, operation, text: str, done: str, form_name: str):
    pair = get_permitted(Pair, pair_id)
    if submit(form, operation, current_user.person, pair, text):
        flash(done, "success")
        return redirect(url_for("mentoring.workspace", pair_id=pair.id))
    return _render(pair, status=400, **{form_name: form})


@bp.route("/pairs/<int:pair_id>/complete", methods=["POST"])
@login_required
def complete(pair_id: int):
    """Mark the tandem completed."""
    form = CompleteForm()
    return _finish(pair_id, form, ending.complete_pair, form.comment.data,
                   _("The tandem is completed. Thank you both!"), "complete_form")


@bp.route("/pairs/<int:pair_id>/end", methods=["POST"])
@login_required
def end(pair_id: int):
    """End the tandem early, with a reason."""
    form = EndForm()
    return _finish(pair_id, form, ending.end_pair_early, form.reason.data, _("The tandem has been ended."),
                   "end_form")


@bp.route("/pairs/<int:pair_id>/become-mentor", methods=["POST"])
@login_required
def become_mentor(pair_id: int):
    """Accept the offer to become a mentor."""
    pair, form = get_permitted(Pair, pair_id), ActionForm()
    if form.validate_on_submit() and run_operation(None, ending.accept_mentor_role, current_user.person):
        flash(_("Welcome as a mentor! Please fill in your mentor profile."), "success")
        return redirect(url_for("pairing.profile"))
    return redirect(url_for("mentoring.workspace", pair_id=pair.id))
