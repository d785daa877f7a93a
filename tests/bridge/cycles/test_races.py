"""Closing the same cycle from several requests at once (PostgreSQL): closed once, one report, one current cycle."""
import threading

import pytest

from bridge.core.audit import AuditEvent
from bridge.modules.cycles.models import Cycle, CycleCandidate
from tests.bridge.hardening.helpers import client_for

N = 6
pytestmark = pytest.mark.race


def test_parallel_closings_close_once(app, db, make_person, make_cycle, train):
    if app.config["DB_BACKEND"] != "postgresql":
        pytest.skip("races need a database with parallel writers (set QSER_TEST_DATABASE_URL)")
    coordinator = make_person(roles=["coordinator"])
    train(make_person(roles=["mentor"]))
    current, planned = make_cycle(), make_cycle(state="planned", name="Next")
    clients = [client_for(app, coordinator) for _ in range(N)]
    barrier, statuses = threading.Barrier(N), [0] * N

    errors = []
    url, body = f"/cycles/{current.id}/close", {"next_cycle": planned.id}

    def run(index):
        barrier.wait()
        try:
            statuses[index] = clients[index].post(url, data=body).status_code
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert 0 not in statuses and 500 not in statuses, statuses
    assert statuses.count(302) == 1 and set(statuses) <= {302, 400, 409}, statuses
    db.session.expire_all()
    assert [c.state for c in db.session.scalars(db.select(Cycle).order_by(Cycle.id))] == ["closed", "current"]
    closings = db.session.scalar(db.select(db.func.count(AuditEvent.id)).where(AuditEvent.action == "cycle.closed"))
    assert closings == 1
    assert db.session.scalar(db.select(db.func.count(CycleCandidate.id))) == 1
