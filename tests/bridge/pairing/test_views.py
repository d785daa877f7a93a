"""Pairing pages: permissions on every route, the coordinator's workflow over HTTP, members' views."""
from types import SimpleNamespace

import pytest

from bridge.core.audit import AuditEvent
from bridge.modules.pairing.models import MatchExclusion, MatchPin, MatchRun, Pair, ProcedureItem
from bridge.modules.pairing.operations.eligibility import is_eligible
from bridge.modules.pairing.operations.matching import run_matching
from bridge.modules.pairing.operations.pairs import create_pair
from bridge.modules.pairing.operations.pins import add_exclusion, add_pin
from bridge.modules.pairing.operations.profiles import find_profile
from bridge.modules.pairing.operations.review import record_offline_pair

NON_COORDINATORS = ["mentor", "mentee", "external"]
COORDINATOR_GET = ["/pairing/", "/pairing/eligibility", "/pairing/eligibility/{mentor}/exemption",
                   "/pairing/procedures", "/pairing/constraints", "/pairing/runs", "/pairing/runs/new",
                   "/pairing/runs/{run}", "/pairing/proposals/{proposal}", "/pairing/pairs", "/pairing/pairs/offline"]
COORDINATOR_POST = ["/pairing/eligibility/{mentor}/exemption", "/pairing/eligibility/{mentor}/exemption/remove",
                    "/pairing/procedures", "/pairing/procedures/{item}/done", "/pairing/procedures/{item}/reopen",
                    "/pairing/procedures/{item}/delete", "/pairing/constraints",
                    "/pairing/constraints/pin/{pin}/delete", "/pairing/constraints/exclusion/{exclusion}/delete",
                    "/pairing/runs/new", "/pairing/proposals/{proposal}/accept",
                    "/pairing/proposals/{proposal}/reject", "/pairing/proposals/{proposal}/replace",
                    "/pairing/runs/{run}/accept-all", "/pairing/runs/{run}/confirm", "/pairing/pairs/offline",
                    "/pairing/pairs/{pair}/transition"]
MEMBER_GET = ["/pairing/profile", "/pairing/my", "/pairing/profile/mentee", "/pairing/profile/mentor",
              "/pairing/pairs/{pair}"]


@pytest.fixture
def world(db, coordinator, checklist, make_mentor, make_mentee):
    """A draft run with one open proposal, a current tandem, a pin and an exclusion."""
    mentor, other_mentor = make_mentor(first_name="Aylin", last_name="Demir"), make_mentor()
    mentee, paired = make_mentee(first_name="Lena", last_name="Fischer"), make_mentee()
    pair = record_offline_pair(coordinator, other_mentor, paired, "Pilot meeting")
    pin = add_pin(coordinator, mentor, mentee)
    exclusion = add_exclusion(coordinator, other_mentor, mentee)
    db.session.commit()
    run = run_matching(coordinator)
    db.session.commit()
    return SimpleNamespace(mentor=mentor.id, mentee=mentee.id, other_mentor=other_mentor.id, paired=paired.id,
                           pair=pair.id, pin=pin.id, exclusion=exclusion.id, run=run.id,
                           proposal=run.proposals[0].id, item=checklist.id)


def url(route, world):
    return route.format(**vars(world))


def audit_count(db):
    return db.session.scalar(db.select(db.func.count(AuditEvent.id)))


@pytest.mark.parametrize("route", COORDINATOR_GET)
def test_coordinator_pages_allow_coordinator(client, login_as, world, route):
    login_as("coordinator")
    assert client.get(url(route, world)).status_code == 200


@pytest.mark.parametrize("route", ["/pairing/", "/pairing/runs/new", "/pairing/runs/{run}"])
def test_matching_pages_state_protected_characteristics_are_never_inputs(client, login_as, world, route):
    login_as("coordinator")
    page = client.get(url(route, world)).data
    assert b"age, gender, nationality, religion and name" in page and b"never inputs" in page


@pytest.mark.parametrize("role", NON_COORDINATORS)
@pytest.mark.parametrize("route", COORDINATOR_GET)
def test_coordinator_pages_forbid_others(client, login_as, world, route, role):
    login_as(role)
    assert client.get(url(route, world)).status_code == 403


@pytest.mark.parametrize("role", NON_COORDINATORS)
@pytest.mark.parametrize("route", COORDINATOR_POST)
def test_coordinator_actions_forbid_others_and_change_nothing(client, login_as, db, world, route, role):
    login_as(role)
    before = audit_count(db)
    data = {"reason": "x", "title": "x", "category": "legal", "kind": "pin", "pin-mentor_id": world.mentor,
            "pin-mentee_id": world.mentee, "decision-comment": "x", "replace-mentor_id": world.other_mentor,
            "replace-comment": "x", "mentor_id": world.mentor, "mentee_id": world.mentee, "comment": "x",
            "to_state": "agreed"}
    assert client.post(url(route, world), data=data).status_code == 403
    db.session.expire_all()
    assert audit_count(db) == before
    assert db.session.get(MatchRun, world.run).status == "draft"
    assert db.session.get(Pair, world.pair).state == "introduced"


@pytest.mark.parametrize("route", COORDINATOR_GET + COORDINATOR_POST + MEMBER_GET)
def test_pages_send_anonymous_to_login(client, world, route):
    method = client.post if route in COORDINATOR_POST else client.get
    response = method(url(route, world))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role,route,status", [
    ("mentee", "/pairing/profile", 200), ("mentor", "/pairing/profile", 200), ("external", "/pairing/profile", 403),
    ("coordinator", "/pairing/profile", 403), ("mentee", "/pairing/profile/mentee", 200),
    ("mentor", "/pairing/profile/mentee", 403), ("mentor", "/pairing/profile/mentor", 200),
    ("mentee", "/pairing/profile/mentor", 403), ("external", "/pairing/profile/mentor", 403),
    ("mentee", "/pairing/my", 200), ("mentor", "/pairing/my", 200), ("external", "/pairing/my", 403),
])
def test_member_pages_by_role(client, login_as, role, route, status):
    login_as(role)
    assert client.get(route).status_code == status


def test_pair_page_visible_to_members_and_coordinators_only(client, db, login_as, world, make_person):
    from bridge.modules.people.models import Person

    with client.session_transaction() as session:
        session["_user_id"] = db.session.get(Person, world.paired).account.get_id()
    assert client.get(f"/pairing/pairs/{world.pair}").status_code == 200
    login_as("mentee")
    assert client.get(f"/pairing/pairs/{world.pair}").status_code == 403
    login_as("coordinator")
    assert client.get(f"/pairing/pairs/{world.pair}").status_code == 200
    assert client.get("/pairing/pairs/999999").status_code == 404


def _login(client, db, person_id):
    from bridge.modules.people.models import Person

    with client.session_transaction() as session:
        session["_user_id"] = db.session.get(Person, person_id).account.get_id()


def test_members_see_no_unconfirmed_proposal(client, db, world):
    _login(client, db, world.mentee)
    page = client.get("/pairing/my")
    assert b"Aylin Demir" not in page.data and b"not in a tandem yet" in page.data


def test_members_do_not_see_a_proposed_pair(client, db, coordinator, make_mentor, make_mentee):
    from bridge.modules.pairing.models import PairSource

    mentee = make_mentee()
    pair = create_pair(coordinator, make_mentor(), mentee, PairSource.AUTOMATIC)
    db.session.commit()
    _login(client, db, mentee.id)
    assert client.get(f"/pairing/pairs/{pair.id}").status_code == 403
    assert b"not in a tandem yet" in client.get("/pairing/my").data


def test_coordinator_reviews_accepts_and_confirms_then_mentee_sees_mentor(client, db, login_as, world, outbox):
    login_as("coordinator")
    page = client.get(f"/pairing/proposals/{world.proposal}")
    assert b"Runners-up" in page.data and b"Competences" in page.data
    response = client.post(f"/pairing/proposals/{world.proposal}/accept", data={"decision-comment": "Fits"})
    assert response.status_code == 302
    response = client.post(f"/pairing/runs/{world.run}/confirm", data={"confirm-comment": "Go"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/pairing/pairs")
    assert len(outbox()) == 4  # two for the offline tandem, two now
    _login(client, db, world.mentee)
    page = client.get("/pairing/my")
    assert b"Your mentor: Aylin Demir" in page.data


def test_confirm_with_open_proposals_is_refused_with_message(client, db, login_as, world):
    login_as("coordinator")
    response = client.post(f"/pairing/runs/{world.run}/confirm", data={})
    assert response.status_code == 400 and b"still open" in response.data
    assert db.session.scalar(db.select(db.func.count(Pair.id))) == 1


def test_reject_without_comment_is_refused(client, db, login_as, world):
    login_as("coordinator")
    response = client.post(f"/pairing/proposals/{world.proposal}/reject", data={"decision-comment": ""})
    assert response.status_code == 400 and b"comment" in response.data


def test_replace_by_hand_over_http(client, db, login_as, world, make_mentor):
    login_as("coordinator")
    third = make_mentor()
    response = client.post(f"/pairing/proposals/{world.proposal}/replace",
                           data={"replace-mentor_id": third.id, "replace-comment": "Closer office"})
    assert response.status_code == 400  # the mentor took no part in the run
    response = client.post(f"/pairing/proposals/{world.proposal}/replace",
                           data={"replace-mentor_id": world.other_mentor, "replace-comment": "Closer office"})
    assert response.status_code == 400 and b"excluded" in response.data
    run = db.session.get(MatchRun, world.run)
    assert [p.status for p in run.proposals] == ["proposed"]


def test_run_new_refused_while_checklist_incomplete(client, db, login_as, world):
    login_as("coordinator")
    client.post(f"/pairing/procedures/{world.item}/reopen")
    response = client.post("/pairing/runs/new", data={"competence": 0.4, "availability": 0.25, "experience": 0.1,
                                                      "department": 0.1, "languages": 0.15,
                                                      "department_preference": "none"})
    assert response.status_code == 400 and b"checklist is not complete" in response.data
    assert db.session.scalar(db.select(db.func.count(MatchRun.id)).where(MatchRun.kind == "matching")) == 1


@pytest.mark.parametrize("field,value", [("competence", "-1"), ("languages", "abc"), ("experience", "11"),
                                         ("department_preference", "north"), ("availability", "")])
def test_run_new_rejects_bad_weights(client, db, login_as, world, field, value):
    login_as("coordinator")
    data = {"competence": 0.4, "availability": 0.25, "experience": 0.1, "department": 0.1, "languages": 0.15,
            "department_preference": "none", field: value}
    assert client.post("/pairing/runs/new", data=data).status_code == 400
    assert db.session.scalar(db.select(db.func.count(MatchRun.id)).where(MatchRun.kind == "matching")) == 1


def test_run_new_creates_run(client, db, login_as, world):
    login_as("coordinator")
    response = client.post("/pairing/runs/new", data={"competence": 1, "availability": 0, "experience": 0,
                                                      "department": 0, "languages": 0,
                                                      "department_preference": "same"})
    assert response.status_code == 302
    runs = db.session.scalars(db.select(MatchRun).order_by(MatchRun.id)).all()
    assert [(r.kind, r.status) for r in runs] == [("offline", "confirmed"), ("matching", "discarded"),
                                                  ("matching", "draft")]  # an offline report is never discarded
    assert runs[-1].weights["competence"] == 1


def test_procedures_checklist_over_http(client, db, login_as):
    login_as("coordinator")
    assert client.post("/pairing/procedures", data={"title": "", "category": "legal"}).status_code == 400
    assert client.post("/pairing/procedures", data={"title": "GDPR notice", "category": "legal"}).status_code == 302
    item = db.session.scalar(db.select(ProcedureItem))
    assert client.post(f"/pairing/procedures/{item.id}/done").status_code == 302
    db.session.expire_all()
    assert db.session.get(ProcedureItem, item.id).is_done
    assert client.post(f"/pairing/procedures/{item.id}/done", data={"note": "n" * 2001}).status_code == 400
    assert client.post(f"/pairing/procedures/{item.id}/delete").status_code == 302
    assert db.session.scalar(db.select(ProcedureItem)) is None


def test_exemption_over_http(client, db, login_as, make_mentor):
    login_as("coordinator")
    mentor = make_mentor(trained=False)
    assert client.post(f"/pairing/eligibility/{mentor.id}/exemption", data={"reason": ""}).status_code == 400
    assert client.post(f"/pairing/eligibility/{mentor.id}/exemption", data={"reason": "Trainer"}).status_code == 302
    assert is_eligible(mentor).ok
    assert client.post("/pairing/eligibility/999999/exemption", data={"reason": "x"}).status_code == 404


def test_pins_and_exclusions_over_http(client, db, login_as, make_mentor, make_mentee):
    login_as("coordinator")
    mentor, mentee = make_mentor(), make_mentee()
    assert client.post("/pairing/constraints", data={"kind": "pin", "pin-mentor_id": mentor.id,
                                                     "pin-mentee_id": mentee.id}).status_code == 302
    assert client.post("/pairing/constraints", data={"kind": "exclusion", "exclusion-mentor_id": mentee.id,
                                                     "exclusion-mentee_id": mentee.id}).status_code == 400
    assert db.session.scalar(db.select(MatchExclusion)) is None
    pin = db.session.scalar(db.select(MatchPin))
    assert client.post(f"/pairing/constraints/pin/{pin.id}/delete").status_code == 302
    assert db.session.scalar(db.select(MatchPin)) is None


def test_offline_pair_over_http(client, db, login_as, checklist, make_mentor, make_mentee, outbox):
    login_as("coordinator")
    mentor, mentee = make_mentor(), make_mentee()
    data = {"mentor_id": mentor.id, "mentee_id": mentee.id, "comment": ""}
    assert client.post("/pairing/pairs/offline", data=data).status_code == 400
    response = client.post("/pairing/pairs/offline", data={**data, "comment": "Kick-off meeting"})
    assert response.status_code == 302
    pair = db.session.scalar(db.select(Pair))
    assert (pair.source, pair.state) == ("offline", "introduced") and len(outbox()) == 2
    assert client.post("/pairing/pairs/offline", data={**data, "comment": "Again"}).status_code == 400


def test_transition_over_http(client, db, login_as, world):
    login_as("coordinator")
    path = f"/pairing/pairs/{world.pair}/transition"
    assert client.post(path, data={"to_state": "completed"}).status_code == 400
    assert client.post(path, data={"to_state": "ended_early", "comment": ""}).status_code == 400
    assert client.post(path, data={"to_state": "agreed", "comment": "Signed"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Pair, world.pair).state == "agreed"


MENTEE_FORM = {"goals": "Explain rules clearly", "comp_adaptability": "3", "availability": ["mon-am"],
               "modes": ["online"], "languages": ["de"], "department": "Jobcenter"}
MENTOR_FORM = {"comp_adaptability": "4", "experience_years": "5", "capacity": "2", "availability": ["mon-am"],
               "modes": ["onsite"], "languages": ["de", "en"], "willingness_scale": "4"}


def test_mentee_profile_form_saves_and_shows_completeness(client, db, login_as):
    me = login_as("mentee")
    assert client.post("/pairing/profile/mentee", data=MENTEE_FORM).status_code == 302
    profile = find_profile(me, "mentee")
    assert profile.competences == {"adaptability": 3} and profile.availability == ["mon-am"]
    page = client.get("/pairing/profile")
    assert b"Profile 100% complete" in page.data
    assert b"Explain rules clearly" in client.get("/pairing/profile/mentee").data


@pytest.mark.parametrize("change,message", [
    ({"goals": ""}, b"This field is required."),
    ({"goals": "g" * 2001}, b"2000"),
    ({"comp_adaptability": "7"}, b"Not a valid choice"),
    ({"comp_juggling": "2"}, b"Unknown competence: juggling"),
    ({"availability": ["sun-am"]}, b"not a valid choice"),
    ({"line_manager_id": "999999"}, b"Not a valid choice"),
    ({"languages": ["xx"]}, b"not a valid choice"),
])
def test_mentee_profile_form_rejects_bad_input(client, db, login_as, change, message):
    me = login_as("mentee")
    response = client.post("/pairing/profile/mentee", data={**MENTEE_FORM, **change})
    assert response.status_code == 400 and message in response.data
    assert find_profile(me, "mentee") is None


@pytest.mark.parametrize("change,message", [
    ({"capacity": ""}, b"This field is required."),
    ({"capacity": "11"}, b"between 0 and 10"),
    ({"experience_years": "-1"}, b"between 0 and 60"),
    ({"experience_years": "many"}, b"Not a valid integer value."),
    ({"comp_adaptability": "5"}, b"Not a valid choice"),
    ({"willingness_scale": "9"}, b"Not a valid choice"),
    ({"know_how": "k" * 2001}, b"2000"),
])
def test_mentor_profile_form_rejects_bad_input(client, db, login_as, change, message):
    me = login_as("mentor")
    response = client.post("/pairing/profile/mentor", data={**MENTOR_FORM, **change})
    assert response.status_code == 400 and message in response.data
    assert find_profile(me, "mentor") is None


def test_mentor_profile_form_saves_conflicts_and_refuses_self(client, db, login_as, make_person):
    me = login_as("mentor")
    other = make_person(roles=["mentee"])
    assert client.post("/pairing/profile/mentor", data={**MENTOR_FORM, "conflict_ids": [me.id]}).status_code == 400
    assert client.post("/pairing/profile/mentor", data={**MENTOR_FORM, "conflict_ids": [other.id]}).status_code == 302
    assert find_profile(me, "mentor").conflict_ids == [other.id]


def test_mentor_profile_form_shows_saved_values(client, db, login_as, make_person):
    me = login_as("mentor")
    manager = make_person(first_name="Greta", last_name="Chef")
    data = {**MENTOR_FORM, "line_manager_id": manager.id, "know_how": "Plain language letters"}
    assert client.post("/pairing/profile/mentor", data=data).status_code == 302
    page = client.get("/pairing/profile/mentor").get_data(as_text=True)
    assert f'<option selected value="{manager.id}">Chef, Greta</option>' in page
    assert '<option selected value="4">4 – expert</option>' in page and "Plain language letters" in page
    assert find_profile(me, "mentor").willingness_scale == 4
