"""The coordinator's review of a run: accept, reject or replace proposals, then confirm (or pair offline)."""
from dataclasses import replace

from bridge.core import audit
from bridge.core.db import db, utcnow
from bridge.core.effects import after_commit
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.modules.pairing.engine.hard_constraints import build_masks
from bridge.modules.pairing.engine.scoring import contributions, criterion_matrices
from bridge.modules.pairing.engine.types import Weights
from bridge.modules.pairing.models import (
    MatchProposal, MatchRun, Pair, PairSource, PairState, ProposalStatus, RunKind, RunStatus,
)
from bridge.modules.pairing.operations.eligibility import procedure_items, procedures_complete
from bridge.modules.pairing.operations.introductions import introduce
from bridge.modules.pairing.operations.matching import inputs_from_snapshot, snapshot, tandem_inputs
from bridge.modules.pairing.operations.pairs import add_note, create_pair, is_line_manager_pair, transition
from bridge.modules.pairing.operations.pins import clean_comment
from bridge.modules.pairing.util import PIN_PROBLEMS
from bridge.modules.people.models import Person

LIVE = (ProposalStatus.PROPOSED.value, ProposalStatus.ACCEPTED.value)  # these hold a place of the mentor
DECIDABLE = (*LIVE, ProposalStatus.REJECTED.value)


def _check_draft(run: MatchRun) -> None:
    if not run.is_draft:
        raise Conflict(N_("This run has already been confirmed or replaced by a newer run; it cannot change."))


def _decide(actor: Person, proposal: MatchProposal, status: ProposalStatus, comment: str) -> MatchProposal:
    _check_draft(proposal.run)
    if proposal.status not in DECIDABLE:
        raise Conflict(N_("This proposal has been replaced; decide on its replacement instead."))
    proposal.status, proposal.comment = status.value, comment
    proposal.decided_by_id, proposal.decided_at = actor.id, utcnow()
    audit.record(actor, f"pairing.proposal_{status.value}", proposal,
                 f"{proposal.mentor.full_name} – {proposal.mentee.full_name}", comment=comment, run=proposal.run_id)
    return proposal


def accept_proposal(actor: Person, proposal: MatchProposal, comment: str = "") -> MatchProposal:
    """Accept a proposal (nobody is told before the run is confirmed)."""
    return _decide(actor, proposal, ProposalStatus.ACCEPTED, clean_comment(comment))


def reject_proposal(actor: Person, proposal: MatchProposal, comment: str) -> MatchProposal:
    """Reject a proposal, with a comment that says why."""
    return _decide(actor, proposal, ProposalStatus.REJECTED, clean_comment(comment, required=True))


def accept_all(actor: Person, run: MatchRun) -> int:
    """Accept every open proposal of a run; return how many."""
    _check_draft(run)
    open_ones = [p for p in run.proposals if p.is_open]
    for proposal in open_ones:
        _decide(actor, proposal, ProposalStatus.ACCEPTED, "")
    return len(open_ones)


def _explain_pair(run: MatchRun, mentee_id: int, mentor_id: int, exception_reason: str = "") -> tuple[float, dict]:
    """Score a hand-picked pair with the run's weights; raise if a hard constraint forbids it.

    A line-manager relation is allowed when the coordinator gives a written justification (exception_reason);
    every other hard constraint still holds.
    """
    mentees, mentors, constraints = inputs_from_snapshot(run.inputs)
    mentee = next(m for m in mentees if m.id == mentee_id)
    mentor = next((m for m in mentors if m.id == mentor_id), None)
    if mentor is None:
        raise ValidationFailed(N_("Choose a mentor who took part in this run."), field="mentor_id")
    problem = build_masks([mentee], [mentor], constraints).violation(0, 0)
    if problem == "line_manager" and exception_reason:
        problem = build_masks([replace(mentee, line_manager_id=None)], [replace(mentor, line_manager_id=None)],
                              constraints).violation(0, 0)
    elif problem == "line_manager":
        raise Conflict(N_("This pair is not possible: %(reason)s. A coordinator may allow it as an exception with "
                          "a written justification."), field="exception_reason",
                       reason=PIN_PROBLEMS.get(problem, problem))
    if problem is not None:
        raise Conflict(N_("This pair is not possible: %(reason)s."), field="mentor_id",
                       reason=PIN_PROBLEMS.get(problem, problem))
    used = sum(p.mentor_id == mentor_id and p.status in LIVE and p.mentee_id != mentee_id for p in run.proposals)
    if used >= mentor.capacity:
        raise Conflict(N_("This mentor has no free place left in this run."), field="mentor_id")
    weights = Weights(**run.weights)
    criteria = criterion_matrices([mentee], [mentor], weights)
    parts = contributions(criteria, weights, 0, 0)
    return sum(parts.values()), parts


def replace_proposal(actor: Person, proposal: MatchProposal, mentor: Person, comment: str,
                     exception_reason: str = "") -> MatchProposal:
    """Replace a proposal's mentor by hand; the new pair is scored and accepted, the old one kept as replaced.

    A line-manager pair needs a written justification (exception_reason), kept on the proposal for the
    selection report and used when the run is confirmed.
    """
    _check_draft(proposal.run)
    comment = clean_comment(comment, required=True)
    exception_reason = clean_comment(exception_reason, field="exception_reason")
    if mentor is None or mentor.id == proposal.mentor_id:
        raise ValidationFailed(N_("Choose a different mentor."), field="mentor_id")
    score, parts = _explain_pair(proposal.run, proposal.mentee_id, mentor.id, exception_reason)
    if not is_line_manager_pair(mentor, proposal.mentee):
        exception_reason = ""  # no exception needed: nothing to justify
    _decide(actor, proposal, ProposalStatus.REPLACED, comment)
    replacement = MatchProposal(run_id=proposal.run_id, mentee_id=proposal.mentee_id, mentor_id=mentor.id,
                                score=score, contributions=parts, manual=True, comment=comment,
                                exception_reason=exception_reason,
                                status=ProposalStatus.ACCEPTED.value, decided_by_id=actor.id, decided_at=utcnow())
    proposal.run.proposals.append(replacement)
    db.session.flush()
    audit.record(actor, "pairing.proposal_replaced", replacement,
                 f"{mentor.full_name} – {replacement.mentee.full_name}", comment=comment, replaces=proposal.id)
    return replacement


def _source(proposal: MatchProposal) -> PairSource:
    return PairSource.MANUAL if proposal.manual else PairSource.AUTOMATIC


def confirm_run(actor: Person, run: MatchRun, comment: str = "") -> list[Pair]:
    """Create a tandem (introduced) for every accepted proposal; its members are introduced after the commit."""
    _check_draft(run)
    comment = clean_comment(comment)
    open_count = sum(p.is_open for p in run.proposals)
    if open_count:
        raise Conflict(N_("Accept or reject every proposal before confirming (%(n)s still open)."), n=open_count)
    accepted = [p for p in run.proposals if p.status == ProposalStatus.ACCEPTED.value]
    if not accepted:
        raise Conflict(N_("Accept at least one proposal before confirming."))
    pairs = []
    for proposal in accepted:
        pair = create_pair(actor, proposal.mentor, proposal.mentee, _source(proposal), proposal.comment, run.id,
                           exception_reason=proposal.exception_reason)
        transition(pair, PairState.INTRODUCED, actor, comment)
        proposal.status = ProposalStatus.CONFIRMED.value
        pairs.append(pair)
    run.status, run.confirmed_by_id, run.confirmed_at = RunStatus.CONFIRMED.value, actor.id, utcnow()
    db.session.flush()
    audit.record(actor, "pairing.run_confirmed", run, f"run {run.id}", run=run.id, pairs=[p.id for p in pairs], comment=comment)
    after_commit(introduce, [pair.id for pair in pairs])
    return pairs


def _offline_report(actor: Person, mentor: Person, mentee: Person, reason: str, procedures_reason: str,
                    exception_reason: str) -> MatchRun:
    """Store the selection report of an offline tandem: its inputs, score, checklist and exceptions, like a run."""
    inputs = tandem_inputs(mentor, mentee)
    weights = Weights()
    score, parts = 0.0, {}
    if inputs.mentees and inputs.mentors:
        criteria = criterion_matrices(inputs.mentees, inputs.mentors, weights)
        parts = contributions(criteria, weights, 0, 0)
        score = sum(parts.values())
    exceptions = ([{"mentee_id": mentee.id, "mentor_id": mentor.id, "justification": exception_reason}]
                  if exception_reason else [])
    summary = {"mentees": 1, "mentors": 1, "eligible_mentors": 1, "places": 1, "matched": 1, "total_score": score,
               "unmatched": [], "pin_errors": [], "reason": reason, "procedures_complete": procedures_complete(),
               "procedures_reason": procedures_reason, "scored": bool(inputs.mentees and inputs.mentors),
               "line_manager_exceptions": exceptions}
    now = utcnow()
    run = MatchRun(kind=RunKind.OFFLINE.value, status=RunStatus.CONFIRMED.value, created_by_id=actor.id,
                   confirmed_by_id=actor.id, confirmed_at=now,
                   weights={**weights.as_dict(), "department_preference": weights.department_preference},
                   inputs=snapshot(inputs), summary=summary)
    run.proposals = [MatchProposal(mentee_id=mentee.id, mentor_id=mentor.id, score=score, contributions=parts,
                                   manual=True, comment=reason, exception_reason=exception_reason,
                                   status=ProposalStatus.CONFIRMED.value, decided_by_id=actor.id, decided_at=now)]
    db.session.add(run)
    db.session.flush()
    return run


def record_offline_pair(actor: Person, mentor: Person, mentee: Person, reason: str, procedures_reason: str = "",
                        exception_reason: str = "") -> Pair:
    """Record a tandem decided outside the matching, through the same gate, with a selection report of its own.

    The internal procedures checklist must be complete, or the coordinator records why the tandem goes ahead
    without it (procedures_reason). A line-manager pair needs a written justification (exception_reason).
    Its members are introduced after the commit.
    """
    reason = clean_comment(reason, required=True, field="reason")
    procedures_reason = clean_comment(procedures_reason, field="procedures_reason")
    exception_reason = clean_comment(exception_reason, field="exception_reason")
    if procedures_complete():
        procedures_reason = ""
    elif not procedures_reason:
        items = procedure_items()
        if not items:
            raise Conflict(N_("The internal procedures checklist has no items yet. Add and complete them, or "
                              "record why this tandem goes ahead without them."), field="procedures_reason")
        raise Conflict(N_("The internal procedures checklist is not complete (%(open)s open). Complete it, or "
                          "record why this tandem goes ahead without it."), field="procedures_reason",
                       open=sum(not item.is_done for item in items))
    pair = create_pair(actor, mentor, mentee, PairSource.OFFLINE, reason, exception_reason=exception_reason)
    used = exception_reason if pair.line_manager_exception else ""
    run = _offline_report(actor, mentor, mentee, reason, procedures_reason, used)
    pair.run_id = run.id
    add_note(pair, actor, "procedures_waived", procedures_reason)
    transition(pair, PairState.INTRODUCED, actor)  # the reason is kept once, as the pairing's note
    audit.record(actor, "pairing.offline_pair", pair, f"{mentor.full_name} – {mentee.full_name}", reason=reason,
                 procedures_reason=procedures_reason, run=run.id)
    after_commit(introduce, [pair.id])
    return pair
