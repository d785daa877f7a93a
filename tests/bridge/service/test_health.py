"""GET /health reports database, migrations and queue state; logs carry a request id."""
import json
import logging

import pytest

from bridge.core.observability import JsonFormatter
from tests.bridge.service.test_jobs import REDIS_URL, needs_redis


def test_health_ok_without_login(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["checks"]["database"]["ok"]
    migrations = body["checks"]["migrations"]
    assert migrations["ok"] and migrations["current"] == migrations["head"] != []
    assert "queue" not in body["checks"], "no queue is configured"


def test_health_503_when_migrations_behind(app, db, client):
    [current] = db.session.execute(db.text("SELECT version_num FROM alembic_version")).scalars()
    db.session.execute(db.text("UPDATE alembic_version SET version_num = 'old'"))
    db.session.commit()
    try:
        response = client.get("/health")
        assert response.status_code == 503
        migrations = response.get_json()["checks"]["migrations"]
        assert not migrations["ok"] and migrations["current"] == ["old"]
    finally:
        db.session.execute(db.text("UPDATE alembic_version SET version_num = :v"), {"v": current})
        db.session.commit()


def test_health_503_when_database_down(app, client, monkeypatch):
    from bridge.core import health

    def down():
        raise ConnectionError("database gone")

    monkeypatch.setattr(health, "_database", down)
    response = client.get("/health")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "error" and body["checks"]["database"] == {"ok": False, "error": "ConnectionError"}


@needs_redis
@pytest.mark.app_config(REDIS_URL=REDIS_URL)
def test_health_reports_the_queue(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json()["checks"]["queue"]["ok"] is True


@pytest.mark.app_config(REDIS_URL="redis://127.0.0.1:1/0")
def test_health_503_when_redis_down(client):
    response = client.get("/health")
    assert response.status_code == 503
    assert response.get_json()["checks"]["queue"]["ok"] is False


def test_request_id_is_returned_and_kept_from_proxy(client):
    assert len(client.get("/health").headers["X-Request-ID"]) == 32
    assert client.get("/health", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    assert client.get("/health", headers={"X-Request-ID": "bad id!"}).headers["X-Request-ID"] != "bad id!"


def test_debug_log_has_timing_and_query_count(client, caplog):
    with caplog.at_level(logging.DEBUG, logger="bridge.request"):
        client.get("/health", headers={"X-Request-ID": "req-1"})
    [record] = [r for r in caplog.records if r.name == "bridge.request"]
    assert record.fields["path"] == "/health" and record.fields["status"] == 200
    assert record.fields["queries"] >= 1 and record.fields["duration_ms"] >= 0


def test_json_formatter_writes_one_object_with_request_id(app):
    record = logging.LogRecord("bridge.x", logging.WARNING, __file__, 1, "Mail to %s failed", ("a@b.c",), None)
    with app.test_request_context("/", headers={"X-Request-ID": "req-7"}):
        app.preprocess_request()
        line = JsonFormatter().format(record)
    data = json.loads(line)
    assert data["message"] == "Mail to a@b.c failed" and data["level"] == "WARNING"
    assert data["request_id"] == "req-7"
