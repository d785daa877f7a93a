"""Every workspace and agreement route checks the object: members and coordinators only."""
import io

import pytest
from werkzeug.datastructures import FileStorage

from bridge.core.audit import AuditEvent
from bridge.modules.agreements.operations import agreement as agreements
from bridge.modules.mentoring.operations import documents, messages, sessions
from bridge.modules.mentoring.models import Document, MentoringSession, Message

GET_ROUTES = ["/pairs/{p}/", "/pairs/{p}/agreement", "/pairs/{p}/agreement/edit", "/pairs/{p}/agreement/versions/1",
              "/pairs/{p}/agreement/versions/1/pdf", "/pairs/{p}/agreement/scans/{scan}", "/pairs/{p}/documents",
              "/pairs/{p}/documents/{doc}", "/pairs/{p}/sessions", "/pairs/{p}/messages"]
POST_ROUTES = ["/pairs/{p}/agreement/start", "/pairs/{p}/agreement/edit", "/pairs/{p}/agreement/sign",
               "/pairs/{p}/agreement/scans", "/pairs/{p}/agreement/scans/{scan}/confirm", "/pairs/{p}/documents",
               "/pairs/{p}/documents/{doc}/delete", "/pairs/{p}/sessions", "/pairs/{p}/sessions/{s}/confirm",
               "/pairs/{p}/messages", "/pairs/{p}/complete", "/pairs/{p}/end", "/pairs/{p}/become-mentor"]
POST_DATA = {"goals": "Taken over", "typed_name": "x", "confirm": "y", "body": "Hello", "reason": "Because",
             "comment": "c", "rating": "4", "held_on": "2026-01-05", "duration_minutes": "60", "mode": "online",
             "topics": "t", "language": "en"}


@pytest.fixture
def world(db, make_tandem, make_person):
    """Return a tandem with an agreement, a scan, a document, a session and a message; and another tandem."""
    pair = make_tandem()
    agreement = agreements.start_agreement(pair.mentee, pair, "en")
    scan = agreements.upload_scan(pair.mentee, agreement, FileStorage(io.BytesIO(b"%PDF-1.4 x"), "s.pdf"), 10_000)
    doc = documents.upload_document(pair.mentor, pair, FileStorage(io.BytesIO(b"%PDF-1.4 doc"), "plan.pdf"), 10_000)
    pair.state = "agreed"
    session = sessions.log_session(pair.mentor, pair, {"held_on": __import__("datetime").date(2026, 1, 5),
                                                  "duration_minutes": 60, "mode": "online", "topics": "Intro"})
    messages.post_message(pair.mentor, pair, "Welcome!")
    db.session.commit()
    other = make_tandem(mentor=make_person(roles=["mentor"]), mentee=make_person(roles=["mentee"]))
    ids = {"p": pair.id, "scan": scan.id, "doc": doc.id, "s": session.id}
    return pair, other, ids


def _snapshot(db):
    counts = [db.session.scalar(db.select(db.func.count(m.id))) for m in (Document, MentoringSession, Message)]
    return counts + [db.session.scalar(db.select(db.func.count(AuditEvent.id)))]


def _outsider(world, who, make_person):
    _pair, other, _ids = world
    if who == "other_mentor":
        return other.mentor
    if who == "other_mentee":
        return other.mentee
    if who == "management":
        return make_person(roles=["management"])
    return make_person(roles=["external"])


@pytest.mark.parametrize("route", GET_ROUTES + POST_ROUTES)
def test_anonymous_is_sent_to_login(client, world, route):
    url = route.format(**world[2])
    resp = client.post(url, data=POST_DATA) if route in POST_ROUTES and route not in GET_ROUTES else client.get(url)
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


@pytest.mark.parametrize("who", ["other_mentor", "other_mentee", "external", "management"])
@pytest.mark.parametrize("route", GET_ROUTES)
def test_outsiders_cannot_see(client, login, world, make_person, who, route):
    login(_outsider(world, who, make_person))
    resp = client.get(route.format(**world[2]))
    assert resp.status_code == 403
    assert b"Welcome!" not in resp.data and b"%PDF" not in resp.data


@pytest.mark.parametrize("who", ["other_mentor", "other_mentee", "external", "management"])
@pytest.mark.parametrize("route", POST_ROUTES)
def test_outsiders_cannot_change_anything(client, login, db, world, make_person, who, route):
    login(_outsider(world, who, make_person))
    before = _snapshot(db)
    resp = client.post(route.format(**world[2]), data=POST_DATA)
    assert resp.status_code == 403
    db.session.expire_all()
    assert _snapshot(db) == before
    assert world[0].state == "agreed"


@pytest.mark.parametrize("member", ["mentor", "mentee"])
@pytest.mark.parametrize("route", GET_ROUTES)
def test_members_can_see(client, login, world, member, route):
    login(getattr(world[0], member))
    with client.get(route.format(**world[2])) as resp:
        assert resp.status_code == 200


@pytest.mark.parametrize("route", [r for r in GET_ROUTES if "messages" not in r])
def test_coordinators_can_see(client, login_as, world, route):
    login_as("coordinator")
    with client.get(route.format(**world[2])) as resp:
        assert resp.status_code == 200


def test_coordinators_cannot_read_messages_by_default(client, login_as, world):
    login_as("coordinator")
    resp = client.get("/pairs/{p}/messages".format(**world[2]))
    assert resp.status_code == 403 and b"Welcome!" not in resp.data


@pytest.mark.app_config(COORDINATORS_READ_MESSAGES=True)
def test_coordinators_read_messages_where_allowed_and_page_says_so(client, login_as, world):
    login_as("coordinator")
    resp = client.get("/pairs/{p}/messages".format(**world[2]))
    assert resp.status_code == 200 and b"Welcome!" in resp.data
    assert b"coordinators can read the messages" in resp.data


def test_member_page_says_coordinators_cannot_read(client, login, world):
    login(world[0].mentee)
    assert b"coordinators cannot" in client.get("/pairs/{p}/messages".format(**world[2])).data


def test_objects_of_another_tandem_are_not_found_through_ones_own(client, login, world):
    _pair, other, ids = world
    login(other.mentor)
    assert client.get(f"/pairs/{other.id}/documents/{ids['doc']}").status_code == 404
    assert client.post(f"/pairs/{other.id}/documents/{ids['doc']}/delete").status_code == 404
    assert client.post(f"/pairs/{other.id}/sessions/{ids['s']}/confirm", data=POST_DATA).status_code == 404


def test_unconfirmed_proposal_is_hidden_from_its_members(client, login, make_tandem):
    pair = make_tandem(state="proposed")
    login(pair.mentee)
    assert client.get(f"/pairs/{pair.id}/").status_code == 403


def test_template_editor_is_for_coordinators_only(client, login_as, world):
    login_as("mentor")
    assert client.get("/agreements/templates").status_code == 403
    assert client.post("/agreements/templates/en", data=POST_DATA).status_code == 403
