"""Creating and closing cycles: what belongs to a cycle, the guards on closing, what is carried over."""
from datetime import date, datetime, timezone

import pytest

from bridge.core.audit import AuditEvent
from bridge.core.errors import Conflict, PermissionDenied, ValidationFailed
from bridge.modules.community.models import Workshop
from bridge.modules.cycles.models import CycleCandidate
from bridge.modules.cycles.operations import cycles as ops
from bridge.modules.pairing.models import MatchRun


def _data(name="2027/28", start=date(2027, 1, 1), end=date(2027, 12, 31)):
    return {"name": name, "starts_on": start, "ends_on": end}


def test_first_cycle_is_current_and_later_ones_are_planned(db, make_person):
    coordinator = make_person(roles=["coordinator"])
    first = ops.create_cycle(coordinator, _data("2026/27"))
    second = ops.create_cycle(coordinator, _data("2027/28"))
    db.session.commit()
    assert (first.state, second.state) == ("current", "planned")
    assert ops.current_cycle() == first


@pytest.mark.parametrize(("data", "field"), [
    (_data(name="  "), "name"), (_data(name="x" * 101), "name"),
    (_data(start=date(2027, 5, 1), end=date(2027, 5, 1)), "ends_on"), ({"name": "A", "starts_on": None}, "starts_on"),
])
def test_bad_cycle_data_is_refused_on_its_field(db, make_person, data, field):
    with pytest.raises(ValidationFailed) as err:
        ops.create_cycle(make_person(roles=["coordinator"]), data)
    assert err.value.field == field


def test_names_are_unique_whatever_the_case(db, make_person, make_cycle):
    make_cycle(name="2026/27")
    with pytest.raises(ValidationFailed):
        ops.create_cycle(make_person(roles=["coordinator"]), _data("2026/27".upper()))


def test_only_coordinators_create_or_close(db, make_person, make_cycle):
    mentor = make_person(roles=["mentor"])
    with pytest.raises(PermissionDenied):
        ops.create_cycle(mentor, _data())
    current, planned = make_cycle(), make_cycle(state="planned")
    with pytest.raises(PermissionDenied):
        ops.close_cycle(make_person(roles=["management"]), current, planned, True)


def test_new_tandems_runs_and_workshops_belong_to_the_current_cycle(db, make_cycle, make_tandem):
    without = make_tandem()
    assert without.cycle_id is None  # before the first cycle
    cycle = make_cycle()
    pair = make_tandem()
    run = MatchRun()
    workshop = Workshop(title="W", starts_at=datetime(2026, 3, 1, tzinfo=timezone.utc))
    db.session.add_all([run, workshop])
    db.session.commit()
    assert (pair.cycle_id, run.cycle_id, workshop.cycle_id) == (cycle.id, cycle.id, cycle.id)


def test_closing_stores_the_report_makes_the_next_current_and_carries_candidates(
        db, make_person, make_cycle, make_tandem, train):
    coordinator = make_person(roles=["coordinator"])
    current, planned = make_cycle(), make_cycle(state="planned", starts_on=date(2027, 1, 1),
                                                ends_on=date(2027, 12, 31))
    finished = make_tandem(state="completed", ended_at=datetime(2026, 9, 1, tzinfo=timezone.utc))
    mentee = finished.mentee
    mentee.role_links  # noqa: B018  (loaded)
    from bridge.modules.people.models import PersonRole
    db.session.add(PersonRole(person_id=mentee.id, role="mentor"))
    train(mentee)
    train(finished.mentor)
    untrained = make_person(roles=["mentor"])
    db.session.commit()
    ops.close_cycle(coordinator, current, planned, move_open_tandems=False)
    db.session.commit()
    assert (current.state, planned.state) == ("closed", "current")
    assert current.report["figures"]["tandems_completed"]["*"] == {"suppressed": True}  # one tandem: hidden
    assert current.closed_by_id == coordinator.id and current.closed_at is not None
    carried = {c.person_id: c.reason for c in db.session.scalars(db.select(CycleCandidate))}
    assert carried == {mentee.id: "former_mentee", finished.mentor.id: "eligible_mentor"}
    assert untrained.id not in carried
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "cycle.closed")) is not None


def test_closing_twice_or_a_planned_cycle_is_refused(db, make_person, make_cycle):
    coordinator = make_person(roles=["coordinator"])
    current = make_cycle()
    planned = make_cycle(state="planned")
    later = make_cycle(state="planned")
    ops.close_cycle(coordinator, current, planned, False)
    db.session.commit()
    stored = current.report
    with pytest.raises(Conflict, match="already closed"):
        ops.close_cycle(coordinator, current, later, False)
    db.session.rollback()
    with pytest.raises(Conflict, match="Only the current"):
        ops.close_cycle(coordinator, later, planned, False)
    db.session.rollback()
    assert current.report == stored and later.state == "planned" and planned.state == "current"


def test_closing_needs_a_planned_next_cycle(db, make_person, make_cycle):
    coordinator = make_person(roles=["coordinator"])
    current = make_cycle()
    closed = make_cycle(state="closed")
    for target in (None, closed, current):
        with pytest.raises(ValidationFailed) as err:
            ops.close_cycle(coordinator, current, target, False)
        assert err.value.field == "next_cycle"
        db.session.rollback()
    assert current.state == "current"


def test_open_tandems_block_closing_until_their_move_is_confirmed(db, make_person, make_cycle, make_tandem):
    coordinator = make_person(roles=["coordinator"])
    current, planned = make_cycle(), make_cycle(state="planned")
    active, proposed = make_tandem(), make_tandem(state="proposed")
    ended = make_tandem(state="ended_early")
    draft = MatchRun()
    db.session.add(draft)
    db.session.commit()
    with pytest.raises(ValidationFailed, match="still open") as err:
        ops.close_cycle(coordinator, current, planned, move_open_tandems=False)
    assert err.value.field == "move_open_tandems"
    db.session.rollback()
    assert current.state == "current" and active.cycle_id == current.id
    ops.close_cycle(coordinator, current, planned, move_open_tandems=True)
    db.session.commit()
    assert (active.cycle_id, proposed.cycle_id, ended.cycle_id) == (planned.id, planned.id, current.id)
    assert draft.cycle_id == planned.id
    # the stored report counts the tandems as they stood at the close; the move itself is a small group here
    assert current.report["moved_tandems"] == {"suppressed": True}
    assert current.report["figures"]["tandems_active"]["*"] == {"suppressed": True}


def test_complaint_figures_are_checked(db, make_person):
    coordinator = make_person(roles=["coordinator"])
    good = {"period_start": date(2026, 1, 1), "period_end": date(2026, 3, 31), "count": 4, "department": " ",
            "note": "Complaints office"}
    figure = ops.record_complaints(coordinator, good)
    assert figure.department is None and figure.count == 4
    for change, field in (({"period_end": date(2025, 12, 1)}, "period_end"), ({"count": -1}, "count"),
                          ({"count": None}, "count"), ({"period_start": None}, "period_start"),
                          ({"note": "x" * 2001}, "note")):
        with pytest.raises(ValidationFailed) as err:
            ops.record_complaints(coordinator, {**good, **change})
        assert err.value.field == field
    with pytest.raises(PermissionDenied):
        ops.record_complaints(make_person(roles=["management"]), good)
