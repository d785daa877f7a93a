"""Job-shadowing activities: recording, the interactive checklist, bad input and permissions."""
from datetime import date

import pytest

from bridge.core.errors import ValidationFailed
from bridge.modules.shadowing.models import JobShadowingActivity
from bridge.modules.shadowing.operations import create_activity, may_shadow
from bridge.modules.shadowing.util import ITEM_KEYS
from bridge.modules.training.models import OER_MODULES, TrainingRecord


@pytest.fixture
def pair(make_person):
    return (make_person(roles=["mentor", "trainer"], first_name="Sara"),
            make_person(roles=["mentee"], first_name="Hans"))


def _train(db, person, modules=OER_MODULES, status="passed"):
    for module in modules:
        db.session.add(TrainingRecord(person_id=person.id, module_id=module, status=status, source="moodle"))
    db.session.commit()
    return person


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
       ({"shadower_id": "999999"}, b"Choose an active trainer or a person who has completed"),
       ({"shadower_id": "12abc"}, b"Choose an active trainer or a person who has completed"),
       ({"host_id": "999999"}, b"Choose an active person."), ({"host_id": "-3"}, b"Choose an active person."),
       ({"host_id": ""}, b"This field is required")]


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


def test_who_may_be_the_shadower(client, db, login_as, pair, make_person):
    """A trainer or a person with the three modules done may shadow; anyone else is refused (form and operation)."""
    trainer, host = pair
    trained = _train(db, make_person(roles=["mentor"], first_name="Trained"))
    half = _train(db, make_person(roles=["mentor"], first_name="Halfway"), modules=OER_MODULES[:2])
    failed = _train(db, make_person(roles=["mentor"], first_name="Failed"), status="failed")
    untrained = make_person(roles=["mentee"], first_name="Untrained")
    archived = make_person(roles=["trainer"], first_name="Archived")
    archived.archived_at = archived.created_at
    db.session.commit()
    assert [may_shadow(p) for p in (trainer, trained, half, failed, untrained, archived, host)] == \
        [True, True, False, False, False, False, False]
    coordinator = login_as("coordinator")
    page = client.get("/shadowing/new").data.decode()
    assert 'data-search-url="/people/search?role=shadower"' in page  # the page lists nobody; the search finds them
    for person in (trainer, trained, half, failed, untrained, archived, host):
        person.last_name = "Shadowtest"
    db.session.commit()
    found = client.get("/people/search?role=shadower&q=shadowtest").get_json()["results"]
    assert {row["value"] for row in found} == {str(trainer.id), str(trained.id)}
    anyone = client.get("/people/search?q=shadowtest").get_json()["results"]
    assert str(host.id) in {row["value"] for row in anyone}  # anyone active may be observed
    assert _create(client, trained, host).status_code == 302
    for person in (half, failed, untrained, archived):
        response = _create(client, person, host)
        assert response.status_code == 400 and b"Choose an active trainer or a person who has" in response.data
    assert _count(db) == 1
    data = {"shadower_id": untrained.id, "host_id": host.id, "start_date": date(2027, 3, 1)}
    with pytest.raises(ValidationFailed) as refused:  # the operation guards even without the form
        create_activity(coordinator, data)
    assert refused.value.field == "shadower_id" and "trainer role" in refused.value.message
    db.session.rollback()
    assert _count(db) == 1


def test_coordinator_grants_the_trainer_role_shown_in_the_profile(client, db, login_as, make_person):
    person = make_person(roles=["mentor"], first_name="Tina")
    assert not may_shadow(person)
    login_as("coordinator")
    response = client.post(f"/people/{person.id}/edit", data={
        "first_name": "Tina", "last_name": person.last_name, "email": person.email, "languages": ["de"],
        "roles": ["mentor", "trainer"]})
    assert response.status_code == 302
    db.session.expire_all()
    assert may_shadow(person) and person.has_role("trainer")
    assert b"Trainer" in client.get(f"/people/{person.id}").data
    found = client.get("/people/search?role=shadower&q=tina").get_json()["results"]
    assert [row["value"] for row in found] == [str(person.id)]
    login_as("mentor")  # only coordinators set roles
    assert client.post(f"/people/{person.id}/edit", data={"roles": ["trainer"]}).status_code == 403


@pytest.mark.parametrize("locale", ["en", "de"])
def test_the_toolkit_checklist_is_the_one_ticked_in_the_app(app, client, locale):
    """Both say the same items, in which the shadower observes and the host gets goals, feedback and next steps."""
    from flask_babel import force_locale, gettext

    from bridge.modules.shadowing.util import CHECKLIST

    page = client.get("/help/job-shadowing-checklist", headers={"Accept-Language": locale}).get_data(as_text=True)
    with app.test_request_context(), force_locale(locale):
        texts = [gettext(text) for _group, _label, items in CHECKLIST for _key, text in items]
    for text in texts:
        assert text in page, text
    host = "host" if locale == "en" else "gastgebende"
    assert host in texts[0] and host in texts[-3] and host in texts[-2]


def test_a_colleague_who_passed_the_three_quizzes_may_shadow_as_the_training_gate_says(app, db, make_person):
    """The shadower's training is judged like a mentor's (TRAINING_GATE): the quizzes passed count under the default
    gate (scorm_or_quiz) and the quiz gate, not under the scorm gate."""
    from bridge.modules.training.models import TrainingRecord

    colleague = make_person(roles=["mentor"])
    for module in OER_MODULES:
        db.session.add(TrainingRecord(person_id=colleague.id, module_id=module, status="incomplete",
                                      quiz_status="passed", source="moodle"))
    db.session.commit()
    assert may_shadow(colleague)
    for gate, expected in (("quiz", True), ("scorm", False)):
        app.config["TRAINING_GATE"] = gate
        try:
            assert may_shadow(colleague) is expected, gate
        finally:
            app.config["TRAINING_GATE"] = "scorm_or_quiz"
