from datetime import date, timedelta

import pytest

from bridge.core.db import utcnow
from bridge.core.errors import Conflict, PermissionDenied, ValidationFailed
from bridge.modules.mentoring.operations import documents, sessions
from bridge.modules.mentoring.operations.timeline import build_timeline


def _data(**overrides):
    data = {"held_on": date(2026, 1, 5), "duration_minutes": 75, "mode": "onsite",
            "competences": ["self_awareness", "adaptability"], "topics": "First steps", "notes": "Good start",
            "next_steps": "Shadowing visit", "rating": "3"}
    data.update(overrides)
    return data


def test_log_session_records_everything(db, make_tandem):
    pair = make_tandem(state="agreed")
    session = sessions.log_session(pair.mentee, pair, _data())
    assert session.author_id == pair.mentee_id and session.author_rating == 3
    assert session.competences == ["self_awareness", "adaptability"]  # in the order of the competence list
    assert session.mode == "onsite" and session.duration_minutes == 75


@pytest.mark.parametrize("overrides, field", [
    ({"held_on": None}, "held_on"), ({"duration_minutes": 2}, "duration_minutes"), ({"mode": "pigeon"}, "mode"),
    ({"competences": ["flying"]}, "competences"), ({"topics": " "}, "topics"), ({"rating": "9"}, "rating"),
])
def test_log_session_rejects_bad_input(db, tandem, overrides, field):
    with pytest.raises(ValidationFailed) as exc:
        sessions.log_session(tandem.mentor, tandem, _data(**overrides))
    assert exc.value.field == field


def test_log_session_rejects_future_date(db, tandem):
    with pytest.raises(ValidationFailed):
        sessions.log_session(tandem.mentor, tandem, _data(held_on=utcnow().date() + timedelta(days=1)))


def test_partner_confirms_with_rating_and_first_confirmation_activates(db, make_tandem):
    pair = make_tandem(state="agreed")
    session = sessions.log_session(pair.mentor, pair, _data())
    with pytest.raises(PermissionDenied):
        sessions.confirm_session(pair.mentor, pair, session, "4", "")
    with pytest.raises(ValidationFailed):
        sessions.confirm_session(pair.mentee, pair, session, "", "")
    sessions.confirm_session(pair.mentee, pair, session, "4", "Very useful")
    assert (session.partner_rating, session.partner_comment) == (4, "Very useful")
    assert pair.state == "active" and pair.started_at is not None
    with pytest.raises(Conflict):
        sessions.confirm_session(pair.mentee, pair, session, "4", "")


def test_confirmation_before_agreement_keeps_state(db, tandem):
    session = sessions.log_session(tandem.mentor, tandem, _data())
    sessions.confirm_session(tandem.mentee, tandem, session, "2", "")
    assert tandem.state == "introduced"


def test_ended_tandem_is_read_only(db, make_tandem):
    pair = make_tandem(state="completed")
    with pytest.raises(Conflict):
        sessions.log_session(pair.mentor, pair, _data())


def test_session_form_round_trip(client, db, login, make_tandem):
    pair = make_tandem(state="agreed")
    login(pair.mentor)
    resp = client.post(f"/pairs/{pair.id}/sessions", data={
        "held_on": "2026-01-05", "duration_minutes": "60", "mode": "phone", "competences": ["commitment"],
        "topics": "Difficult conversation", "rating": ""})
    assert resp.status_code == 302
    session = sessions.pair_sessions(pair)[0]
    login(pair.mentee)
    page = client.get(f"/pairs/{pair.id}/sessions").data
    assert b"Difficult conversation" in page and b"Confirm the report" in page
    assert client.post(f"/pairs/{pair.id}/sessions/{session.id}/confirm", data={"rating": "3"}).status_code == 302
    db.session.expire_all()
    assert pair.state == "active"


def test_session_form_bad_input_is_400_and_writes_nothing(client, login, tandem):
    login(tandem.mentor)
    resp = client.post(f"/pairs/{tandem.id}/sessions", data={"held_on": "2026-01-05", "duration_minutes": "1",
                                                              "mode": "online", "topics": "x"})
    assert resp.status_code == 400 and sessions.pair_sessions(tandem) == []


def test_timeline_shows_sessions_documents_versions_and_states(client, db, login, make_tandem):
    import io

    from werkzeug.datastructures import FileStorage

    from bridge.modules.agreements.operations import agreement as agreements

    pair = make_tandem()
    agreements.start_agreement(pair.mentee, pair, "en")
    documents.upload_document(pair.mentor, pair, FileStorage(io.BytesIO(b"%PDF-1.4"), "plan.pdf"), 1000)
    sessions.log_session(pair.mentor, pair, _data())
    db.session.commit()
    kinds = {entry.kind for entry in build_timeline(pair, agreements.find_agreement(pair))}
    assert kinds == {"state", "session", "document", "agreement"}
    login(pair.mentee)
    page = client.get(f"/pairs/{pair.id}/").data.decode()
    assert "Document uploaded: plan.pdf" in page and "Agreement version 1 saved" in page
    assert "Session of 75 minutes" in page and "State changed to: introduced" in page


def test_workspace_in_german_and_my_workspace_link(client, db, login, make_tandem, make_person):
    mentee = make_person(roles=["mentee"])
    mentee.preferred_locale = "de"
    db.session.commit()
    pair = make_tandem(mentee=mentee)
    login(mentee)
    resp = client.get("/pairs/mine")
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/pairs/{pair.id}/")
    page = client.get(f"/pairs/{pair.id}/").data.decode()
    assert "Arbeitsbereich des Tandems" in page and "Überblick und Verlauf" in page


def test_my_workspace_empty_state_says_what_happens_next(client, login_as):
    login_as("mentee")
    assert b"You are not in a tandem yet" in client.get("/pairs/mine").data
