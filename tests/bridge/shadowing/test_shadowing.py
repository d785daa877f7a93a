"""Job-shadowing activities: recording, the interactive checklist, bad input and permissions."""
import pytest

from bridge.modules.shadowing.models import JobShadowingActivity
from bridge.modules.shadowing.util import ITEM_KEYS


@pytest.fixture
def pair(make_person):
    return make_person(roles=["mentor"], first_name="Sara"), make_person(roles=["mentee"], first_name="Hans")


def _create(client, shadower, host, **extra):
    data = {"shadower_id": shadower.id, "host_id": host.id, "start_date": "2027-03-01", "end_date": "2027-03-02",
            "focus_competences": ["adaptability", "intercultural_communication"], **extra}
    return client.post("/shadowing/new", data=data)


def _count(db):
    return db.session.scalar(db.select(db.func.count(JobShadowingActivity.id)))


def test_coordinator_records_activity_and_shadower_fills_checklist(client, db, login_as, pair):
    shadower, host = pair
    login_as("coordinator")
    response = _create(client, shadower, host)
    assert response.status_code == 302
    activity = db.session.scalar(db.select(JobShadowingActivity))
    assert activity.focus_competences == ["adaptability", "intercultural_communication"]
    with client.session_transaction() as session:
        session["_user_id"] = shadower.account.get_id()
    page = client.get(f"/shadowing/{activity.id}")
    assert page.status_code == 200 and b'name="checklist"' in page.data
    response = client.post(f"/shadowing/{activity.id}", data={
        "observations": "<script>alert(1)</script> Client asked twice", "feedback": "Good use of plain language",
        "checklist": ["goals", "debriefing"]})
    assert response.status_code == 302
    db.session.expire_all()
    activity = db.session.get(JobShadowingActivity, activity.id)
    assert activity.checklist == {"goals": True, "debriefing": True}
    page = client.get(f"/shadowing/{activity.id}").data
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page and b"<script>alert(1)" not in page
    assert b"2 of %d" % len(ITEM_KEYS) in page


BAD = [({"host_id": "SAME"}, b"must be different"), ({"end_date": "2027-02-01"}, b"cannot be before"),
       ({"start_date": ""}, b"This field is required"), ({"focus_competences": ["nonsense"]}, b"valid choice"),
       ({"shadower_id": "999999"}, b"valid choice")]


@pytest.mark.parametrize("extra, message", BAD)
def test_create_bad_input_is_rejected(client, db, login_as, pair, extra, message):
    shadower, host = pair
    login_as("coordinator")
    if extra.get("host_id") == "SAME":
        extra = {"host_id": shadower.id}
    response = _create(client, shadower, host, **extra)
    assert response.status_code == 400 and message in response.data
    assert _count(db) == 0


def test_checklist_unknown_item_is_rejected(client, db, login_as, pair, make_person):
    shadower, host = pair
    login_as("coordinator")
    _create(client, shadower, host)
    activity = db.session.scalar(db.select(JobShadowingActivity))
    response = client.post(f"/shadowing/{activity.id}", data={"checklist": ["goals", "bogus"]})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(JobShadowingActivity, activity.id).checklist == {}


def test_permissions(client, db, login_as, pair, make_person):
    shadower, host = pair
    login_as("coordinator")
    _create(client, shadower, host)
    activity = db.session.scalar(db.select(JobShadowingActivity))
    with client.session_transaction() as session:
        session.clear()
    assert client.get("/shadowing/").status_code == 302
    assert client.get(f"/shadowing/{activity.id}").status_code == 302
    assert client.get("/shadowing/new").status_code == 302
    stranger = login_as("mentor")
    assert b"No job-shadowing activities" in client.get("/shadowing/").data
    assert client.get(f"/shadowing/{activity.id}").status_code == 403
    assert client.get("/shadowing/new").status_code == 403
    with client.session_transaction() as session:
        session["_user_id"] = host.account.get_id()
    assert client.get(f"/shadowing/{activity.id}").status_code == 200
    assert b'name="checklist"' not in client.get(f"/shadowing/{activity.id}").data
    assert client.post(f"/shadowing/{activity.id}", data={"checklist": ["goals"]}).status_code == 403
    assert client.get("/shadowing/999999").status_code == 404
    assert stranger.id not in (activity.shadower_id, activity.host_id)
