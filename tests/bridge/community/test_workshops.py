from bridge.modules.community.models import Scenario, Workshop, WorkshopParticipant

VALID = {"title": "Interpreters in practice", "starts_at": "2027-03-04T09:30", "place": "Town hall",
         "online_link": "", "facilitator_id": 0, "description": "", "outcomes": ""}


def _as(client, person):
    with client.session_transaction() as session:
        session["_user_id"] = person.account.get_id()


def test_coordinator_plans_workshop_with_external_facilitator(client, login_as, make_person, db):
    login_as("coordinator")
    external = make_person(roles=["external"])
    resp = client.post("/community/workshops/new", data={**VALID, "facilitator_id": external.id})
    assert resp.status_code == 302
    workshop = db.session.scalar(db.select(Workshop))
    assert workshop.facilitator_id == external.id and workshop.starts_at.tzinfo is not None


def test_workshop_form_rejects_bad_input(client, login_as, make_person, db):
    login_as("coordinator")
    staff = make_person(roles=[])
    for data in ({**VALID, "title": ""}, {**VALID, "starts_at": "tomorrow"}, {**VALID, "place": ""},
                 {**VALID, "online_link": "not a url"}, {**VALID, "facilitator_id": staff.id}):
        resp = client.post("/community/workshops/new", data=data)
        assert resp.status_code == 400 and "invalid-feedback" in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Workshop.id))) == 0


def test_invite_mails_participants_who_then_see_the_workshop(client, login_as, make_person, make_workshop,
                                                             db, outbox):
    coordinator = login_as("coordinator")
    workshop = make_workshop()
    mentee, mentor = make_person(roles=["mentee"]), make_person(roles=["mentor"])
    resp = client.post(f"/community/workshops/{workshop.id}/invite", data={"people": [mentee.id, mentor.id]})
    assert resp.status_code == 302
    assert sorted(m["To"] for m in outbox()) == sorted([mentee.email, mentor.email])
    assert all(m["Subject"] == "Invitation to a workshop" for m in outbox())
    client.post(f"/community/workshops/{workshop.id}/invite", data={"people": [mentee.id]})
    assert len(outbox()) == 2
    _as(client, mentee)
    assert client.get(f"/community/workshops/{workshop.id}").status_code == 200
    assert workshop.title in client.get("/community/workshops/").get_data(as_text=True)
    _as(client, make_person(roles=["mentee"]))
    assert workshop.title not in client.get("/community/workshops/").get_data(as_text=True)
    assert coordinator is not None


def test_invite_without_people_is_rejected(client, login_as, make_workshop, db, outbox):
    login_as("coordinator")
    workshop = make_workshop()
    assert client.post(f"/community/workshops/{workshop.id}/invite", data={}).status_code == 400
    assert client.post(f"/community/workshops/{workshop.id}/invite", data={"people": ["abc"]}).status_code == 400
    assert outbox() == [] and db.session.scalar(db.select(db.func.count(WorkshopParticipant.person_id))) == 0


def test_record_attendance(client, login_as, make_person, make_workshop, db):
    login_as("coordinator")
    workshop = make_workshop()
    came, missed = make_person(roles=["mentee"]), make_person(roles=["mentor"])
    client.post(f"/community/workshops/{workshop.id}/invite", data={"people": [came.id, missed.id]})
    resp = client.post(f"/community/workshops/{workshop.id}/attendance", data={"attended": [came.id]})
    assert resp.status_code == 302
    db.session.expire_all()
    result = {p.person_id: p.attended for p in db.session.scalars(db.select(WorkshopParticipant))}
    assert result == {came.id: True, missed.id: False}
    resp = client.post(f"/community/workshops/{workshop.id}/attendance", data={"attended": [999999]})
    assert resp.status_code == 400


def test_facilitator_chooses_scenarios(client, login_as, make_workshop, make_scenario, db):
    external = login_as("external")
    workshop = make_workshop(facilitator_id=external.id)
    scenario = make_scenario()
    assert client.get(f"/community/workshops/{workshop.id}").status_code == 200
    resp = client.post(f"/community/workshops/{workshop.id}/scenarios", data={"scenarios": [scenario.id]})
    assert resp.status_code == 302
    db.session.expire_all()
    assert [s.id for s in db.session.get(Workshop, workshop.id).scenarios] == [scenario.id]


def test_external_writes_scenario_and_everyone_reads_it(client, login_as, make_person, db):
    login_as("external")
    assert client.post("/community/scenarios/new", data={"title": "", "situation": ""}).status_code == 400
    resp = client.post("/community/scenarios/new", data={"title": "Long queues", "situation": "A *busy* office"})
    assert resp.status_code == 302
    scenario = db.session.scalar(db.select(Scenario))
    _as(client, make_person(roles=["mentee"]))
    page = client.get(f"/community/scenarios/{scenario.id}").get_data(as_text=True)
    assert "<em>busy</em>" in page


def test_question_from_workshop_is_linked(client, login_as, make_workshop, db):
    login_as("coordinator")
    workshop = make_workshop()
    page = client.get(f"/community/qa/ask?workshop={workshop.id}").get_data(as_text=True)
    assert workshop.title in page
    client.post("/community/qa/ask", data={"title": "From the workshop", "workshop_id": workshop.id})
    from bridge.modules.community.models import Question

    assert db.session.scalar(db.select(Question)).workshop_id == workshop.id
