"""Bad input on the remaining forms: 400, a message, and nothing written."""
from bridge.core.audit import AuditEvent
from bridge.modules.community.models import PracticeState


def _audit_count(db):
    return db.session.scalar(db.select(db.func.count(AuditEvent.id)))


def test_edit_forms_reject_bad_input_and_write_nothing(client, login_as, make_question, make_practice,
                                                       make_workshop, make_scenario, db):
    login_as("coordinator")
    question = make_question()
    draft = make_practice()
    published = make_practice(state=PracticeState.PUBLISHED)
    workshop = make_workshop()
    scenario = make_scenario()
    cases = [
        (f"/community/qa/{question.id}/edit", {"title": ""}),
        (f"/community/qa/{question.id}/edit", {"title": "ok", "free_tags": "a" * 41}),
        (f"/community/practices/{draft.id}/edit", {"title": "", "kind": "practice"}),
        (f"/community/practices/{published.id}/reuse", {"note": ""}),
        (f"/community/workshops/{workshop.id}/edit", {"title": "", "starts_at": "2027-01-01T10:00", "place": "x",
                                                      "facilitator_id": 0}),
        (f"/community/workshops/{workshop.id}/scenarios", {"scenarios": ["999999"]}),
        (f"/community/scenarios/{scenario.id}/edit", {"title": "x", "situation": ""}),
    ]
    before = _audit_count(db)
    for url, data in cases:
        resp = client.post(url, data=data)
        html = resp.get_data(as_text=True)
        assert resp.status_code == 400, url
        assert "invalid-feedback" in html or "alert-danger" in html, url
    assert _audit_count(db) == before
