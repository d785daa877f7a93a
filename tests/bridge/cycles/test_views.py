"""Cycle and report routes for every role; management sees the reports and nothing personal."""
import re
from datetime import date

import pytest

from bridge.core.audit import AuditEvent
from bridge.modules.cycles.models import ComplaintFigure, Cycle

ROLES = ["coordinator", "management", "mentor", "mentee", "external", "none"]
COORDINATOR = {"coordinator"}
READERS = {"coordinator", "management"}
GET_ROUTES = {
    "/cycles/": COORDINATOR,
    "/cycles/new": COORDINATOR,
    "/cycles/{c}": COORDINATOR,
    "/cycles/{c}/edit": COORDINATOR,
    "/cycles/complaints": COORDINATOR,
    "/reports/": READERS,
    "/reports/?cycle={c}": READERS,
    "/reports/{c}.pdf": READERS,
    "/reports/{c}.xlsx?lang=de": READERS,
}
POST_ROUTES = {
    "/cycles/new": COORDINATOR,
    "/cycles/{c}/close": COORDINATOR,
    "/cycles/{c}/edit": COORDINATOR,
    "/cycles/complaints": COORDINATOR,
    "/cycles/complaints/{f}/delete": COORDINATOR,
}


@pytest.fixture
def world(db, make_cycle):
    cycle = make_cycle()
    figure = ComplaintFigure(period_start=date(2026, 1, 1), period_end=date(2026, 1, 31), count=2, note="")
    db.session.add(figure)
    db.session.commit()
    return {"c": cycle.id, "f": figure.id}


def _login(login_as, role):
    return login_as() if role == "none" else login_as(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(GET_ROUTES))
def test_get_routes_by_role(client, login_as, world, route, role):
    _login(login_as, role)
    expected = 200 if role in GET_ROUTES[route] else 403
    assert client.get(route.format(**world)).status_code == expected


FORBIDDEN_POSTS = [(route, role) for route in sorted(POST_ROUTES) for role in ROLES if role not in POST_ROUTES[route]]


@pytest.mark.parametrize(("route", "role"), FORBIDDEN_POSTS)
def test_post_routes_forbid_others_and_change_nothing(client, login_as, world, db, route, role):
    _login(login_as, role)
    before = db.session.scalar(db.select(db.func.count(AuditEvent.id)))
    data = {"name": "X", "starts_on": "2027-01-01", "ends_on": "2027-12-31", "next_cycle": world["c"],
            "period_start": "2026-01-01", "period_end": "2026-02-01", "count": "3"}
    assert client.post(route.format(**world), data=data).status_code == 403
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == before
    assert db.session.get(Cycle, world["c"]).state == "current"


@pytest.mark.parametrize("route", sorted(set(GET_ROUTES) | set(POST_ROUTES)))
def test_anonymous_visitors_are_sent_to_login(client, world, route):
    method = client.get if route in GET_ROUTES else client.post
    response = method(route.format(**world))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_unknown_cycles_give_404_and_bad_language_400(client, login_as, world):
    login_as("management")
    assert client.get("/reports/?cycle=999999").status_code == 404
    assert client.get("/reports/?cycle=abc").status_code == 404
    assert client.get("/reports/999999.pdf").status_code == 404
    assert client.get(f"/reports/{world['c']}.pdf?lang=fr").status_code == 400


def test_report_page_says_small_groups_are_hidden(client, login_as, world):
    login_as("management")
    page = client.get("/reports/").get_data(as_text=True)
    assert "Groups smaller than 5 people are not shown" in page
    assert "no personal answers, no messages and no documents" in page


def test_german_report_page_and_downloads(client, login_as, world):
    login_as("management", preferred_locale="de")
    page = client.get("/reports/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Gruppen mit weniger als 5 Personen werden nicht gezeigt" in page
    pdf = client.get(f"/reports/{world['c']}.pdf?lang=de")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "no-store" in pdf.headers["Cache-Control"]


def test_management_home_leads_to_the_reports_and_the_menu_has_nothing_else(client, login_as, world):
    login_as("management")
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/reports/")
    page = client.get("/reports/").get_data(as_text=True)
    for hidden in ("/community/qa/", "/training/", "/shadowing/", "/people/"):
        assert f'href="{hidden}"' not in page


def test_a_coordinator_who_is_also_department_head_keeps_every_page(client, login_as, world):
    login_as("coordinator", "management")
    assert client.get("/people/").status_code == 200
    assert client.get("/cycles/").status_code == 200


def test_management_reaches_no_other_page(app, client, db, login_as, world, make_tandem):
    """Walk every GET route with real ids: management gets 403 outside the reports (the home page redirects)."""
    pair = make_tandem()
    login_as("management")
    allowed_prefixes = ("/reports/", "/static/", "/help", "/account", "/login", "/logout", "/password", "/health",
                        "/healthz", "/invite", "/reset", "/lti/jwks", "/lti/login", "/lti/launch")
    ids = {"pair_id": pair.id, "cycle_id": world["c"], "figure_id": world["f"]}
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        values = {arg: ids.get(arg, 1) for arg in rule.arguments}
        try:
            url = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: str(values.get(m[1], "x")), rule.rule)
        except KeyError:
            continue
        response = client.get(url)
        if rule.endpoint.split(".")[0] in ("accounts", "help") or rule.endpoint in (
                "static", "bootstrap.static", "home.healthz", "home.health", "people.me") or url.startswith(allowed_prefixes):
            continue
        checked += 1
        if rule.endpoint == "home.index":
            assert response.status_code == 302
        elif rule.endpoint.startswith("cycles."):
            expected = 200 if rule.endpoint.startswith("cycles.report") else 403
            assert response.status_code == expected, (url, response.status_code)
        else:
            assert response.status_code == 403, (url, response.status_code)
    assert checked > 50


def test_closing_through_the_page_twice_says_it_is_closed(client, login_as, world, make_cycle, db):
    login_as("coordinator")
    planned = make_cycle(state="planned", name="Next")
    response = client.post(f"/cycles/{world['c']}/close", data={"next_cycle": planned.id})
    assert response.status_code == 302
    assert db.session.get(Cycle, world["c"]).state == "closed"
    again = client.post(f"/cycles/{world['c']}/close", data={"next_cycle": planned.id})
    assert again.status_code in (400, 409)
    page = client.get(f"/cycles/{world['c']}").get_data(as_text=True)
    assert "Close this cycle" not in page


def test_closing_without_a_planned_cycle_explains_what_to_do(client, login_as, world):
    login_as("coordinator")
    response = client.post(f"/cycles/{world['c']}/close", data={"next_cycle": "1"})
    assert response.status_code == 400
    assert "Create the cycle that follows first" in response.get_data(as_text=True)


def test_closing_with_open_tandems_needs_the_confirmation(client, login_as, world, make_cycle, make_tandem, db):
    login_as("coordinator")
    planned = make_cycle(state="planned", name="Next")
    pair = make_tandem()
    response = client.post(f"/cycles/{world['c']}/close", data={"next_cycle": planned.id})
    assert response.status_code == 400 and "still open" in response.get_data(as_text=True)
    assert db.session.get(Cycle, world["c"]).state == "current"
    response = client.post(f"/cycles/{world['c']}/close", data={"next_cycle": planned.id, "move_open_tandems": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(pair), pair.id).cycle_id == planned.id


def test_bad_input_gives_400_with_the_message(client, login_as, world):
    login_as("coordinator")
    response = client.post("/cycles/new", data={"name": "X", "starts_on": "2027-05-01", "ends_on": "2027-01-01"})
    assert response.status_code == 400 and "The end must be after the start." in response.get_data(as_text=True)
    response = client.post("/cycles/complaints", data={"period_start": "2026-02-01", "period_end": "2026-01-01",
                                                       "count": "3"})
    assert response.status_code == 400 and "must not be before" in response.get_data(as_text=True)
    assert client.post("/cycles/complaints", data={"period_start": "x", "count": "-2"}).status_code == 400


def test_coordinator_creates_a_cycle_and_enters_a_figure(client, login_as, world, db):
    login_as("coordinator")
    response = client.post("/cycles/new", data={"name": "2027/28", "starts_on": "2027-01-01", "ends_on": "2027-12-31"})
    assert response.status_code == 302
    assert db.session.scalar(db.select(Cycle).where(Cycle.name == "2027/28")).state == "planned"
    response = client.post("/cycles/complaints", data={"period_start": "2026-01-01", "period_end": "2026-03-31",
                                                       "count": "7", "department": "Youth"})
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.sum(ComplaintFigure.count))) == 9
    assert client.post(f"/cycles/complaints/{world['f']}/delete").status_code == 302
    assert db.session.get(ComplaintFigure, world["f"]) is None


def test_management_pages_load_their_stylesheets_and_scripts(client, login_as):
    login_as("management")
    page = client.get("/reports/").get_data(as_text=True)
    assets = re.findall(r'<link[^>]+href="(/[^"]+)"', page) + re.findall(r'<script[^>]+src="(/[^"]+)"', page)
    assert any("bootstrap" in href for href in assets) and any("bridge.css" in href for href in assets)
    for href in assets:
        assert client.get(href).status_code == 200, href


def test_coordinator_corrects_a_cycles_name_and_dates_until_it_is_closed(client, login_as, world, db, make_cycle):
    login_as("coordinator")
    url = f"/cycles/{world['c']}/edit"
    good = {"name": "2026 (pilot)", "starts_on": "2026-02-01", "ends_on": "2026-12-31"}
    assert 'value="Cycle' in client.get(url).get_data(as_text=True)  # the form shows the current name
    assert client.post(url, data=good).status_code == 302
    cycle = db.session.get(Cycle, world["c"])
    assert (cycle.name, cycle.starts_on) == ("2026 (pilot)", date(2026, 2, 1))
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "cycle.updated"))
    assert event is not None and event.details["before"]["name"].startswith("Cycle")
    other = make_cycle(state="planned", name="2027", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31))
    for bad in ({**good, "name": "  "}, {**good, "name": "x" * 101}, {**good, "name": "2027"},
                {**good, "ends_on": "2026-01-01"}, {**good, "starts_on": "not a date"}):
        response = client.post(url, data=bad)
        assert response.status_code == 400, bad
    assert db.session.get(Cycle, world["c"]).name == "2026 (pilot)"  # nothing half-written
    assert client.post(url, data={**good, "name": "2026 (PILOT)"}).status_code == 302  # its own name, other case
    from bridge.modules.cycles.operations import cycles as operations

    coordinator = login_as("coordinator")
    operations.close_cycle(coordinator, db.session.get(Cycle, world["c"]), other, move_open_tandems=True)
    db.session.commit()
    response = client.post(url, data={**good, "name": "Renamed after closing"})
    assert response.status_code == 302 and db.session.get(Cycle, world["c"]).name == "2026 (PILOT)"
    assert "/edit" not in client.get(f"/cycles/{world['c']}").get_data(as_text=True)
    from bridge.core.errors import Conflict

    with pytest.raises(Conflict) as refused:
        operations.update_cycle(coordinator, db.session.get(Cycle, world["c"]), {**good, "name": "Again"})
    assert "closed cycle keeps its name" in str(refused.value.message)
    db.session.rollback()
