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


def test_mentor_standings_agree_with_is_eligible_for_every_case(db, make_person, train, coordinator):
    """The eligibility page and a matching run read a whole page (or programme) at once: same rule, same reasons."""
    from bridge.modules.pairing.operations.eligibility import mentor_standings, training_status
    from bridge.modules.training.models import TrainingRecord

    trained = train(make_person(roles=["mentor"]))
    partly = train(make_person(roles=["mentor"]), modules=("multiculturalism",))
    failed = train(make_person(roles=["mentor"]), modules=("intercultural-communication",), status="failed")
    exempted = make_person(roles=["mentor"])
    record_exemption(coordinator, exempted, "Teaches the course")
    quiz_only = make_person(roles=["mentor"])
    for module in ("multiculturalism", "diversity", "intercultural-communication"):
        db.session.add(TrainingRecord(person_id=quiz_only.id, module_id=module, status="incomplete",
                                      quiz_status="passed", source="moodle"))
    archived = train(make_person(roles=["mentor"]))
    archive_person(coordinator, archived)
    mentee = train(make_person(roles=["mentee"]))
    db.session.commit()
    people = [trained, partly, failed, exempted, quiz_only, archived, mentee]
    standings = mentor_standings(people)
    assert [s.person for s in standings] == people
    assert [s.eligibility for s in standings] == [is_eligible(p) for p in people]
    assert [s.training for s in standings] == [training_status(p) for p in people]
    assert [s.exemption is not None for s in standings] == [False, False, False, True, False, False, False]
    assert mentor_standings([]) == []


def test_eligibility_page_pages_each_list_under_its_own_parameter(app, client, db, login_as, make_person, train):
    from bridge.modules.pairing.views.setup import ELIGIBILITY_PAGE_SIZE

    login_as("coordinator")
    mentors = [train(make_person(roles=["mentor"], last_name=f"Mentor{i:03d}", password=None))
               for i in range(ELIGIBILITY_PAGE_SIZE + 2)]
    mentees = [make_person(roles=["mentee"], last_name=f"Mentee{i:03d}", password=None) for i in range(3)]
    first = client.get("/pairing/eligibility").get_data(as_text=True)
    assert mentors[0].last_name in first and mentors[ELIGIBILITY_PAGE_SIZE].last_name not in first
    assert all(m.last_name in first for m in mentees)
    assert "mentors_page=2" in first and "mentees_page=2" not in first  # one mentee page: no links for it
    second = client.get("/pairing/eligibility?mentors_page=2").get_data(as_text=True)
    assert mentors[ELIGIBILITY_PAGE_SIZE].last_name in second and mentors[0].last_name not in second
    assert all(m.last_name in second for m in mentees)  # the other list keeps its own page
    for garbage in ("0", "-1", "abc", "9" * 40, "99999"):
        response = client.get(f"/pairing/eligibility?mentors_page={garbage}&mentees_page={garbage}")
        assert response.status_code == 200, garbage
