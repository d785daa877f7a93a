"""Parallel first requests at every page that reads reference data (issue 15), on PostgreSQL.

Reference data: the evaluation forms (loaded from YAML on first use, by any evaluation page and by the
tandem workspace, which asks which evaluations are due), the agreement templates, the application
template and the procedures checklist (read, with built-in defaults, never created by a GET). On a fresh
database, one request to each of these pages starts at the same moment (threads with their own app
context, session and connection, released by a barrier), twice over; no answer may be an error and every
form must exist exactly once.
"""
import threading

import pytest

from bridge.modules.agreements.models import AgreementTemplate
from bridge.modules.evaluation.models import EvaluationForm
from bridge.modules.evaluation.operations.definitions import FORMS_DIR
from bridge.modules.externals.models import ApplicationTemplate
from bridge.modules.pairing.models import ProcedureItem
from tests.bridge.hardening.helpers import client_for
from tests.bridge.mentoring.conftest import make_tandem  # noqa: F401

pytestmark = pytest.mark.race


@pytest.fixture(autouse=True)
def postgresql_only(app):
    if app.config["DB_BACKEND"] != "postgresql":
        pytest.skip("races need a database with parallel writers (set QSER_TEST_DATABASE_URL)")


def _pages(pair) -> list[tuple[str, str]]:
    """Return (who, path) for every page that reads reference data."""
    return [("coordinator", "/evaluations/"), ("coordinator", "/evaluations/dashboard"),
            ("coordinator", "/evaluations/forms"), ("coordinator", "/evaluations/export"),
            ("coordinator", "/agreements/templates"), ("coordinator", "/agreements/templates/de"),
            ("coordinator", "/applications/template"), ("coordinator", "/pairing/procedures"),
            ("coordinator", f"/pairs/{pair.id}/"), ("mentee", f"/pairs/{pair.id}/"),
            ("mentee", f"/pairs/{pair.id}/agreement"), ("mentee", "/evaluations/"),
            ("mentee", f"/evaluations/pairs/{pair.id}/midterm"), ("mentor", f"/pairs/{pair.id}/"),
            ("anonymous", "/apply")]


def test_parallel_first_requests_to_reference_data_pages(app, db, make_person, make_tandem):  # noqa: F811
    pair = make_tandem(state="active")
    people = {"coordinator": make_person(roles=["coordinator"]), "mentee": pair.mentee, "mentor": pair.mentor,
              "anonymous": None}
    assert db.session.scalar(db.select(db.func.count(EvaluationForm.id))) == 0, "the forms must not exist yet"
    requests = _pages(pair) * 2
    clients = [client_for(app, people[who]) for who, _path in requests]
    barrier, statuses = threading.Barrier(len(requests)), [0] * len(requests)

    def run(index):
        barrier.wait()
        statuses[index] = clients[index].get(requests[index][1]).status_code

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    answers = {f"{who} {path}": status for (who, path), status in zip(requests, statuses)}
    assert [page for page, status in answers.items() if status != 200] == [], answers

    db.session.expire_all()
    keys = db.session.execute(db.select(EvaluationForm.key, EvaluationForm.version)).all()
    assert len(keys) == len(list(FORMS_DIR.glob("*.yaml"))), keys  # each shipped form once
    assert len({key for key, _version in keys}) == len(keys) and {version for _key, version in keys} == {1}
    for model in (AgreementTemplate, ApplicationTemplate, ProcedureItem):  # read with defaults, never created
        assert db.session.scalar(db.select(db.func.count()).select_from(model)) == 0, model.__name__
