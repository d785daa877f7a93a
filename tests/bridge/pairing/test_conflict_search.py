"""Conflicts of interest and the line manager are chosen by searching a name: a few matches, never the member list."""
import re

import pytest

from bridge.core.db import utcnow
from bridge.modules.pairing.operations.profiles import SEARCH_LIMIT, find_profile, search_people

MENTOR_FORM = {"comp_adaptability": "4", "experience_years": "5", "capacity": "2", "availability": ["mon-am"],
               "modes": ["onsite"], "languages": ["de", "en"], "willingness_scale": "4"}


def _conflict_list(page: str, name: str = "conflict_ids") -> str:
    return re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S).group(0)


def _names(response):
    return [row["text"] for row in response.get_json()["results"]]


def test_search_returns_a_few_prefix_matches_without_oneself_or_archived(client, db, login_as, make_person):
    me = login_as("mentor", first_name="Berta", last_name="Bergmann")
    make_person(first_name="Bernd", last_name="Albers")
    make_person(first_name="Anna", last_name="Bergerson")
    make_person(first_name="Klaus", last_name="Oberberg")  # "ber" inside the name, not at its start
    gone = make_person(first_name="Bernhard", last_name="Alt")
    gone.archived_at = utcnow()
    db.session.commit()
    response = client.get("/people/search?q=Ber")
    assert response.status_code == 200 and response.is_json
    assert _names(response) == ["Albers, Bernd", "Bergerson, Anna"]
    assert _names(client.get("/people/search?q=anna%20berg")) == ["Bergerson, Anna"]
    assert me.id not in {int(r["value"]) for r in client.get("/people/search?q=ber").get_json()["results"]}


@pytest.mark.parametrize("query", ["", "b", " b ", "%", "_"])
def test_search_needs_two_letters_and_treats_wildcards_as_text(client, db, login_as, make_person, query):
    login_as("mentor")
    make_person(first_name="Bernd", last_name="Albers")
    assert _names(client.get("/people/search", query_string={"q": query})) == []
    assert _names(client.get("/people/search", query_string={"q": query + "%"})) == []


def test_search_is_limited_to_a_few_matches(client, db, login_as, make_person):
    login_as("coordinator")
    for n in range(SEARCH_LIMIT + 4):
        make_person(first_name=f"Max{n}", last_name="Mustermann")
    assert len(_names(client.get("/people/search?q=mus"))) == SEARCH_LIMIT


@pytest.mark.parametrize("role, status", [("mentor", 200), ("coordinator", 200), ("mentee", 200), ("external", 403),
                                          ((), 403)])
def test_only_programme_members_and_coordinators_may_search(client, login_as, role, status):
    login_as(*((role,) if role else ()))
    assert client.get("/people/search?q=test").status_code == status


def test_search_needs_a_login(client):
    response = client.get("/people/search?q=test")
    assert response.status_code in (302, 401)


def test_mentor_profile_page_lists_only_the_chosen_conflicts(client, db, login_as, make_person):
    login_as("mentor")
    chosen = make_person(first_name="Clara", last_name="Chosen")
    make_person(first_name="Otto", last_name="Otherperson")
    assert client.post("/pairing/profile/mentor", data={**MENTOR_FORM, "conflict_ids": [chosen.id]}).status_code == 302
    page = client.get("/pairing/profile/mentor").get_data(as_text=True)
    assert "Chosen, Clara" in _conflict_list(page) and "Otherperson" not in _conflict_list(page)
    assert 'data-search-url="/people/search"' in page and "tom-select.complete.min.js" in page


def test_search_without_javascript_keeps_the_typed_form_and_offers_the_matches(client, db, login_as, make_person):
    me = login_as("mentor")
    found = make_person(first_name="Greta", last_name="Gefunden")
    make_person(first_name="Otto", last_name="Otherperson")
    response = client.post("/pairing/profile/mentor", data={**MENTOR_FORM, "work_areas": "Typed before searching",
                                                           "conflict_query": "gefu", "conflict_search": "Search"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Typed before searching" in page
    assert f'value="{found.id}"' in _conflict_list(page) and "Otherperson" not in _conflict_list(page)
    assert find_profile(me, "mentor") is None  # a search saves nothing
    # choosing the person found and saving stores the conflict
    assert client.post("/pairing/profile/mentor", data={**MENTOR_FORM, "conflict_ids": [found.id]}).status_code == 302
    assert find_profile(me, "mentor").conflict_ids == [found.id]


def test_unknown_conflict_ids_are_refused(client, db, login_as):
    login_as("mentor")
    response = client.post("/pairing/profile/mentor", data={**MENTOR_FORM, "conflict_ids": ["999999"]})
    assert response.status_code == 400


def test_search_operation_ignores_case_and_extra_spaces(db, make_person):
    me = make_person(roles=["mentor"])
    other = make_person(first_name="Jana", last_name="Nowak")
    assert search_people(me, "  NOW ") == [other]
    assert search_people(me, "jana  nowak") == [other]


MENTEE_FORM = {"goals": "Grow", "comp_adaptability": "3", "availability": ["mon-am"], "modes": ["onsite"],
               "languages": ["de"]}


def test_mentee_finds_the_line_manager_by_name_and_sees_no_member_list(client, db, login_as, make_person):
    me = login_as("mentee")
    boss = make_person(first_name="Brigitte", last_name="Bossmann")
    make_person(first_name="Otto", last_name="Otherperson")
    page = client.get("/pairing/profile/mentee").get_data(as_text=True)
    assert "Bossmann" not in page and "Otherperson" not in page
    response = client.post("/pairing/profile/mentee", data={**MENTEE_FORM, "line_manager_query": "boss",
                                                            "line_manager_search": "Search"})
    listed = _conflict_list(response.get_data(as_text=True), "line_manager_id")
    assert response.status_code == 200 and f'value="{boss.id}"' in listed and "Otherperson" not in listed
    assert client.post("/pairing/profile/mentee",
                       data={**MENTEE_FORM, "line_manager_id": str(boss.id)}).status_code == 302
    assert find_profile(me, "mentee").line_manager_id == boss.id
    page = client.get("/pairing/profile/mentee").get_data(as_text=True)
    assert "Bossmann, Brigitte" in _conflict_list(page, "line_manager_id") and "Otherperson" not in page
