"""Coordinator pages of a matching run: start it, review its proposals with explanations, confirm it."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from bridge.core.auth import role_required
from bridge.core.db import db
from bridge.core.roles import Role
from bridge.core.web import get_or_404, run_operation, submit
from bridge.modules.pairing.forms import CommentForm, ReplaceForm, WeightsForm
from bridge.modules.pairing.models import MatchProposal, MatchRun
from bridge.modules.pairing.operations import review
from bridge.modules.pairing.operations.eligibility import procedure_items, procedures_complete
from bridge.modules.pairing.operations.matching import run_matching
from bridge.modules.pairing.operations.profiles import find_profile
from bridge.modules.pairing.views import bp
from bridge.modules.people.models import Person


@bp.route("/runs")
@role_required(Role.COORDINATOR)
def runs():
    """List the matching runs, newest first."""
    rows = db.session.scalars(db.select(MatchRun).order_by(MatchRun.created_at.desc(), MatchRun.id.desc())).all()
    return render_template("pairing/runs.html", runs=rows)


@bp.route("/runs/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def new_run():
    """Choose the weights and run the matching (refused while the checklist is incomplete)."""
    form = WeightsForm()
    run = submit(form, run_matching, current_user.person, form.weights())
    if run is not None:
        flash(_("The matching has run. Review the proposals: nobody is told before you confirm."), "success")
        return redirect(url_for("pairing.run", run_id=run.id))
    status = 400 if form.errors or form.is_submitted() else 200
    return render_template("pairing/new_run.html", form=form, items=procedure_items(),
                           complete=procedures_complete()), status


def _people(ids) -> dict[int, Person]:
    ids = {int(i) for i in ids}
    if not ids:
        return {}
    return {p.id: p for p in db.session.scalars(db.select(Person).where(Person.id.in_(ids)))}


@bp.route("/runs/<int:run_id>")
@role_required(Role.COORDINATOR)
def run(run_id: int):
    """Review a run: proposals with scores, unmatched mentees with reasons, and the checklist it ran with."""
    return _run_page(get_or_404(MatchRun, run_id))


def _run_page(match_run: MatchRun, confirm_form=None, status: int = 200):
    summary = match_run.summary
    ids = [u["mentee_id"] for u in summary.get("unmatched", [])] + match_run.inputs.get("skipped", [])
    ids += [e[k] for e in summary.get("pin_errors", []) for k in ("mentee_id", "mentor_id")]
    return render_template("pairing/run.html", run=match_run, people=_people(ids),
                           confirm_form=confirm_form or CommentForm(prefix="confirm", formdata=None)), status


def _proposal_page(item: MatchProposal, comment_form=None, replace_form=None, status: int = 200):
    runners = _people(mentor for mentor, _score in item.runners_up)
    return render_template("pairing/proposal.html", proposal=item, run=item.run, runners=runners,
                           comment_form=comment_form or CommentForm(prefix="decision", formdata=None),
                           replace_form=replace_form or ReplaceForm(prefix="replace", formdata=None),
                           find_profile=find_profile), status


@bp.route("/proposals/<int:proposal_id>")
@role_required(Role.COORDINATOR)
def proposal(proposal_id: int):
    """Explain one proposal: the contribution of each criterion, the runners-up, and the decisions."""
    return _proposal_page(get_or_404(MatchProposal, proposal_id))


def _back(item: MatchProposal):
    return redirect(url_for("pairing.run", run_id=item.run_id, _anchor=f"proposal-{item.id}"))


@bp.route("/proposals/<int:proposal_id>/<any(accept, reject):decision>", methods=["POST"])
@role_required(Role.COORDINATOR)
def decide(proposal_id: int, decision: str):
    """Accept or reject a proposal (a rejection needs a comment)."""
    item = get_or_404(MatchProposal, proposal_id)
    form = CommentForm(prefix="decision")
    operation = review.accept_proposal if decision == "accept" else review.reject_proposal
    if submit(form, operation, current_user.person, item, form.comment.data):
        flash(_("Proposal accepted.") if decision == "accept" else _("Proposal rejected."), "success")
        return _back(item)
    return _proposal_page(item, comment_form=form, status=400)


@bp.route("/proposals/<int:proposal_id>/replace", methods=["POST"])
@role_required(Role.COORDINATOR)
def replace(proposal_id: int):
    """Replace a proposal's mentor by hand, with a comment."""
    item = get_or_404(MatchProposal, proposal_id)
    form = ReplaceForm(prefix="replace")
    if form.validate_on_submit():
        mentor = db.session.get(Person, int(form.mentor_id.data))
        if run_operation(form, review.replace_proposal, current_user.person, item, mentor, form.comment.data,
                         form.exception_reason.data):
            flash(_("The proposal has been replaced."), "success")
            return _back(item)
    return _proposal_page(item, replace_form=form, status=200 if form.searching() else 400)


@bp.route("/runs/<int:run_id>/accept-all", methods=["POST"])
@role_required(Role.COORDINATOR)
def accept_all(run_id: int):
    """Accept every open proposal of a run."""
    match_run = get_or_404(MatchRun, run_id)
    count = run_operation(None, review.accept_all, current_user.person, match_run)
    if count is None:
        return _run_page(match_run, status=409)
    flash(ngettext("%(num)d open proposal accepted.", "%(num)d open proposals accepted.", count), "success")
    return redirect(url_for("pairing.run", run_id=run_id))


@bp.route("/runs/<int:run_id>/confirm", methods=["POST"])
@role_required(Role.COORDINATOR)
def confirm(run_id: int):
    """Confirm a run: create the tandems and introduce their members."""
    match_run = get_or_404(MatchRun, run_id)
    form = CommentForm(prefix="confirm")
    pairs = submit(form, review.confirm_run, current_user.person, match_run, form.comment.data)
    if pairs is None:
        return _run_page(match_run, form, 400)
    flash(ngettext("Confirmed: %(num)d tandem created and introduced by mail.",
                   "Confirmed: %(num)d tandems created and introduced by mail.", len(pairs)), "success")
    return redirect(url_for("pairing.pairs"))

