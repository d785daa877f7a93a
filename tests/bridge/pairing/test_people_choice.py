"""Mentors and mentees of offline tandems and replacements are chosen by name (bridge.modules.people.forms)."""
import re

from bridge.modules.pairing.models import Pair

MENTOR_ROLE = b"Choose an active person with the mentor role."
MENTEE_ROLE = b"Choose an active person with the mentee role."


def _select(page: str, name: str) -> str:
    return re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S).group(0)


def _pairs(db) -> int:
    return db.session.scalar(db.select(db.func.count(Pair.id)))


def test_offline_tandem_refuses_a_mentor_as_mentee(client, db, login_as, checklist, make_mentor):
    login_as("coordinator")
    mentor, other = make_mentor(), make_mentor()
    response = client.post("/pairing/pairs/offline", data={"mentor_id": mentor.id, "mentee_id": other.id,
                                                          "comment": "Meeting"})
    assert response.status_code == 400 and MENTEE_ROLE in response.data
    assert _pairs(db) == 0


def test_offline_tandem_without_javascript_searches_and_keeps_the_typed_form(client, db, login_as, checklist,
                                                                             make_mentor, make_mentee):
    login_as("coordinator")
    mentor = make_mentor(first_name="Mia", last_name="Mentorin")
    mentee = make_mentee(first_name="Emil", last_name="Gesucht")
    make_mentee(first_name="Otto", last_name="Otherperson")
    data = {"mentor_id": mentor.id, "mentee_id-query": "gesu", "mentee_id-search": "Search",
            "comment": "Typed before searching"}
    response = client.post("/pairing/pairs/offline", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Typed before searching" in page and "invalid-feedback" not in page
    assert f'<option selected value="{mentor.id}">Mentorin, Mia</option>' in _select(page, "mentor_id")
    listed = _select(page, "mentee_id")
    assert f'value="{mentee.id}"' in listed and "Otherperson" not in listed
    assert "1 person found: choose in the list." in page and _pairs(db) == 0
    chosen = {"mentor_id": mentor.id, "mentee_id": mentee.id, "comment": "Meeting"}
    assert client.post("/pairing/pairs/offline", data=chosen).status_code == 302


def test_search_without_javascript_says_when_nobody_is_found(client, login_as):
    login_as("coordinator")
    page = client.post("/pairing/pairs/offline", data={"mentor_id-query": "zzz", "mentor_id-search": "1"})
    assert page.status_code == 200 and b'role="status">No match<' in page.data
    page = client.post("/pairing/pairs/offline", data={"mentor_id-query": "z", "mentor_id-search": "1"})
    assert b"Type at least 2 letters of a name." in page.data


def test_replacement_refuses_a_mentee_as_mentor(client, db, login_as, checklist, make_mentor, make_mentee):
    from bridge.modules.pairing.models import MatchProposal
    from bridge.modules.pairing.operations.matching import run_matching

    coordinator = login_as("coordinator")
    make_mentor(), make_mentee()
    run = run_matching(coordinator)
    db.session.commit()
    proposal = db.session.scalar(db.select(MatchProposal).where(MatchProposal.run_id == run.id))
    page = client.get(f"/pairing/proposals/{proposal.id}").get_data(as_text=True)
    assert 'data-search-url="/people/search?role=mentor"' in page
    response = client.post(f"/pairing/proposals/{proposal.id}/replace",
                           data={"replace-mentor_id": proposal.mentee_id, "replace-comment": "Better fit"})
    assert response.status_code == 400 and MENTOR_ROLE in response.data


def test_pin_form_without_javascript_searches_without_saving(client, db, login_as, make_mentor, make_mentee):
    from bridge.modules.pairing.models import MatchPin

    login_as("coordinator")
    mentor = make_mentor(first_name="Mia", last_name="Mentorin")
    mentee = make_mentee(first_name="Emil", last_name="Gesucht")
    response = client.post("/pairing/constraints", data={
        "kind": "pin", "pin-mentor_id": mentor.id, "pin-mentee_id-query": "gesu", "pin-mentee_id-search": "Search",
        "pin-comment": "Same team"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "invalid-feedback" not in page
    assert f'value="{mentee.id}"' in _select(page, "pin-mentee_id")
    assert db.session.scalar(db.select(db.func.count(MatchPin.id))) == 0
    response = client.post("/pairing/constraints", data={"kind": "pin", "pin-mentor_id": mentor.id,
                                                         "pin-mentee_id": "garbage", "pin-comment": "x"})
    assert response.status_code == 400 and MENTEE_ROLE in response.data
