import threading
import time

import pytest

from bridge.core.db import utcnow
from sync.models import SyncRun
from tests.sync.conftest import oer  # noqa: F401
from tests.sync.test_cli import configured  # noqa: F401
from tests.fake_moodle.fixture import fake_moodle  # noqa: F401

ROUTES = ["/admin/sync", "/admin/sync/{id}"]


def _run(db, **fields):
    row = SyncRun(kind="nightly", status="partial", counts={"created": 2},
                  errors=[{"record": "person 7", "errorcode": "invalidparameter", "message": "Bad email"}],
                  finished_at=utcnow(), **fields)
    db.session.add(row)
    db.session.commit()
    return row


@pytest.mark.parametrize("route", ROUTES)
def test_sync_pages_for_coordinators_only(client, login_as, db, route):
    run = _run(db)
    url = route.format(id=run.id)
    assert client.get(url).status_code == 302
    login_as("mentor")
    assert client.get(url).status_code == 403
    login_as("coordinator")
    assert client.get(url).status_code == 200


def test_sync_start_forbidden_for_others(client, login_as, db):
    login_as("mentee")
    assert client.post("/admin/sync/start", data={"kind": "nightly"}).status_code == 403
    assert db.session.scalar(db.select(db.func.count(SyncRun.id))) == 0


def test_sync_page_lists_runs_and_errors(client, login_as, db):
    login_as("coordinator")
    run = _run(db)
    listing = client.get("/admin/sync")
    assert b"partly succeeded" in listing.data and f"/admin/sync/{run.id}".encode() in listing.data
    detail = client.get(f"/admin/sync/{run.id}")
    assert b"Bad email" in detail.data and b"invalidparameter" in detail.data


def test_sync_page_empty_state_says_what_to_set(client, login_as):
    login_as("coordinator")
    assert b"QSER_MOODLE_URL" in client.get("/admin/sync").data


def test_sync_unknown_run_404(client, login_as):
    login_as("coordinator")
    assert client.get("/admin/sync/424242").status_code == 404


def test_sync_start_unconfigured_says_what_to_set(client, login_as, db, monkeypatch):
    for name in ("URL", "TOKEN", "COURSES", "ACTIVITIES"):
        monkeypatch.delenv(f"QSER_MOODLE_{name}", raising=False)
    login_as("coordinator")
    resp = client.post("/admin/sync/start", data={"kind": "nightly"})
    assert resp.status_code == 400
    assert b"QSER_MOODLE_URL" in resp.data
    assert db.session.scalar(db.select(db.func.count(SyncRun.id))) == 0


def test_sync_start_bad_kind_is_400(client, login_as):
    login_as("coordinator")
    assert client.post("/admin/sync/start", data={"kind": "everything"}).status_code == 400


def test_sync_start_runs_against_moodle(client, login_as, make_person, db, configured):  # noqa: F811
    login_as("coordinator")
    make_person(roles=["mentee"])
    resp = client.post("/admin/sync/start", data={"kind": "users"})
    assert resp.status_code == 302
    deadline = time.monotonic() + 30
    run = None
    while time.monotonic() < deadline:
        db.session.expire_all()
        run = db.session.scalar(db.select(SyncRun).order_by(SyncRun.id.desc()))
        if run is not None and run.status != "running":
            break
        time.sleep(0.2)
    for thread in threading.enumerate():
        if thread.name.startswith("qser-sync-"):
            thread.join(timeout=30)
    assert run is not None and run.status == "succeeded", run and run.message
    assert run.counts["created"] == 2 and run.triggered_by.endswith("@example.org")
