"""Matching runs from the database, the coordinator's review, confirmation and offline tandems."""
import math

import pytest

from bridge.core.audit import AuditEvent
from bridge.core.errors import Conflict, ValidationFailed
from bridge.modules.pairing.models import MatchPin, Pair, PairTransition
from bridge.modules.pairing.operations.eligibility import record_exemption
from bridge.modules.pairing.operations.matching import run_matching
from bridge.modules.pairing.operations.pins import add_exclusion, add_pin
from bridge.modules.pairing.operations.profiles import save_mentee_profile, save_mentor_profile
from bridge.modules.pairing.operations.review import (
    accept_all, accept_proposal, confirm_run, record_offline_pair, reject_proposal, replace_proposal,
)

WEAK = {"adaptability": 1}


def proposals(run):
    return {(p.mentee_id, p.mentor_id) for p in run.proposals}


def actions(db):
    return [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]


@pytest.fixture
def strong_and_weak(make_mentor):
    return make_mentor(), make_mentor(competences=WEAK)


def test_run_matching_stores_run_with_explained_proposals(db, coordinator, checklist, make_mentor, make_mentee):
    mentor, mentee = make_mentor(), make_mentee()
    run = run_matching(coordinator, {"competence": 0.5, "department_preference": "same"})
    db.session.commit()
    assert proposals(run) == {(mentee.id, mentor.id)}
    proposal = run.proposals[0]
    assert math.isclose(sum(proposal.contributions.values()), proposal.score, abs_tol=1e-12)
    assert proposal.contributions["department"] == pytest.approx(0.10)
    assert run.weights["competence"] == 0.5 and run.weights["department_preference"] == "same"
    assert run.inputs["procedures"][0]["title"] == checklist.title
    assert run.summary["matched"] == 1 and run.status == "draft"
    assert "pairing.run" in actions(db)


def test_run_matching_prefers_stronger_mentor_and_lists_runner_up(db, coordinator, checklist, make_mentee,
                                                                  strong_and_weak):
    strong, weak = strong_and_weak
    mentee = make_mentee()
    run = run_matching(coordinator)
    assert proposals(run) == {(mentee.id, strong.id)}
    assert run.proposals[0].runners_up[0][0] == weak.id


def test_run_matching_is_deterministic(db, coordinator, checklist, make_mentor, make_mentee):
    for _ in range(3):
        make_mentor(capacity=2)
    for _ in range(5):
        make_mentee()
    first = run_matching(coordinator)
    second = run_matching(coordinator)
    assert [(p.mentee_id, p.mentor_id, p.score) for p in first.proposals] == \
           [(p.mentee_id, p.mentor_id, p.score) for p in second.proposals]
    assert first.status == "discarded" and second.status == "draft"


def test_run_matching_never_proposes_line_manager(db, coordinator, checklist, make_mentee, strong_and_weak):
    strong, weak = strong_and_weak
    mentee = make_mentee(profile={"line_manager_id": strong.id})
    assert proposals(run_matching(coordinator)) == {(mentee.id, weak.id)}


def test_run_matching_never_proposes_mentor_to_own_line_manager(db, coordinator, checklist, make_mentee,
                                                               strong_and_weak):
    strong, weak = strong_and_weak
    mentee = make_mentee()
    save_mentor_profile(strong, {"line_manager_id": mentee.id})
    assert proposals(run_matching(coordinator)) == {(mentee.id, weak.id)}


def test_run_matching_respects_declared_conflict(db, coordinator, checklist, make_mentee, strong_and_weak):
    strong, weak = strong_and_weak
    mentee = make_mentee()
    save_mentor_profile(strong, {"conflict_ids": [mentee.id]})
    assert proposals(run_matching(coordinator)) == {(mentee.id, weak.id)}


def test_run_matching_skips_untrained_mentor_until_exempted(db, coordinator, checklist, make_mentor, make_mentee):
    mentor, mentee = make_mentor(trained=False), make_mentee()
    run = run_matching(coordinator)
    assert run.proposals == [] and run.summary["unmatched"][0]["reason"] == "no_eligible_mentor"
    record_exemption(coordinator, mentor, "Experienced trainer")
    assert proposals(run_matching(coordinator)) == {(mentee.id, mentor.id)}


def test_run_matching_requires_shared_language(db, coordinator, checklist, make_mentor, make_mentee):
    make_mentor(languages=["fr"])
    make_mentee(languages=["de"])
    run = run_matching(coordinator)
    assert run.summary["unmatched"][0]["reason"] == "no_shared_language"


def test_run_matching_uses_preferred_language_first(db, coordinator, checklist, make_mentor, make_mentee):
    german, turkish = make_mentor(languages=["de"]), make_mentor(languages=["de", "tr"])
    mentee = make_mentee(languages=["de", "tr"], profile={"preferred_language": "tr"})
    run = run_matching(coordinator, {"competence": 0, "availability": 0, "experience": 0})
    assert proposals(run) == {(mentee.id, turkish.id)}
    assert run.proposals[0].contributions["languages"] == pytest.approx(0.15 * 0.75)
    assert german.id in [m for m, _ in run.proposals[0].runners_up]


def test_run_matching_respects_capacity_and_current_pairs(db, coordinator, checklist, make_mentor, make_mentee):
    mentor = make_mentor(capacity=2)
    paired, first, second = make_mentee(), make_mentee(), make_mentee()
    record_offline_pair(coordinator, mentor, paired, "Agreed in the kick-off meeting")
    run = run_matching(coordinator)
    assert len(run.proposals) == 1 and {p.mentee_id for p in run.proposals} < {first.id, second.id}
    assert run.summary["unmatched"][0]["reason"] == "mentors_at_capacity"
    assert paired.id not in [m["id"] for m in run.inputs["mentees"]]


def test_run_matching_honours_pins_and_exclusions(db, coordinator, checklist, make_mentee, strong_and_weak):
    strong, weak = strong_and_weak
    pinned, excluded = make_mentee(), make_mentee()
    add_pin(coordinator, weak, pinned, "Same building")
    add_exclusion(coordinator, strong, excluded, "Worked together on a complaint")
    run = run_matching(coordinator)
    by_mentee = {p.mentee_id: p for p in run.proposals}
    assert by_mentee[pinned.id].mentor_id == weak.id and by_mentee[pinned.id].pinned
    assert excluded.id not in by_mentee or by_mentee[excluded.id].mentor_id != strong.id
    with pytest.raises(Conflict):
        add_exclusion(coordinator, strong, excluded)


def test_run_matching_reports_pin_that_breaks_a_hard_rule(db, coordinator, checklist, make_mentee, strong_and_weak):
    strong, weak = strong_and_weak
    mentee = make_mentee(profile={"line_manager_id": strong.id})
    add_pin(coordinator, strong, mentee)
    run = run_matching(coordinator)
    assert run.summary["pin_errors"] == [{"mentee_id": mentee.id, "mentor_id": strong.id, "reason": "line_manager"}]
    assert proposals(run) == {(mentee.id, weak.id)}


def test_run_matching_lists_people_without_profile(db, coordinator, checklist, make_person, make_mentor, make_mentee):
    make_mentor()
    make_mentee()
    newcomer = make_person(roles=["mentee"])
    assert run_matching(coordinator).inputs["skipped"] == [newcomer.id]


@pytest.mark.parametrize("weights", [{"competence": -1}, {"competence": float("nan")}, {"colour": 1},
                                     {"department_preference": "north"},
                                     {"competence": 0, "availability": 0, "experience": 0, "department": 0,
                                      "languages": 0}])
def test_run_matching_rejects_bad_weights(db, coordinator, checklist, make_mentor, make_mentee, weights):
    make_mentor()
    make_mentee()
    with pytest.raises(ValidationFailed):
        run_matching(coordinator, weights)


def test_run_matching_needs_mentees_and_mentors(db, coordinator, checklist, make_mentor, make_mentee):
    with pytest.raises(Conflict, match="No mentee"):
        run_matching(coordinator)
    make_mentee()
    with pytest.raises(Conflict, match="mentor profile"):
        run_matching(coordinator)


def test_review_accept_reject_and_confirm_creates_pairs_mails_and_audit(db, coordinator, checklist, make_mentor,
                                                                        make_mentee, outbox):
    mentor = make_mentor(capacity=2, first_name="Aylin", last_name="Demir")
    kept, dropped = make_mentee(first_name="Lena"), make_mentee()
    run = run_matching(coordinator)
    by_mentee = {p.mentee_id: p for p in run.proposals}
    with pytest.raises(Conflict, match="still open"):
        confirm_run(coordinator, run)
    accept_proposal(coordinator, by_mentee[kept.id], "Good fit")
    with pytest.raises(ValidationFailed):
        reject_proposal(coordinator, by_mentee[dropped.id], "")
    reject_proposal(coordinator, by_mentee[dropped.id], "Mentee is on parental leave")
    assert outbox() == []
    pairs = confirm_run(coordinator, run, "Kick-off on Monday")
    assert outbox() == [], "members are introduced only after the commit"
    db.session.commit()
    assert run.status == "confirmed"
    assert [(p.mentor_id, p.mentee_id, p.state, p.source) for p in pairs] == [
        (mentor.id, kept.id, "introduced", "automatic")]
    assert [t.to_state for t in pairs[0].transitions] == ["proposed", "introduced"]
    assert pairs[0].transitions[-1].actor_id == coordinator.id
    mails = {m["To"]: m.get_content() for m in outbox()}
    assert set(mails) == {mentor.email, kept.email}
    assert "Your mentor is Aylin Demir" in mails[kept.email] and "Adaptability" in mails[kept.email]
    assert "Your mentee is Lena" in mails[mentor.email] and "Talk with clients confidently" in mails[mentor.email]
    assert {"pairing.proposal_accepted", "pairing.proposal_rejected", "pair.created", "pair.transition",
            "pairing.run_confirmed"} <= set(actions(db))
    with pytest.raises(Conflict):
        accept_proposal(coordinator, by_mentee[dropped.id])


def test_accept_all_then_confirm(db, coordinator, checklist, make_mentor, make_mentee):
    make_mentor(capacity=3)
    for _ in range(3):
        make_mentee()
    run = run_matching(coordinator)
    assert accept_all(coordinator, run) == 3
    pairs = confirm_run(coordinator, run)
    assert len(pairs) == 3 and {p.status for p in run.proposals} == {"confirmed"}


def test_confirm_refuses_when_everything_rejected(db, coordinator, checklist, make_mentor, make_mentee):
    make_mentor()
    make_mentee()
    run = run_matching(coordinator)
    reject_proposal(coordinator, run.proposals[0], "Not now")
    with pytest.raises(Conflict, match="at least one"):
        confirm_run(coordinator, run)


def test_confirm_refuses_mentee_paired_offline_since_the_run(db, coordinator, checklist, make_mentee,
                                                              strong_and_weak):
    strong, weak = strong_and_weak
    mentee = make_mentee()
    run = run_matching(coordinator)
    accept_all(coordinator, run)
    record_offline_pair(coordinator, weak, mentee, "Decided in the meeting")
    with pytest.raises(Conflict, match="already in a current tandem"):
        confirm_run(coordinator, run)


def test_replace_proposal_scores_new_pair_and_keeps_old(db, coordinator, checklist, make_mentee, strong_and_weak):
    strong, weak = strong_and_weak
    mentee = make_mentee()
    run = run_matching(coordinator)
    original = run.proposals[0]
    with pytest.raises(ValidationFailed):
        replace_proposal(coordinator, original, weak, "")
    replacement = replace_proposal(coordinator, original, weak, "Same floor, easier to meet")
    assert original.status == "replaced" and replacement.status == "accepted" and replacement.manual
    assert math.isclose(sum(replacement.contributions.values()), replacement.score, abs_tol=1e-12)
    assert replacement.score < original.score
    pairs = confirm_run(coordinator, run)
    assert [(p.mentor_id, p.mentee_id, p.source) for p in pairs] == [(weak.id, mentee.id, "manual")]
    assert "pairing.proposal_replaced" in actions(db)


def test_replace_proposal_refuses_hard_rule_and_full_mentor(db, coordinator, checklist, make_mentor, make_mentee):
    mentor, manager, outsider = make_mentor(capacity=1), make_mentor(), make_mentor(trained=False)
    first = make_mentee(profile={"line_manager_id": manager.id})
    second = make_mentee(profile={"line_manager_id": manager.id})
    run = run_matching(coordinator)
    proposal = next(p for p in run.proposals if p.mentee_id == first.id)
    with pytest.raises(Conflict, match="line manager"):
        replace_proposal(coordinator, proposal, manager, "Try")
    with pytest.raises(Conflict, match="not eligible"):
        replace_proposal(coordinator, proposal, outsider, "Try")
    unmatched = run.summary["unmatched"][0]["mentee_id"]
    assert unmatched in (first.id, second.id) and proposal.mentor_id == mentor.id


def test_record_offline_pair_introduces_and_logs(checklist, db, coordinator, make_mentor, make_mentee, outbox):
    mentor, mentee = make_mentor(), make_mentee()
    pair = record_offline_pair(coordinator, mentor, mentee, "Decided at the pilot meeting")
    assert outbox() == []
    db.session.commit()
    assert (pair.state, pair.source) == ("introduced", "offline")
    assert [(n.kind, n.body) for n in pair.notes] == [("match_reason", "Decided at the pilot meeting")]
    assert all(t.comment == "" for t in pair.transitions)  # the members' history shows no coordinator note
    assert len(outbox()) == 2
    assert "pairing.offline_pair" in actions(db)


@pytest.mark.parametrize("problem,message", [
    ("reason", "comment"), ("line_manager", "line manager"), ("conflict", "conflict of interest"),
    ("untrained", "not eligible"), ("capacity", "no free place"), ("role", "mentee role"), ("same", "themselves")])
def test_record_offline_pair_refuses(checklist, db, coordinator, make_mentor, make_mentee, make_person,
                                     problem, message):
    mentor = make_mentor(trained=problem != "untrained")
    mentee = make_mentee()
    reason = "" if problem == "reason" else "Meeting"
    if problem == "line_manager":
        save_mentee_profile(mentee, {"line_manager_id": mentor.id})
    if problem == "conflict":
        save_mentor_profile(mentor, {"conflict_ids": [mentee.id]})
    if problem == "capacity":
        record_offline_pair(coordinator, mentor, make_mentee(), "First one")
    if problem == "role":
        mentee = make_person(roles=["external"])
    if problem == "same":
        mentor = mentee = make_mentor(roles=["mentor", "mentee"])
    with pytest.raises((Conflict, ValidationFailed), match=message):
        record_offline_pair(coordinator, mentor, mentee, reason)
    assert db.session.scalar(db.select(db.func.count(Pair.id))) == (1 if problem == "capacity" else 0)


def test_pair_settles_pin_of_its_mentee(checklist, db, coordinator, make_mentor, make_mentee):
    mentor, mentee = make_mentor(), make_mentee()
    add_pin(coordinator, mentor, mentee)
    record_offline_pair(coordinator, mentor, mentee, "Meeting")
    assert db.session.scalar(db.select(MatchPin)) is None
    assert db.session.scalar(db.select(db.func.count(PairTransition.id))) == 2
