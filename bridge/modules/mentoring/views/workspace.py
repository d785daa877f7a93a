"""The workspace overview with its timeline, the list of one's tandems, ending and the mentor offer."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core.permissions import can, require
from bridge.core.web import get_permitted, run_operation, submit
from bridge.modules.agreements.operations.agreement import find_agreement
from bridge.modules.mentoring.forms import ActionForm, CompleteForm, EndForm
from bridge.modules.mentoring.operations import ending
from bridge.modules.mentoring.operations.timeline import build_timeline
from bridge.modules.mentoring.views import bp
from bridge.modules.pairing.models import CONFIRMED_STATES, Pair
from bridge.modules.pairing.operations.lifecycle import facts_of, role_of
from bridge.modules.pairing.operations.pairs import current_pairs_of, with_members


@bp.route("/pairs/mine")
@login_required
def mine():
    """Open the workspace of one's current tandem (or list them if there are several)."""
    pairs = [p for p in current_pairs_of(current_user.person) if p.state in CONFIRMED_STATES]
    if len(pairs) == 1:
        return redirect(url_for("mentoring.workspace", pair_id=pairs[0].id))
    return render_template("mentoring/mine.html", pairs=pairs, person=current_user.person)


def _render(pair, status=200):
    person = current_user.person
    candidate = ending.find_candidate(person) if pair.mentee_id == person.id else None
    agreement = find_agreement(pair)
    return render_template(
        "mentoring/workspace.html", pair=pair, timeline=build_timeline(pair, agreement), agreement=agreement,
        action_form=ActionForm(), candidate=candidate, can_end=can(person, "end", pair),
        can_read_messages=can(person, "read_messages", pair)), status


@bp.route("/pairs/<int:pair_id>/")
@login_required
def workspace(pair_id: int):
    """Show the tandem's workspace: next steps, timeline and ending."""
    return _render(get_permitted(Pair, pair_id, options=with_members()))


def _finish(pair_id: int, form, kind: str, operation, args: tuple, done: str):
    """Show the confirmation page with the consequences; on a valid POST run the ending and go to the workspace."""
    pair = get_permitted(Pair, pair_id)
    require(current_user.person, "end", pair, ending.END_DENIED)
    if submit(form, operation, current_user.person, pair, *args):
        flash(done, "success")
        return redirect(url_for("mentoring.workspace", pair_id=pair.id))
    return render_template("mentoring/ending.html", pair=pair, form=form, kind=kind, facts=facts_of(pair),
                           role=role_of(current_user.person, pair)), 400 if request.method == "POST" else 200


@bp.route("/pairs/<int:pair_id>/complete", methods=["GET", "POST"])
@login_required
def complete(pair_id: int):
    """Ask for confirmation, then mark the tandem completed (guards in the state machine)."""
    form = CompleteForm()
    return _finish(pair_id, form, "complete", ending.complete_pair, (form.comment.data, form.override.data),
                   _("The tandem is completed. Thank you both!"))


@bp.route("/pairs/<int:pair_id>/end", methods=["GET", "POST"])
@login_required
def end(pair_id: int):
    """Ask for confirmation and a reason, then end the tandem early."""
    form = EndForm()
    return _finish(pair_id, form, "end", ending.end_pair_early, (form.reason.data,),
                   _("The tandem has been ended. The coordinators have been told."))


@bp.route("/pairs/<int:pair_id>/become-mentor", methods=["POST"])
@login_required
def become_mentor(pair_id: int):
    """Accept the offer to become a mentor."""
    pair, form = get_permitted(Pair, pair_id), ActionForm()
    if form.validate_on_submit() and run_operation(None, ending.accept_mentor_role, current_user.person):
        flash(_("Welcome as a mentor! Please fill in your mentor profile."), "success")
        return redirect(url_for("pairing.profile"))
    return redirect(url_for("mentoring.workspace", pair_id=pair.id))
