"""People are chosen by name (pins, exclusions, offline tandems, replacements, job shadowing, workshops): the page
carries only the chosen people, the browser searches /people/search, and the server checks the posted ids."""
import re
from datetime import datetime, timezone

import pytest

from bridge.core.db import utcnow
from bridge.modules.community.models import Workshop, WorkshopParticipant
from bridge.modules.pairing.models import MatchPin
from bridge.modules.people.picker import SEARCH_LIMIT
from tests.bridge.querycount import get_counted
from bridge.modules.shadowing.models import JobShadowingActivity

MENTOR_ROLE = b"Choose an active person with the mentor role."
FACILITATOR = b"Choose an active external professional, mentor or coordinator."
NOT_INVITED = b"Choose active people who are not invited yet."
WORKSHOP = {"title": "Interpreters in practice", "starts_at": "2027-03-04T09:30", "place": "Town hall"}
SHADOWING = {"start_date": "2027-03-01"}


def _names(response):
    return [row["text"] for row in response.get_json()["results"]]


def _select(page: str, name: str) -> str:
    return re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S).group(0)


def _archived(db, person):
    person.archived_at = utcnow()
    db.session.commit()
    return person


def _workshop(db, **fields):
    workshop = Workshop(title="Working with interpreters", starts_at=datetime(2027, 3, 4, 9, tzinfo=timezone.utc),
                        place="Room 2", **fields)
    db.session.add(workshop)
    db.session.commit()
    return workshop


def _count(db, model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


# --- the search endpoint ---

def test_coordinator_search_is_limited_to_a_role_and_finds_the_coordinator(client, db, login_as, make_person):
    me = login_as("coordinator", first_name="Nora", last_name="Nordmann")
    make_person(roles=["mentor"], first_name="Nils", last_name="Mentor")
    make_person(roles=["mentee"], first_name="Nina", last_name="Mentee")
    make_person(roles=["external"], first_name="Nadia", last_name="Extern")
    _archived(db, make_person(roles=["mentor"], first_name="Nick", last_name="Gone"))
    assert _names(client.get("/people/search?q=ni&role=mentor")) == ["Mentor, Nils"]
    assert _names(client.get("/people/search?q=ni&role=mentee")) == ["Mentee, Nina"]
    assert _names(client.get("/people/search?q=n&role=mentor")) == []  # two letters at least
    assert _names(client.get("/people/search?q=n&role=external&role=coordinator")) == []
    assert _names(client.get("/people/search?q=na&role=external&role=coordinator")) == ["Extern, Nadia"]
    assert _names(client.get("/people/search?q=no&role=coordinator")) == ["Nordmann, Nora"]  # may choose oneself
    assert str(me.id) in {r["value"] for r in client.get("/people/search?q=nora").get_json()["results"]}


def test_search_with_a_role_returns_a_few_matches(client, db, login_as, make_person):
    login_as("coordinator")
    for n in range(SEARCH_LIMIT + 3):
        make_person(roles=["mentor"], first_name=f"Max{n}", last_name="Mustermann")
    assert len(_names(client.get("/people/search?q=mus&role=mentor"))) == SEARCH_LIMIT


def test_search_refuses_an_unknown_role(client, login_as):
    login_as("coordinator")
    assert client.get("/people/search?q=test&role=admin").status_code == 400


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_members_search_without_a_role_filter_and_never_themselves(client, db, login_as, make_person, role):
    me = login_as(role, first_name="Berta", last_name="Bergmann")
    make_person(roles=["mentor"], first_name="Bernd", last_name="Albers")
    assert _names(client.get("/people/search?q=ber")) == ["Albers, Bernd"]
    assert me.id not in {int(r["value"]) for r in client.get("/people/search?q=berta").get_json()["results"]}
    assert client.get("/people/search?q=ber&role=mentor").status_code == 403  # roles are the coordinators' view


@pytest.mark.parametrize("roles, status", [(("external",), 403), (("management",), 403), (("trainer",), 403),
                                           ((), 403), (("coordinator",), 200)])
def test_who_may_search(client, login_as, roles, status):
    login_as(*roles)
    assert client.get("/people/search?q=test&role=mentor").status_code == status


def test_search_needs_a_login(client):
    assert client.get("/people/search?q=test").status_code in (302, 401)


# --- pins and exclusions, offline tandems, replacements ---

def test_pin_accepts_a_mentor_and_a_mentee_found_by_id(client, db, login_as, make_person):
    login_as("coordinator")
    mentor, mentee = make_person(roles=["mentor"]), make_person(roles=["mentee"])
    response = client.post("/pairing/constraints", data={"kind": "pin", "pin-mentor_id": mentor.id,
                                                         "pin-mentee_id": mentee.id})
    assert response.status_code == 302
    assert [(p.mentor_id, p.mentee_id) for p in db.session.scalars(db.select(MatchPin))] == [(mentor.id, mentee.id)]


@pytest.mark.parametrize("who, message", [("mentee", MENTOR_ROLE), ("archived", MENTOR_ROLE), ("garbage", MENTOR_ROLE),
                                          ("unknown", MENTOR_ROLE), ("blank", b"This field is required.")])
def test_pin_refuses_someone_who_is_not_an_active_mentor(client, db, login_as, make_person, who, message):
    login_as("coordinator")
    mentee = make_person(roles=["mentee"], first_name="Emma", last_name="Mentee")
    value = {"mentee": mentee.id, "archived": _archived(db, make_person(roles=["mentor"])).id, "garbage": "1; drop",
             "unknown": "999999", "blank": ""}[who]
    response = client.post("/pairing/constraints", data={"kind": "pin", "pin-mentor_id": value,
                                                         "pin-mentee_id": mentee.id})
    assert response.status_code == 400 and message in response.data
    assert _count(db, MatchPin) == 0
    # the valid choice comes back chosen
    assert f'<option selected value="{mentee.id}">Mentee, Emma</option>' in response.get_data(as_text=True)


# --- job shadowing ---

def test_shadowing_host_may_be_anyone_active(client, db, login_as, make_person):
    login_as("coordinator")
    trainer, host = make_person(roles=["trainer"]), make_person(roles=[])
    assert client.post("/shadowing/new", data={**SHADOWING, "shadower_id": trainer.id,
                                               "host_id": host.id}).status_code == 302
    _archived(db, host)
    response = client.post("/shadowing/new", data={**SHADOWING, "shadower_id": trainer.id, "host_id": host.id})
    assert response.status_code == 400 and b"Choose an active person." in response.data
    assert _count(db, JobShadowingActivity) == 1


# --- workshops ---

@pytest.mark.parametrize("roles", [["external"], ["mentor"], ["coordinator"]])
def test_workshop_facilitator_of_each_allowed_role(client, db, login_as, make_person, roles):
    login_as("coordinator")
    facilitator = make_person(roles=roles)
    assert client.post("/community/workshops/new", data={**WORKSHOP, "facilitator_id": facilitator.id}).status_code \
        == 302
    assert db.session.scalar(db.select(Workshop.facilitator_id)) == facilitator.id


@pytest.mark.parametrize("who", ["mentee", "archived", "garbage"])
def test_workshop_refuses_a_facilitator_without_the_role(client, db, login_as, make_person, who):
    login_as("coordinator")
    value = {"mentee": make_person(roles=["mentee"]).id, "garbage": "abc",
             "archived": _archived(db, make_person(roles=["external"])).id}[who]
    response = client.post("/community/workshops/new", data={**WORKSHOP, "facilitator_id": value})
    assert response.status_code == 400 and FACILITATOR in response.data
    assert _count(db, Workshop) == 0


def test_workshop_without_a_facilitator(client, db, login_as):
    login_as("coordinator")
    assert client.post("/community/workshops/new", data={**WORKSHOP, "facilitator_id": ""}).status_code == 302
    assert db.session.scalar(db.select(Workshop.facilitator_id)) is None


def test_workshop_edit_shows_the_chosen_facilitator(client, db, login_as, make_person):
    login_as("coordinator")
    facilitator = make_person(roles=["external"], first_name="Fiona", last_name="Facilitator")
    make_person(roles=["external"], first_name="Otto", last_name="Otherperson")
    workshop = _workshop(db, facilitator_id=facilitator.id)
    page = client.get(f"/community/workshops/{workshop.id}/edit").get_data(as_text=True)
    listed = _select(page, "facilitator_id")
    assert f'<option selected value="{facilitator.id}">Facilitator, Fiona</option>' in listed
    assert "Otherperson" not in page
    assert 'data-search-url="/people/search?role=external&amp;role=mentor&amp;role=coordinator"' in page


def test_invite_refuses_the_invited_archived_and_garbage(client, db, login_as, make_person, outbox):
    login_as("coordinator")
    workshop = _workshop(db)
    invited, new = make_person(roles=["mentee"]), make_person(roles=["mentor"], first_name="Neu", last_name="Person")
    db.session.add(WorkshopParticipant(workshop_id=workshop.id, person_id=invited.id, invited_at=utcnow()))
    db.session.commit()
    gone = _archived(db, make_person(roles=["mentor"]))
    for people in ([new.id, invited.id], [new.id, gone.id], [new.id, "x"]):
        response = client.post(f"/community/workshops/{workshop.id}/invite", data={"people": people})
        assert response.status_code == 400 and NOT_INVITED in response.data
        assert f'<option selected value="{new.id}">Person, Neu</option>' in response.get_data(as_text=True)
    assert outbox() == []
    assert client.post(f"/community/workshops/{workshop.id}/invite", data={"people": [new.id]}).status_code == 302
    assert len(outbox()) == 1


def test_invite_without_javascript_searches_without_the_invited(client, db, login_as, make_person):
    login_as("coordinator")
    workshop = _workshop(db)
    invited = make_person(roles=["mentee"], last_name="Gesucht", first_name="Ida")
    found = make_person(roles=["mentee"], last_name="Gesucht", first_name="Gerd")
    db.session.add(WorkshopParticipant(workshop_id=workshop.id, person_id=invited.id, invited_at=utcnow()))
    db.session.commit()
    response = client.post(f"/community/workshops/{workshop.id}/invite",
                           data={"people-query": "gesucht", "people-search": "1"})
    listed = _select(response.get_data(as_text=True), "people")
    assert response.status_code == 200 and f'value="{found.id}"' in listed and f'value="{invited.id}"' not in listed


def test_german_messages(client, db, login_as, make_person):
    login_as("coordinator")
    with client.session_transaction() as session:
        session["locale"] = "de"
    response = client.post("/community/workshops/new", data={**WORKSHOP, "facilitator_id": "abc"})
    assert "Wählen Sie eine aktive externe Fachkraft" in response.get_data(as_text=True)
    page = client.post("/pairing/pairs/offline", data={"mentor_id-query": "zz", "mentor_id-search": "1"})
    page = page.get_data(as_text=True)
    assert "Person nach Namen suchen" in page and "Kein Treffer" in page


# --- the pages do not grow with the number of people ---

FORM_PAGES = ["/pairing/constraints", "/pairing/pairs/offline", "/shadowing/new", "/community/workshops/new",
              "/community/workshops/{workshop}"]


def _measure(app, client, url: str) -> tuple[int, int]:
    count, response = get_counted(app, client, url)
    return count, len(response.data)


def _people(make_person, number: int) -> None:
    for n in range(number):
        make_person(roles=[("mentor", "mentee", "external", "trainer")[n % 4]], password=None,
                    first_name=f"Many{n}", last_name=f"Person{n:04d}")


@pytest.mark.slow
def test_form_pages_do_not_grow_with_the_number_of_people(app, db, client, login_as, make_person):
    login_as("coordinator")
    pages = [url.format(workshop=_workshop(db).id) for url in FORM_PAGES]
    _people(make_person, 10)
    for url in pages:  # first use may create reference data: not counted
        _measure(app, client, url)
    small = [_measure(app, client, url) for url in pages]
    _people(make_person, 190)
    large = [_measure(app, client, url) for url in pages]
    assert [url for url, (q1, _s1), (q2, _s2) in zip(pages, small, large) if q2 > q1] == []
    # the same page, apart from the CSRF token and the like: nobody is listed
    assert [url for url, (_q1, s1), (_q2, s2) in zip(pages, small, large) if abs(s2 - s1) > 100] == []
    assert not any("Many" in client.get(url).get_data(as_text=True) for url in pages)
