"""Eligibility (training or exemption) and the internal procedures checklist."""
import pytest

from bridge.core.audit import AuditEvent
from bridge.core.errors import Conflict, ValidationFailed
from bridge.modules.pairing.models import ProcedureItem
from bridge.modules.pairing.operations.eligibility import (
    add_procedure, is_eligible, procedure_items, procedures_complete, record_exemption, remove_exemption,
    set_procedure_done,
)
from bridge.modules.pairing.operations.matching import run_matching
from bridge.modules.people.operations import archive_person


def test_is_eligible_needs_all_three_modules(db, make_person, train):
    mentor = make_person(roles=["mentor"])
    assert is_eligible(mentor) == (False, "training not yet completed")
    train(mentor, modules=("multiculturalism", "diversity"))
    assert not is_eligible(mentor).ok
    train(mentor, modules=("intercultural-communication",), status="completed")
    assert is_eligible(mentor) == (True, "all three training modules completed")


def test_is_eligible_failed_module_does_not_count(db, make_person, train):
    mentor = make_person(roles=["mentor"])
    train(mentor, modules=("multiculturalism", "diversity"))
    train(mentor, modules=("intercultural-communication",), status="failed")
    assert not is_eligible(mentor).ok


def test_is_eligible_refuses_non_mentors_and_archived(db, make_person, train, coordinator):
    mentee = train(make_person(roles=["mentee"]))
    assert is_eligible(mentee) == (False, "not a mentor")
    mentor = train(make_person(roles=["mentor"]))
    archive_person(coordinator, mentor)
    assert is_eligible(mentor) == (False, "archived")


def test_record_exemption_makes_mentor_eligible_and_is_audited(db, make_person, coordinator):
    mentor = make_person(roles=["mentor"])
    record_exemption(coordinator, mentor, "Trainer of the course herself")
    db.session.commit()
    assert is_eligible(mentor) == (True, "exempted from the training by the coordinator")
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "training.exemption_recorded"))
    assert event.actor_id == coordinator.id and event.details["reason"] == "Trainer of the course herself"
    remove_exemption(coordinator, mentor)
    db.session.commit()
    assert not is_eligible(mentor).ok


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_record_exemption_needs_a_reason(db, make_person, coordinator, reason):
    with pytest.raises(ValidationFailed):
        record_exemption(coordinator, make_person(roles=["mentor"]), reason)


def test_procedures_complete_needs_items_all_done(db, coordinator):
    assert not procedures_complete()
    first = add_procedure(coordinator, "GDPR notice", "legal")
    second = add_procedure(coordinator, "Heads of department informed", "departmental", "by mail")
    assert not procedures_complete()
    set_procedure_done(coordinator, first, True)
    set_procedure_done(coordinator, second, True, note="done in the meeting")
    db.session.commit()
    assert procedures_complete()
    assert second.done_by_id == coordinator.id and second.note == "done in the meeting"
    set_procedure_done(coordinator, first, False)
    assert not procedures_complete() and first.done_at is None


def test_procedure_items_are_ordered_by_category(db, coordinator):
    add_procedure(coordinator, "C", "departmental")
    add_procedure(coordinator, "A", "legal")
    add_procedure(coordinator, "B", "procedural")
    assert [i.title for i in procedure_items()] == ["A", "B", "C"]


@pytest.mark.parametrize("title,category", [("", "legal"), ("x" * 201, "legal"), ("Fine", "astrology")])
def test_add_procedure_rejects_bad_input(db, coordinator, title, category):
    with pytest.raises(ValidationFailed):
        add_procedure(coordinator, title, category)
    assert db.session.scalar(db.select(db.func.count(ProcedureItem.id))) == 0


@pytest.mark.parametrize("done", [None, False])
def test_run_matching_refuses_while_checklist_incomplete(db, coordinator, make_mentor, make_mentee, done):
    make_mentor()
    make_mentee()
    if done is False:
        add_procedure(coordinator, "Staff council informed", "procedural")
    with pytest.raises(Conflict, match="checklist"):
        run_matching(coordinator, {})
