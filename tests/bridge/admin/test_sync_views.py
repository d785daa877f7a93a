import re

import pytest

from bridge.core.db import utcnow
from sync.models import SyncRun
from tests.sync.conftest import oer  # noqa: F401
from tests.sync.test_cli import configured  # noqa: F401
from tests.fake_moodle.fixture import fake_moodle  # noqa: F401
from tests.bridge.service.test_jobs import job_queue, needs_redis, queued  # noqa: F401

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
    assert b"QSER_MOODLE_URL" in resp.data and b"Set the missing Moodle settings first" in resp.data
    assert db.session.scalar(db.select(db.func.count(SyncRun.id))) == 0


def test_sync_start_bad_kind_is_400(client, login_as):
    login_as("coordinator")
    assert client.post("/admin/sync/start", data={"kind": "everything"}).status_code == 400


def _start_disabled(page: str) -> bool:
    button = re.search(r'<input[^>]*value="Start sync"[^>]*>', page)[0]
    return " disabled" in button


def _test_connection(client):
    return client.post("/admin/sync/test", data={})


def test_sync_start_runs_against_moodle_after_a_passed_test(client, login_as, make_person, db,
                                                            configured):  # noqa: F811
    login_as("coordinator")
    make_person(roles=["mentee"])
    refused = client.post("/admin/sync/start", data={"kind": "users"})
    assert refused.status_code == 400 and b"Test the connection first" in refused.data
    assert db.session.scalar(db.select(db.func.count(SyncRun.id)).where(SyncRun.kind != "probe")) == 0
    page = client.get("/admin/sync").get_data(as_text=True)
    assert _start_disabled(page)

    assert _test_connection(client).status_code == 302
    page = client.get("/admin/sync").get_data(as_text=True)
    assert 'data-probe="passed"' in page and "Fake Moodle" in page
    assert "Courses found: 1" in page
    assert not _start_disabled(page)

    resp = client.post("/admin/sync/start", data={"kind": "users"})
    assert resp.status_code == 302  # without Redis the embedded runner ran the job right after the commit
    db.session.expire_all()
    run = db.session.scalar(db.select(SyncRun).where(SyncRun.kind == "users"))
    assert run is not None and run.status == "succeeded", run and run.message
    assert run.counts["created"] == 2 and run.triggered_by.endswith("@example.org")


def test_sync_start_is_an_after_commit_job(client, login_as, db, configured, monkeypatch):  # noqa: F811
    """The start registers the run as an effect: a failed commit starts nothing."""
    from bridge.modules.admin import operations

    calls = []
    monkeypatch.setattr(operations, "run_sync", lambda kind, **kw: calls.append((kind, kw)))
    login_as("coordinator")
    _test_connection(client)
    client.post("/admin/sync/start", data={"kind": "completions", "full": "y"})
    assert calls == [("completions", {"dry_run": False, "full": True, "triggered_by": calls[0][1]["triggered_by"]})]


def test_failed_connection_test_explains_in_the_users_language(client, login_as, configured, db):  # noqa: F811
    configured.invalidate_token()
    login_as("coordinator")
    assert _test_connection(client).status_code == 302
    page = client.get("/admin/sync", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert 'data-probe="failed"' in page
    assert "Moodle hat das Token abgelehnt" in page
    assert client.post("/admin/sync/start", data={"kind": "users"}).status_code == 400


def test_changed_settings_need_a_new_test(client, login_as, configured, monkeypatch):  # noqa: F811
    login_as("coordinator")
    _test_connection(client)
    assert 'data-probe="passed"' in client.get("/admin/sync").get_data(as_text=True)
    monkeypatch.setenv("QSER_MOODLE_COURSES", "QSER-OER,OTHER")
    page = client.get("/admin/sync").get_data(as_text=True)
    assert 'data-probe="failed"' in page and 'data-start="blocked"' in page


def test_missing_functions_are_listed(client, login_as, configured):  # noqa: F811
    configured.state.service.discard("core_user_create_users")
    login_as("coordinator")
    _test_connection(client)
    page = client.get("/admin/sync").get_data(as_text=True)
    assert 'data-probe="failed"' in page and "core_user_create_users" in page


def test_german_configuration_panel_has_no_developer_english(client, login_as, monkeypatch, db):
    for name in ("URL", "TOKEN", "COURSES", "ACTIVITIES"):
        monkeypatch.delenv(f"QSER_MOODLE_{name}", raising=False)
    monkeypatch.setenv("QSER_MOODLE_URL", "moodle.example.org")
    login_as("coordinator")
    page = client.get("/admin/sync", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "set QSER_MOODLE" not in page and "not configured" not in page
    assert "fehlt" in page and "ungültig" in page and 'data-config="incomplete"' in page
    assert client.post("/admin/sync/test", data={}).status_code == 400
    assert db.session.scalar(db.select(db.func.count(SyncRun.id))) == 0


def test_failed_runs_filter_and_overview_count(client, login_as, db):
    _run(db)
    db.session.add(SyncRun(kind="nightly", status="succeeded", counts={}, errors=[], finished_at=utcnow()))
    db.session.commit()
    failed = [SyncRun(kind="users", status="failed", counts={}, errors=[], finished_at=utcnow(), message="boom")
              for _ in range(2)]
    db.session.add_all(failed)
    db.session.add(SyncRun(kind="probe", status="failed", counts={}, errors=[], finished_at=utcnow()))
    db.session.commit()
    login_as("coordinator")
    listing = client.get("/admin/sync?status=failed").get_data(as_text=True)
    assert listing.count("/admin/sync/") - listing.count("/admin/sync/test") - listing.count("/admin/sync/start") == 2
    home = client.get("/").get_data(as_text=True)
    assert "2 failed Moodle sync runs" in home and "/admin/sync?status=failed" in home
    assert client.get("/admin/sync?status=nonsense").status_code == 200


def test_coordinator_only_may_test_the_connection(client, login_as, db):
    login_as("mentor")
    assert client.post("/admin/sync/test", data={}).status_code == 403
    assert db.session.scalar(db.select(db.func.count(SyncRun.id))) == 0


@needs_redis
@queued
def test_with_redis_the_sync_is_queued_then_run_by_the_worker(client, login_as, make_person, db, configured,
                                                              job_queue):  # noqa: F811
    from bridge.core import jobs

    login_as("coordinator")
    make_person(roles=["mentee"])
    _test_connection(client)
    assert client.post("/admin/sync/start", data={"kind": "users"}).status_code == 302
    assert job_queue.count == 1
    page = client.get("/admin/sync").get_data(as_text=True)
    assert 'data-sync-state="queued"' in page and 'http-equiv="refresh"' in page
    assert _start_disabled(page)
    jobs.run_worker(burst=True)
    db.session.expire_all()
    run = db.session.scalar(db.select(SyncRun).where(SyncRun.kind == "users"))
    assert run is not None and run.status == "succeeded" and run.counts["created"] == 2
    assert 'data-sync-state' not in client.get("/admin/sync").get_data(as_text=True)
