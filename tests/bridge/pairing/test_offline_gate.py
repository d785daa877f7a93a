"""Offline tandems go through the procedures gate and get a selection report; line-manager exceptions."""
import pytest

from bridge.core.audit import AuditEvent
from bridge.core.errors import Conflict, PermissionDenied
from bridge.modules.evaluation.operations.dashboard import figures, line_manager_exceptions
from bridge.modules.pairing.models import MatchRun, Pair, ProcedureItem
from bridge.modules.pairing.operations.matching import run_matching
from bridge.modules.pairing.operations.pairs import create_pair
from bridge.modules.pairing.models import PairSource
from bridge.modules.pairing.operations.profiles import save_mentee_profile, save_mentor_profile
from bridge.modules.pairing.operations.review import (
    accept_all, confirm_run, record_offline_pair, replace_proposal,
)


def _events(db, action):
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


def _count(db, model):
    return db.session.scalar(db.select(db.func.count(model.id)))


def test_offline_tandem_refused_while_the_checklist_is_open(db, coordinator, make_mentor, make_mentee):
    mentor, mentee = make_mentor(), make_mentee()
    with pytest.raises(Conflict, match="no items yet") as refused:
        record_offline_pair(coordinator, mentor, mentee, "Discussed with the department head")
    assert refused.value.field == "procedures_reason"
    db.session.add(ProcedureItem(title="Staff council informed", category="legal"))
    db.session.flush()
    with pytest.raises(Conflict, match=r"not complete \(1 open\)"):
        record_offline_pair(coordinator, mentor, mentee, "Discussed with the department head")
    assert _count(db, Pair) == 0 and _count(db, MatchRun) == 0


def test_offline_tandem_with_a_recorded_reason_for_the_open_checklist(db, coordinator, make_mentor, make_mentee):
    db.session.add(ProcedureItem(title="Staff council informed", category="legal"))
    mentor, mentee = make_mentor(), make_mentee()
    pair = record_offline_pair(coordinator, mentor, mentee, "Discussed with the department head",
                               procedures_reason="Staff council meets next week; the head of unit agreed.")
    db.session.commit()
    run = db.session.get(MatchRun, pair.run_id)
    assert run.is_offline and run.status == "confirmed"
    assert run.summary["procedures_reason"].startswith("Staff council meets")
    assert run.summary["procedures_complete"] is False
    assert [(i["title"], i["done_at"]) for i in run.inputs["procedures"]] == [("Staff council informed", None)]
    assert ("procedures_waived", "Staff council meets next week; the head of unit agreed.") in \
        [(n.kind, n.body) for n in pair.notes]
    event = _events(db, "pairing.offline_pair")[0]
    assert event.details["procedures_reason"].startswith("Staff council")


def test_offline_tandem_gets_a_selection_report_like_a_run(client, db, login_as, checklist, make_mentor,
                                                           make_mentee):
    coordinator = login_as("coordinator")
    mentor, mentee = make_mentor(first_name="Aylin"), make_mentee(first_name="Lena")
    pair = record_offline_pair(coordinator, mentor, mentee, "Decided by discussion with the head of unit")
    db.session.commit()
    run = db.session.get(MatchRun, pair.run_id)
    assert run.summary["scored"] is True and run.summary["total_score"] > 0
    [proposal] = run.proposals
    assert (proposal.mentor_id, proposal.mentee_id, proposal.status) == (mentor.id, mentee.id, "confirmed")
    assert proposal.score == pytest.approx(sum(proposal.contributions.values()))
    assert [m["id"] for m in run.inputs["mentors"]] == [mentor.id]
    page = client.get(f"/pairing/runs/{run.id}").get_data(as_text=True)
    assert "Selection report" in page and "offline tandem" in page
    assert "Decided by discussion with the head of unit" in page and "Data-protection notice given" in page
    assert client.get(f"/pairing/proposals/{proposal.id}").status_code == 200
    assert "offline tandem" in client.get("/pairing/runs").get_data(as_text=True)
    assert f"/pairing/runs/{run.id}" in client.get(f"/pairing/pairs/{pair.id}").get_data(as_text=True)
    # a later matching run does not discard or touch the offline report
    make_mentee()
    run_matching(coordinator)
    db.session.commit()
    assert db.session.get(MatchRun, run.id).status == "confirmed"


def test_offline_report_of_a_tandem_without_profiles_says_it_was_not_scored(client, db, login_as, checklist,
                                                                            make_mentor, make_person):
    coordinator = login_as("coordinator")
    mentee = make_person(roles=["mentee"])
    pair = record_offline_pair(coordinator, make_mentor(), mentee, "Meeting")
    db.session.commit()
    run = db.session.get(MatchRun, pair.run_id)
    assert run.summary["scored"] is False and run.inputs["skipped"] == [mentee.id]
    assert "Not scored" in client.get(f"/pairing/runs/{run.id}").get_data(as_text=True)


def test_offline_form_asks_for_the_reason_while_the_checklist_is_open(client, db, login_as, make_mentor,
                                                                    make_mentee):
    login_as("coordinator")
    mentor, mentee = make_mentor(), make_mentee()
    page = client.get("/pairing/pairs/offline").get_data(as_text=True)
    assert "checklist is not complete" in page and 'name="procedures_reason"' in page
    data = {"mentor_id": mentor.id, "mentee_id": mentee.id, "comment": "Meeting"}
    refused = client.post("/pairing/pairs/offline", data=data)
    assert refused.status_code == 400 and "no items yet" in refused.get_data(as_text=True)
    assert _count(db, Pair) == 0
    done = client.post("/pairing/pairs/offline", data={**data, "procedures_reason": "Pilot: agreed with HR"})
    assert done.status_code == 302
    run = db.session.scalar(db.select(MatchRun))
    assert "Pilot: agreed with HR" in client.get(f"/pairing/runs/{run.id}").get_data(as_text=True)


def test_line_manager_pair_needs_a_written_justification(client, db, login_as, checklist, make_mentor,
                                                        make_mentee):
    coordinator = login_as("coordinator")
    mentor, mentee = make_mentor(first_name="Boss"), make_mentee(first_name="Report")
    save_mentee_profile(mentee, {"line_manager_id": mentor.id})
    db.session.commit()
    data = {"mentor_id": mentor.id, "mentee_id": mentee.id, "comment": "Small department"}
    refused = client.post("/pairing/pairs/offline", data=data)
    assert refused.status_code == 400 and "exception with a written justification" in refused.get_data(as_text=True)
    assert _count(db, Pair) == 0 and line_manager_exceptions() == 0
    why = "Only two social workers in the branch office; the head of unit agreed."
    assert client.post("/pairing/pairs/offline", data={**data, "exception_reason": why}).status_code == 302
    pair = db.session.scalar(db.select(Pair))
    assert pair.line_manager_exception is True
    assert ("manager_exception", why) in [(n.kind, n.body) for n in pair.notes]
    [event] = _events(db, "pairing.line_manager_exception")
    assert event.details["justification"] == why and event.actor_id == coordinator.id
    run = db.session.get(MatchRun, pair.run_id)
    assert run.summary["line_manager_exceptions"] == [
        {"mentee_id": mentee.id, "mentor_id": mentor.id, "justification": why}]
    report = client.get(f"/pairing/runs/{run.id}").get_data(as_text=True)
    assert why in report.split('id="line-manager-exceptions"')[1].split("</ul>")[0]
    assert line_manager_exceptions() == 1 and figures(pair.created_at.date())["line_manager_exceptions"] == 1
    dashboard = client.get("/evaluations/dashboard").get_data(as_text=True)
    assert 'id="fig-line-manager">1<' in dashboard
    # the members see neither the justification nor the report
    with client.session_transaction() as session:
        session["_user_id"] = mentee.account.get_id()
    assert why not in client.get(f"/pairing/pairs/{pair.id}").get_data(as_text=True)
    assert client.get(f"/pairing/runs/{run.id}").status_code == 403


def test_justification_is_not_used_when_no_line_manager_relation_exists(db, coordinator, checklist, make_mentor,
                                                                        make_mentee):
    pair = record_offline_pair(coordinator, make_mentor(), make_mentee(), "Meeting",
                               exception_reason="Just in case")
    assert pair.line_manager_exception is False and _events(db, "pairing.line_manager_exception") == []
    assert db.session.get(MatchRun, pair.run_id).summary["line_manager_exceptions"] == []


def test_only_coordinators_may_allow_an_exception(db, make_mentor, make_mentee, make_person):
    mentor, mentee = make_mentor(), make_mentee()
    save_mentor_profile(mentor, {"line_manager_id": mentee.id})
    with pytest.raises(PermissionDenied):
        create_pair(make_person(roles=["mentor"]), mentor, mentee, PairSource.MANUAL, exception_reason="Why not")


def test_the_engine_never_proposes_a_line_manager_pair_but_a_justified_replacement_goes_through(
        db, coordinator, checklist, make_mentor, make_mentee):
    boss, other = make_mentor(first_name="Boss"), make_mentor(first_name="Other", competences={"adaptability": 1})
    mentee = make_mentee()
    save_mentee_profile(mentee, {"line_manager_id": boss.id})
    db.session.commit()
    run = run_matching(coordinator)
    [proposal] = run.proposals
    assert proposal.mentor_id == other.id  # the stronger mentor is the line manager: never proposed
    with pytest.raises(Conflict, match="written justification") as refused:
        replace_proposal(coordinator, proposal, boss, "Better fit")
    assert refused.value.field == "exception_reason"
    why = "The mentee asked for her own head of unit; HR agreed."
    replacement = replace_proposal(coordinator, proposal, boss, "Better fit", exception_reason=why)
    assert replacement.exception_reason == why
    accept_all(coordinator, run)
    [pair] = confirm_run(coordinator, run)
    assert pair.mentor_id == boss.id and pair.line_manager_exception is True
    assert len(_events(db, "pairing.line_manager_exception")) == 1


def test_a_justification_does_not_lift_the_other_hard_rules(db, coordinator, checklist, make_mentor, make_mentee):
    boss, other = make_mentor(first_name="Boss"), make_mentor(first_name="Other", competences={"adaptability": 1})
    mentee = make_mentee()
    save_mentee_profile(mentee, {"line_manager_id": boss.id})
    save_mentor_profile(boss, {"conflict_ids": [mentee.id]})
    db.session.commit()
    [proposal] = run_matching(coordinator).proposals
    assert proposal.mentor_id == other.id
    with pytest.raises(Conflict, match="conflict") as refused:
        replace_proposal(coordinator, proposal, boss, "Better fit", exception_reason="Small team")
    assert refused.value.field == "mentor_id"
    with pytest.raises(Conflict, match="conflict of interest"):
        record_offline_pair(coordinator, boss, mentee, "Meeting", exception_reason="Small team")
