"""Every community route, for each role, anonymous visitors and people without a role."""
import pytest

from bridge.core.audit import AuditEvent
from bridge.modules.community.models import PracticeState

ROLES = ["coordinator", "mentor", "mentee", "external", "none", "management"]
EVERYONE = set(ROLES) - {"management"}  # department heads and management see the aggregated reports only
CONTRIBUTORS = {"coordinator", "mentor", "mentee", "external"}
COORDINATOR = {"coordinator"}
SCENARIO_EDITORS = {"coordinator", "external"}

GET_ROUTES = {
    "/community/qa/": EVERYONE,
    "/community/qa/ask": CONTRIBUTORS,
    "/community/qa/{q}": EVERYONE,
    "/community/qa/{q}/edit": COORDINATOR,
    "/community/qa/answers/{a}/edit": COORDINATOR,
    "/community/practices/": EVERYONE,
    "/community/practices/new": CONTRIBUTORS,
    "/community/practices/{pub}": EVERYONE,
    "/community/practices/{draft}": COORDINATOR,
    "/community/practices/{draft}/edit": COORDINATOR,
    "/community/practices/{pub}.pdf": EVERYONE,
    "/community/practices/{draft}.pdf": COORDINATOR,
    "/community/practices/template.docx": EVERYONE,
    "/community/workshops/": EVERYONE,
    "/community/workshops/new": COORDINATOR,
    "/community/workshops/{w}": COORDINATOR,
    "/community/workshops/{w}/edit": COORDINATOR,
    "/community/scenarios/": EVERYONE,
    "/community/scenarios/{s}": EVERYONE,
    "/community/scenarios/new": SCENARIO_EDITORS,
    "/community/scenarios/{s}/edit": SCENARIO_EDITORS,
}
POST_ROUTES = {
    "/community/qa/ask": CONTRIBUTORS,
    "/community/qa/{q}/answers": CONTRIBUTORS,
    "/community/qa/{q}/edit": COORDINATOR,
    "/community/qa/answers/{a}/edit": COORDINATOR,
    "/community/qa/{q}/accept": COORDINATOR,
    "/community/qa/{q}/visibility": COORDINATOR,
    "/community/qa/answers/{a}/visibility": COORDINATOR,
    "/community/qa/{q}/merge": COORDINATOR,
    "/community/practices/new": CONTRIBUTORS,
    "/community/practices/{draft}/edit": COORDINATOR,
    "/community/practices/{draft}/submit": COORDINATOR,
    "/community/practices/{sub}/review": COORDINATOR,
    "/community/practices/{pub}/reuse": CONTRIBUTORS,
    "/community/workshops/new": COORDINATOR,
    "/community/workshops/{w}/edit": COORDINATOR,
    "/community/workshops/{w}/invite": COORDINATOR,
    "/community/workshops/{w}/attendance": COORDINATOR,
    "/community/workshops/{w}/scenarios": COORDINATOR,
    "/community/scenarios/new": SCENARIO_EDITORS,
    "/community/scenarios/{s}/edit": SCENARIO_EDITORS,
}


@pytest.fixture
def world(make_person, make_question, make_practice, make_workshop, make_scenario):
    """Create one object of each kind, owned by people other than the logged-in one."""
    mentor = make_person(roles=["mentor"])
    question = make_question(answer_by=mentor)
    workshop = make_workshop(facilitator_id=make_person(roles=["external"]).id)
    return {"q": question.id, "a": question.answers[0].id, "w": workshop.id, "s": make_scenario().id,
            "pub": make_practice(author=mentor, state=PracticeState.PUBLISHED).id,
            "draft": make_practice(author=mentor).id,
            "sub": make_practice(author=mentor, state=PracticeState.SUBMITTED).id}


def _login(login_as, role):
    return login_as() if role == "none" else login_as(role)


def _audit_count(db):
    return db.session.scalar(db.select(db.func.count(AuditEvent.id)))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(GET_ROUTES))
def test_get_routes_by_role(client, login_as, world, route, role):
    _login(login_as, role)
    expected = 200 if role in GET_ROUTES[route] else 403
    assert client.get(route.format(**world)).status_code == expected


FORBIDDEN_POSTS = [(route, role) for route in sorted(POST_ROUTES) for role in ROLES if role not in POST_ROUTES[route]]


@pytest.mark.parametrize(("route", "role"), FORBIDDEN_POSTS)
def test_post_routes_forbid_others_and_write_nothing(client, login_as, world, db, route, role):
    _login(login_as, role)
    before = _audit_count(db)
    data = {"title": "T", "body": "B", "hidden": "1", "target": world["q"], "answer_id": world["a"],
            "decision": "publish", "note": "n", "situation": "s", "people": [1], "starts_at": "2027-01-01T10:00",
            "place": "x", "facilitator_id": 0}
    assert client.post(route.format(**world), data=data).status_code == 403
    assert _audit_count(db) == before


@pytest.mark.parametrize("route", sorted(set(GET_ROUTES) | set(POST_ROUTES)))
def test_routes_send_anonymous_visitors_to_login(client, world, route):
    method = client.get if route in GET_ROUTES else client.post
    resp = method(route.format(**world))
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_unknown_objects_give_404(client, login_as):
    login_as("coordinator")
    for route in ("/community/qa/999999", "/community/practices/999999", "/community/workshops/999999",
                  "/community/scenarios/999999", "/community/qa/answers/999999/edit"):
        assert client.get(route).status_code == 404
