import pytest

from bridge.core.audit import AuditEvent
from bridge.modules.people.models import Person

NON_COORDINATOR_ROLES = ["mentor", "mentee", "external", "management"]
COORDINATOR_GET_ROUTES = ["/people/", "/people/new", "/people/{id}/edit", "/admin/audit"]
COORDINATOR_POST_ROUTES = ["/people/{id}/archive", "/people/{id}/restore", "/people/{id}/invite",
                           "/people/new", "/people/{id}/edit"]


def _valid(**overrides):
    data = {"first_name": "Maria", "last_name": "Lopez", "email": "maria.lopez@example.org",
            "department": "Citizens' office", "languages": ["de", "es"], "roles": ["mentee"]}
    data.update(overrides)
    return data


def _count(db):
    return db.session.scalar(db.select(db.func.count(Person.id)))


@pytest.mark.parametrize("route", COORDINATOR_GET_ROUTES)
def test_coordinator_pages_allow_coordinator(client, login_as, make_person, route):
    login_as("coordinator")
    target = make_person(roles=["mentee"])
    assert client.get(route.format(id=target.id)).status_code == 200


@pytest.mark.parametrize("role", NON_COORDINATOR_ROLES)
@pytest.mark.parametrize("route", COORDINATOR_GET_ROUTES)
def test_coordinator_pages_forbid_others(client, login_as, make_person, route, role):
    login_as(role)
    target = make_person(roles=["mentee"])
    assert client.get(route.format(id=target.id)).status_code == 403


@pytest.mark.parametrize("role", NON_COORDINATOR_ROLES)
@pytest.mark.parametrize("route", COORDINATOR_POST_ROUTES)
def test_coordinator_actions_forbid_others_and_change_nothing(client, login_as, make_person, db, route, role):
    login_as(role)
    target = make_person(roles=["mentee"])
    resp = client.post(route.format(id=target.id), data=_valid(email=target.email))
    assert resp.status_code == 403
    db.session.expire_all()
    assert db.session.get(Person, target.id).is_active
    assert db.session.get(Person, target.id).first_name == target.first_name


@pytest.mark.parametrize("route", COORDINATOR_GET_ROUTES + ["/people/me", "/people/{id}", "/account/password"])
def test_pages_send_anonymous_to_login(client, make_person, route):
    target = make_person(roles=["mentee"])
    resp = client.get(route.format(id=target.id))
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_person_page_visible_to_self_not_to_others(client, login_as, make_person):
    me = login_as("mentee")
    other = make_person(roles=["mentor"])
    assert client.get(f"/people/{me.id}").status_code == 200
    assert client.get(f"/people/{other.id}").status_code == 403


def test_unknown_person_is_404(client, login_as):
    login_as("coordinator")
    assert client.get("/people/999999").status_code == 404
    assert client.post("/people/999999/archive").status_code == 404


def test_create_person_valid(client, login_as, db):
    login_as("coordinator")
    resp = client.post("/people/new", data=_valid(email="Maria.Lopez@Example.org"))
    assert resp.status_code == 302
    person = db.session.scalar(db.select(Person).where(Person.email == "maria.lopez@example.org"))
    assert person.role_names == {"mentee"} and person.languages == ["de", "es"]
    assert person.idnumber.startswith("qser-")
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "person.created",
                                                          AuditEvent.object_id == str(person.id)))
    assert event is not None and event.actor_id is not None


@pytest.mark.parametrize("field", ["first_name", "last_name", "email"])
def test_create_person_missing_field(client, login_as, db, field):
    login_as("coordinator")
    before = _count(db)
    resp = client.post("/people/new", data=_valid(**{field: ""}))
    assert resp.status_code == 400
    assert b"This field is required." in resp.data
    assert _count(db) == before


@pytest.mark.parametrize("field,value", [("first_name", "x" * 101), ("department", "d" * 121),
                                         ("email", "a" * 250 + "@example.org")])
def test_create_person_overlong_value(client, login_as, db, field, value):
    login_as("coordinator")
    before = _count(db)
    resp = client.post("/people/new", data=_valid(**{field: value}))
    assert resp.status_code == 400
    assert _count(db) == before


@pytest.mark.parametrize("field,value", [("email", "not-an-email"), ("roles", ["pope"]), ("languages", ["xx"])])
def test_create_person_wrong_values(client, login_as, db, field, value):
    login_as("coordinator")
    before = _count(db)
    resp = client.post("/people/new", data=_valid(**{field: value}))
    assert resp.status_code == 400
    assert _count(db) == before


def test_create_person_duplicate_email_case_insensitive(client, login_as, make_person, db):
    login_as("coordinator")
    existing = make_person(roles=["mentor"])
    before = _count(db)
    resp = client.post("/people/new", data=_valid(email=existing.email.upper()))
    assert resp.status_code == 400
    assert b"A person with this email address already exists." in resp.data
    assert _count(db) == before


def test_edit_person_changes_roles_and_audits(client, login_as, make_person, db):
    login_as("coordinator")
    target = make_person(roles=["mentee"])
    resp = client.post(f"/people/{target.id}/edit", data=_valid(email=target.email, roles=["mentor", "mentee"]))
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, target.id).role_names == {"mentor", "mentee"}
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "person.updated")) is not None


def test_edit_person_to_duplicate_email_rejected(client, login_as, make_person, db):
    login_as("coordinator")
    first, second = make_person(), make_person()
    resp = client.post(f"/people/{second.id}/edit", data=_valid(email=first.email))
    assert resp.status_code == 400
    db.session.expire_all()
    assert db.session.get(Person, second.id).email == second.email


def test_archive_and_restore(client, login_as, make_person, db):
    login_as("coordinator")
    target = make_person(roles=["mentee"])
    assert client.post(f"/people/{target.id}/archive").status_code == 302
    db.session.expire_all()
    assert not db.session.get(Person, target.id).is_active
    listing = client.get("/people/?status=archived")
    assert target.last_name.encode() in listing.data
    assert client.post(f"/people/{target.id}/restore").status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, target.id).is_active


def test_coordinator_cannot_archive_self(client, login_as, db):
    me = login_as("coordinator")
    client.post(f"/people/{me.id}/archive")
    db.session.expire_all()
    assert db.session.get(Person, me.id).is_active


def test_archived_person_session_ends(client, login_as, db):
    me = login_as("mentee")
    db.session.get(Person, me.id).archived_at = __import__("bridge.core.db", fromlist=["utcnow"]).utcnow()
    db.session.commit()
    assert client.get("/people/me").status_code == 302


def test_invite_archived_person_rejected(client, login_as, make_person, db, outbox):
    login_as("coordinator")
    target = make_person(roles=["mentee"], password=None)
    client.post(f"/people/{target.id}/archive")
    resp = client.post(f"/people/{target.id}/invite")
    assert resp.status_code == 400
    assert outbox() == []


def test_search_by_name_and_role(client, login_as, make_person):
    login_as("coordinator")
    make_person(first_name="Aylin", last_name="Demir", roles=["mentor"])
    make_person(first_name="Jonas", last_name="Weber", roles=["mentee"])
    found = client.get("/people/?q=demir")
    assert b"Demir" in found.data and b"Weber" not in found.data
    by_role = client.get("/people/?role=mentee")
    assert b"Weber" in by_role.data and b"Demir" not in by_role.data
    empty = client.get("/people/?q=nobody-like-this")
    assert b"Nobody matches this search" in empty.data


def test_my_profile_update(client, login_as, db):
    me = login_as("mentor")
    resp = client.post("/people/me", data={"department": "Youth office", "languages": ["ar", "de"],
                                           "preferred_locale": "de"})
    assert resp.status_code == 302
    db.session.expire_all()
    person = db.session.get(Person, me.id)
    assert person.department == "Youth office" and person.languages == ["ar", "de"]
    assert person.preferred_locale == "de"


def test_my_profile_bad_input(client, login_as, db):
    me = login_as("mentor")
    for data in ({"department": "d" * 200, "preferred_locale": "en"},
                 {"languages": ["klingon"], "preferred_locale": "en"},
                 {"preferred_locale": "fr"}):
        assert client.post("/people/me", data=data).status_code == 400
    db.session.expire_all()
    assert db.session.get(Person, me.id).department == me.department


def test_audit_log_lists_events(client, login_as, make_person):
    login_as("coordinator")
    make_person(first_name="Audited", roles=["mentee"])
    resp = client.get("/admin/audit?action=person.")
    assert resp.status_code == 200 and b"person.created" in resp.data


def test_navigation_depends_on_role(client, login_as):
    login_as("mentee")
    page = client.get("/").text
    assert "/people/" not in page.replace("/people/me", "")


def test_overview_lists_sections_by_role(client, login_as):
    login_as("coordinator")
    coordinator_page = client.get("/").text
    assert "/admin/audit" in coordinator_page and "/evaluations/dashboard" in coordinator_page
    assert 'href="/pairs/mine"' not in coordinator_page


def test_overview_for_mentee_hides_coordination(client, login_as):
    login_as("mentee")
    page = client.get("/").text
    assert 'href="/pairs/mine"' in page and "/community/qa/" in page
    assert "/pairing/runs" not in page and "/admin/audit" not in page


def test_search_folds_non_ascii_letters(client, login_as, make_person):
    login_as("coordinator")
    make_person(first_name="Ümit", last_name="Öztürk", roles=["mentor"])
    assert "Öztürk".encode() in client.get("/people/?q=%C3%BCmit").data


def test_people_list_pages_keep_the_filter(client, login_as, make_person, monkeypatch):
    from bridge.modules.people import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    login_as("coordinator")
    for _ in range(4):
        make_person(roles=["mentor"])
    page = client.get("/people/?role=mentor").get_data(as_text=True)
    assert 'aria-current="page"' in page and "page=2" in page and "role=mentor" in page
    assert client.get("/people/?role=mentor&page=2").status_code == 200


def test_search_reads_name_email_and_department_as_one_text(client, login_as, make_person):
    login_as("coordinator")
    make_person(first_name="Anna", last_name="Müller", email="a.mueller@example.org", department="Jobcenter Nord",
                roles=["mentor"])
    make_person(first_name="Anna", last_name="Schmidt", department="Ausländerbehörde", roles=["mentee"])
    for query, expected, absent in (("anna müller", "Müller, Anna", "Schmidt"),  # across first and last name
                                    ("a.mueller@", "Müller, Anna", "Schmidt"),
                                    ("jobcenter", "Müller, Anna", "Schmidt"),
                                    ("ausländer", "Schmidt, Anna", "Müller")):
        page = client.get("/people/", query_string={"q": query}).get_data(as_text=True)
        assert expected in page and absent not in page, query
    page = client.get("/people/", query_string={"q": "anna", "role": "mentee"}).get_data(as_text=True)
    assert "Schmidt, Anna" in page and "Müller, Anna" not in page and "1 person" in page


def test_people_list_rows_show_roles_and_account_state(client, login_as, make_person):
    login_as("coordinator")
    make_person(first_name="Mira", last_name="Kaya", roles=["mentor", "management"])
    make_person(first_name="Otto", last_name="Kaya", roles=["mentee"], password=None)
    page = client.get("/people/?q=kaya").get_data(as_text=True)
    mira = page[page.index("Kaya, Mira"):page.index("</tr>", page.index("Kaya, Mira"))]
    otto = page[page.index("Kaya, Otto"):page.index("</tr>", page.index("Kaya, Otto"))]
    assert "Department head / management" in mira and "Mentor" in mira and ">active<" in mira
    assert "Mentee" in otto and "not yet" in otto


def test_search_finds_a_person_by_their_changed_department_at_once(app, client, login_as, make_person):
    """On PostgreSQL the search reads a stored column the database keeps on every update (migration 7d3f1a9e2c46)."""
    from bridge.extensions import db

    login_as("coordinator")
    person = make_person(first_name="Jonas", last_name="Becker", department="Sozialamt", roles=["mentor"])
    assert "Becker, Jonas" in client.get("/people/?q=sozialamt").get_data(as_text=True)
    person.department = "Standesamt Mitte"
    db.session.commit()
    assert "Becker, Jonas" in client.get("/people/?q=standesamt%20mitte").get_data(as_text=True)
    assert "Becker, Jonas" not in client.get("/people/?q=sozialamt").get_data(as_text=True)


def test_role_badges_are_sorted_translated_and_say_none_for_no_role(client, login_as, make_person):
    """The badges of the list and the person page: one per role in the order of the role keys, in the reader's
    language, and "keine" where a person holds no role."""
    coordinator = login_as("coordinator")
    make_person(first_name="Mira", last_name="Kaya", roles=["mentor", "coordinator"])
    nobody = make_person(first_name="Otto", last_name="Kaya", roles=[])
    german = {"Accept-Language": "de"}
    page = client.get("/people/?q=kaya", headers=german).get_data(as_text=True)
    mira = page[page.index("Kaya, Mira"):page.index("</tr>", page.index("Kaya, Mira"))]
    assert ('<span class="badge text-bg-light border">Koordination</span> '
            '<span class="badge text-bg-light border">Mentor/in</span>') in mira
    person_page = client.get(f"/people/{nobody.id}", headers=german).get_data(as_text=True)
    assert "<dd class=\"col-sm-9\">keine</dd>" in person_page
    own = client.get("/people/me", headers=german).get_data(as_text=True)
    assert "Koordination</span>" in own and coordinator.first_name in own
