"""The evaluation export as a job: requested by a post, built after the commit, downloaded when ready.

Inline mode (no Redis) builds it right after the commit; with Redis the row waits as "queued" until a
worker runs the job. Only the coordinator who asked may download it; a failed build says so and is retried.
"""
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from bridge.core import exports, jobs
from bridge.core.db import utcnow
from bridge.core.exports import ExportFile, build_export
from bridge.core.storage import storage
from tests.bridge.evaluation.test_export import data  # noqa: F401
from tests.bridge.hardening.helpers import client_for
from tests.bridge.service.test_jobs import job_queue, needs_redis, queued  # noqa: F401


def _rows(workbook_bytes: bytes) -> dict:
    book = load_workbook(io.BytesIO(workbook_bytes))
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book.worksheets}


def _only_export(db) -> ExportFile:
    db.session.expire_all()
    return db.session.scalars(db.select(ExportFile)).one()


def test_prepared_workbook_equals_the_direct_download(db, client, login_as, data):  # noqa: F811
    me = login_as("coordinator")
    answer = client.post("/evaluations/export", data={"department": "Social services", "xlsx": "1"})
    assert answer.status_code == 302 and answer.location.endswith("/evaluations/export")
    export = _only_export(db)
    assert (export.state, export.requested_by_id, export.kind) == ("ready", me.id, "evaluations.xlsx")
    page = client.get("/evaluations/export").text
    assert f'href="/evaluations/exports/{export.id}"' in page and export.filename in page
    download = client.get(f"/evaluations/exports/{export.id}", buffered=True)
    assert download.status_code == 200 and download.mimetype.endswith("spreadsheetml.sheet")
    assert "no-store" in download.headers["Cache-Control"]
    direct = client.get("/evaluations/export.xlsx?department=Social+services")
    assert _rows(download.data) == _rows(direct.data)
    assert len(_rows(download.data)["Responses"]) > 1


def test_prepared_csv_equals_the_direct_download(db, client, login_as, data):  # noqa: F811
    login_as("coordinator")
    assert client.post("/evaluations/export", data={"anonymous": "y", "csv": "1"}).status_code == 302
    export = _only_export(db)
    assert export.kind == "evaluations.csv" and export.filename.endswith(".csv")
    download = client.get(f"/evaluations/exports/{export.id}", buffered=True)
    assert download.mimetype == "text/csv"
    assert download.data == client.get("/evaluations/export.csv?anonymous=y", buffered=True).data


def test_only_the_requesting_coordinator_sees_and_downloads(db, client, login_as, make_person, app,
                                                          data):  # noqa: F811
    login_as("coordinator")
    client.post("/evaluations/export", data={"xlsx": "1"})
    export = _only_export(db)
    colleague = client_for(app, make_person(roles=["coordinator"]))
    assert colleague.get(f"/evaluations/exports/{export.id}").status_code == 403
    assert f"/evaluations/exports/{export.id}" not in colleague.get("/evaluations/export").text
    mentor = client_for(app, make_person(roles=["mentor"]))
    assert mentor.get(f"/evaluations/exports/{export.id}").status_code == 403
    assert mentor.post("/evaluations/export", data={"xlsx": "1"}).status_code == 403
    assert client_for(app).get(f"/evaluations/exports/{export.id}").status_code in (302, 401)
    assert client.get(f"/evaluations/exports/{export.id + 1}").status_code == 404
    assert db.session.scalar(db.select(db.func.count(ExportFile.id))) == 1


def test_bad_filters_are_refused_and_nothing_is_queued(db, client, login_as, data):  # noqa: F811
    login_as("coordinator")
    answer = client.post("/evaluations/export", data={"date_from": "yesterday", "xlsx": "1"})
    assert answer.status_code == 400
    answer = client.post("/evaluations/export", data={"state": "no-such-state", "xlsx": "1"})
    assert answer.status_code == 400
    assert db.session.scalar(db.select(db.func.count(ExportFile.id))) == 0


def test_failed_build_is_shown_and_a_retry_builds_it_once(db, client, login_as, data, monkeypatch):  # noqa: F811
    login_as("coordinator")
    builder, mimetype = exports.EXPORTERS["evaluations.xlsx"]
    monkeypatch.setitem(exports.EXPORTERS, "evaluations.xlsx", (_broken, mimetype))
    client.post("/evaluations/export", data={"xlsx": "1"})
    export = _only_export(db)
    assert export.state == "failed" and "disk full" in export.error and export.storage_name is None
    assert client.get(f"/evaluations/exports/{export.id}").status_code == 404
    assert "could not be prepared" in client.get("/evaluations/export").text
    monkeypatch.setitem(exports.EXPORTERS, "evaluations.xlsx", (builder, mimetype))
    build_export(export.id)  # what the queue's retry does
    export = _only_export(db)
    assert export.state == "ready" and export.error == ""
    name = export.storage_name
    build_export(export.id)  # a second delivery of the same job changes nothing
    assert _only_export(db).storage_name == name
    assert client.get(f"/evaluations/exports/{export.id}", buffered=True).status_code == 200


def _broken(_params):
    raise OSError("disk full")


def test_old_exports_and_their_files_are_removed(db, client, login_as, data):  # noqa: F811
    login_as("coordinator")
    client.post("/evaluations/export", data={"xlsx": "1"})
    old = _only_export(db)
    name = old.storage_name
    assert storage().exists(name)
    old.created_at = utcnow() - timedelta(days=exports.KEEP_DAYS + 1)
    db.session.commit()
    client.post("/evaluations/export", data={"csv": "1"})
    db.session.expire_all()
    left = db.session.scalars(db.select(ExportFile)).all()
    assert [e.kind for e in left] == ["evaluations.csv"] and not storage().exists(name)


def test_nothing_is_built_when_the_request_rolls_back(db, login_as, data):  # noqa: F811
    from bridge.modules.evaluation.operations.export_data import ExportFilter
    from bridge.modules.evaluation.operations.export_jobs import prepare_export

    me = login_as("coordinator")
    prepare_export(me, "xlsx", ExportFilter(), "en")
    db.session.rollback()
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(ExportFile.id))) == 0
    assert list(storage().names()) == []


@needs_redis
@queued
def test_with_redis_the_export_waits_for_the_worker(db, client, login_as, data, job_queue):  # noqa: F811
    login_as("coordinator")
    client.post("/evaluations/export", data={"xlsx": "1"})
    export = _only_export(db)
    export_id = export.id
    assert export.state == "queued" and job_queue.count == 1
    page = client.get("/evaluations/export").text
    assert "Refresh the list" in page and f'href="/evaluations/exports/{export_id}"' not in page
    assert client.get(f"/evaluations/exports/{export_id}").status_code == 404
    jobs.run_worker(burst=True)
    assert _only_export(db).state == "ready"
    assert client.get(f"/evaluations/exports/{export_id}", buffered=True).status_code == 200


@pytest.mark.parametrize("locale", ["de", "en"])
def test_the_job_writes_in_the_requesters_language(db, login_as, data, locale):  # noqa: F811
    from bridge.modules.evaluation.operations.export_data import ExportFilter
    from bridge.modules.evaluation.operations.export_jobs import prepare_export
    from flask_babel import force_locale

    me = login_as("coordinator")
    export = prepare_export(me, "xlsx", ExportFilter(), locale)
    db.session.commit()
    export = _only_export(db)
    with storage().open(export.storage_name) as handle:
        built = _rows(handle.read())
    with force_locale(locale):
        from bridge.modules.evaluation.operations.export_jobs import evaluations_xlsx

        expected = _rows(evaluations_xlsx({}))
    assert built == expected
