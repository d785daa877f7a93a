"""Parallel requests at the state-changing routes of issue 19 (PostgreSQL): one effect each, never a 500.

Every test fires N requests at once (threads with their own app context, session and connection) after
a barrier, then counts what was stored and mailed. SQLite serialises writers, so the races run on
PostgreSQL only (CI sets QSER_TEST_DATABASE_URL).
"""
import threading
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest

from bridge.modules.agreements.operations import agreement as agreements
from bridge.modules.agreements.util import SECTIONS
from bridge.modules.agreements.models import Agreement, AgreementSignature, AgreementVersion
from bridge.modules.evaluation.operations.definitions import FORMS_DIR
from bridge.modules.evaluation.models import EvaluationForm, EvaluationResponse
from bridge.modules.externals.models import ExternalApplication
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.mentoring.operations.sessions import log_session
from bridge.modules.pairing.models import MatchRun, Pair, PairTransition
from tests.bridge.evaluation.conftest import post_data
from tests.bridge.externals.helpers import PDF, form_data
from tests.bridge.hardening.helpers import client_for
from tests.bridge.mentoring.conftest import make_tandem  # noqa: F401
from tests.bridge.pairing.conftest import checklist, make_mentee, make_mentor, train  # noqa: F401

N = 8
pytestmark = pytest.mark.race


@pytest.fixture(autouse=True)
def postgresql_only(app):
    if app.config["DB_BACKEND"] != "postgresql":
        pytest.skip("races need a database with parallel writers (set QSER_TEST_DATABASE_URL)")


def fire(app, path, data, person=None, method="POST") -> list[int]:
    """Send N requests at once (data may be a function returning a fresh body); return the status codes."""
    clients = [client_for(app, person) for _ in range(N)]
    barrier, statuses = threading.Barrier(N), [0] * N

    def run(index):
        body = data() if callable(data) else data
        barrier.wait()
        statuses[index] = clients[index].open(path, method=method, data=body).status_code

    threads = [threading.Thread(target=run, args=(i,)) for i in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert 0 not in statuses, "a request did not finish"
    assert 500 not in statuses, statuses
    return statuses


def count(db, column, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count(column)).where(*where))


def test_offline_tandem_recorded_once(app, db, make_person, make_mentor, make_mentee, outbox, checklist):  # noqa: F811
    coordinator = make_person(roles=["coordinator"])
    mentor, mentee = make_mentor(capacity=3), make_mentee()
    data = {"mentor_id": mentor.id, "mentee_id": mentee.id, "comment": "Kick-off meeting"}
    statuses = fire(app, "/pairing/pairs/offline", data, coordinator)
    assert statuses.count(302) == 1
    assert count(db, Pair.id) == 1 and count(db, PairTransition.id) == 2
    assert count(db, MatchRun.id) == 1  # one selection report of the offline tandem
    assert len(outbox()) == 2  # one introduction to each member


def test_application_stored_once_with_one_file(app, db, outbox):
    statuses = fire(app, "/apply", lambda: {**form_data(app, cv=None), "cv": (BytesIO(PDF), "cv.pdf")})
    assert set(statuses) == {302}  # every visitor sees the same answer
    assert count(db, ExternalApplication.id) == 1
    assert len(list((Path(app.config["STORAGE_DIR"]) / "applications").iterdir())) == 1
    assert [m["Subject"] for m in outbox()].count("We have received your application") == 1


def test_session_confirmed_once_and_tandem_activated_once(app, db, make_tandem):  # noqa: F811
    pair = make_tandem("agreed")
    report = log_session(pair.mentor, pair, {"held_on": date.today() - timedelta(days=1), "duration_minutes": 60,
                                             "mode": "online", "topics": "Intake"})
    db.session.commit()
    path = f"/pairs/{pair.id}/sessions/{report.id}/confirm"
    fire(app, path, {"rating": "4", "comment": "Good"}, pair.mentee)
    assert count(db, MentoringSession.id, MentoringSession.confirmed_at.is_not(None)) == 1
    assert count(db, PairTransition.id, PairTransition.to_state == "active") == 1


def test_agreement_started_signed_and_saved_without_500(app, db, make_tandem):  # noqa: F811
    pair = make_tandem()
    fire(app, f"/pairs/{pair.id}/agreement/start", {"language": "en"}, pair.mentee)
    assert count(db, Agreement.id) == 1
    sections = {key: f"{key} text" for key in SECTIONS} | {"start_on": "2026-01-15", "duration_months": "6",
                                                            "meeting_rhythm": "every three weeks"}
    fire(app, f"/pairs/{pair.id}/agreement/edit", sections, pair.mentor)
    numbers = db.session.scalars(db.select(AgreementVersion.number)).all()
    assert len(numbers) == len(set(numbers)) >= 2
    current = max(numbers)
    sign = {"number": str(current), "confirm": "y", "typed_name": pair.mentee.full_name}
    fire(app, f"/pairs/{pair.id}/agreement/sign", sign, pair.mentee)
    assert count(db, AgreementSignature.id) == 1


def test_evaluation_submitted_once(app, db, make_tandem):  # noqa: F811
    pair = make_tandem("active")
    client_for(app, pair.mentee).get("/evaluations/")
    form = db.session.scalar(db.select(EvaluationForm).where(EvaluationForm.key == "midterm"))
    fire(app, f"/evaluations/pairs/{pair.id}/midterm", post_data(form), pair.mentee)
    assert count(db, EvaluationResponse.id) == 1


def test_evaluation_forms_loaded_once_on_parallel_first_use(app, db, make_person):
    fire(app, "/evaluations/", {}, make_person(roles=["coordinator"]), method="GET")
    assert count(db, EvaluationForm.id) == len(list(FORMS_DIR.glob("*.yaml")))


def test_agreements_start_once_via_operation_still_raises_cleanly(app, db, make_tandem):  # noqa: F811
    pair = make_tandem()
    agreements.start_agreement(pair.mentee, pair, "en")
    db.session.commit()
    assert client_for(app, pair.mentor).post(f"/pairs/{pair.id}/agreement/start",
                                             data={"language": "en"}).status_code < 500
