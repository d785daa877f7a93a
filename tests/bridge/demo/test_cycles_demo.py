"""The demo has two cycles (2025 closed with its stored report) and a department head's login."""
from bridge.demo import cycles as demo_cycles
from bridge.demo import organisation as demo
from bridge.modules.cycles.models import Cycle, CycleCandidate
from bridge.modules.cycles.operations.report import ALL, cells_shown, MIN_GROUP


def test_two_cycles_one_closed_with_its_report_and_a_head_login(app, db):
    demo.load()
    demo_cycles.load(demo.DEMO_PASSWORD)
    cycles = db.session.scalars(db.select(Cycle).order_by(Cycle.starts_on)).all()
    assert [c.state for c in cycles] == ["closed", "current"]
    closed = cycles[0]
    assert closed.name == "2025" and closed.report["cycle"]["state"] == "closed"
    assert closed.report["figures"]["tandems_completed"][ALL] == {"value": 8, "n": 8}
    assert closed.report["figures"]["sessions"][ALL]["value"] >= 8 * 4
    assert all(cell["n"] >= MIN_GROUP for _f, _d, cell in cells_shown(closed.report))
    assert closed.report["figures"]["aspect_a"][ALL]["count"] >= 8  # the mentees rated their tandems
    assert len(closed.report["complaints"]) == 4
    from bridge.modules.pairing.models import Pair

    past = db.session.scalars(db.select(Pair).where(Pair.cycle_id == closed.id)).all()
    assert past and all(p.created_at.year == 2025 and p.created_at < p.started_at for p in past)  # not "since today"
    assert db.session.scalar(db.select(db.func.count(CycleCandidate.id)).where(
        CycleCandidate.cycle_id == cycles[1].id)) >= 8
    assert demo_cycles.existing_logins(demo.DEMO_PASSWORD) == [("management", demo_cycles.HEAD_EMAIL)]
    demo_cycles.load(demo.DEMO_PASSWORD)  # again: nothing added
    assert db.session.scalar(db.select(db.func.count(Cycle.id))) == 2


def test_qser_demo_prints_the_department_head_login(app, db):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "management" in result.output and demo_cycles.HEAD_EMAIL in result.output
