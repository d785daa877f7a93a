"""The navigation by task (bridge/navigation.py): small menus per role, and no entry that leads to an error."""
import re
from datetime import timedelta

import pytest

from bridge.core.db import utcnow
from bridge.modules.mentoring.models import Message
from bridge.navigation import MAX_TOP_LEVEL, MENUS, Group, endpoints, menu_for
from tests.bridge.mentoring.conftest import login, make_tandem  # noqa: F401

# Every role alone, and the combinations people really hold (accepted externals are mentors too).
ROLE_SETS = [("coordinator",), ("mentor",), ("mentee",), ("external", "mentor"), ("external",),
             ("mentor", "mentee"), ("coordinator", "mentor"), ("management",), ("coordinator", "management")]
HEADER_LINK = re.compile(r'<a class="(?:nav-link|qser-subitem)[^"]*"\s*(?:aria-current="page"\s*)?href="([^"]+)"')
TAB_LINK = re.compile(r'<li class="nav-item"><a class="nav-link[^"]*"\s*(?:aria-current="page"\s*)?href="([^"]+)"')


@pytest.mark.parametrize("roles", ROLE_SETS, ids="+".join)
def test_every_menu_has_at_most_six_top_level_entries(app, roles):
    main, personal = menu_for(roles)
    assert 0 < len(main) <= MAX_TOP_LEVEL
    keys = [entry.key for entry in main]
    assert len(keys) == len(set(keys))
    every = endpoints(main) + endpoints(personal)
    assert len(every) == len(set(every)), f"an entry appears twice for {roles}"
    with app.test_request_context():
        from flask import url_for

        for endpoint in every:
            assert url_for(endpoint)


def test_members_get_one_my_tandem_entry(app):
    for roles in (("mentor",), ("mentee",), ("external", "mentor")):
        main, personal = menu_for(roles)
        flat = endpoints(main)
        assert flat.count("mentoring.mine") == 1
        assert "pairing.my_pairing" not in flat and "pairing.profile" not in flat
        assert "pairing.profile" in endpoints(personal)


def test_a_menu_for_a_new_role_is_one_entry(app, monkeypatch):
    from bridge import navigation

    menus = dict(MENUS)
    menus["management"] = (navigation.OVERVIEW, navigation.REPORTS)
    monkeypatch.setattr(navigation, "MENUS", menus)
    main, _personal = navigation.menu_for({"management"})
    assert [entry.key for entry in main] == ["overview", "reports"]
    assert isinstance(main[1], Group) and "evaluation.impact" in endpoints(main)


def _person_for(roles, make_person, make_tandem):  # noqa: F811
    """Create a person with the roles; mentors and mentees get an active tandem (so every page has content)."""
    person = make_person(roles=list(roles))
    if "mentor" in roles:
        make_tandem(state="active", mentor=person)
    elif "mentee" in roles:
        make_tandem(state="active", mentee=person)
    return person


@pytest.mark.parametrize("roles", ROLE_SETS, ids="+".join)
def test_no_navigation_link_leads_to_an_error(client, make_person, make_tandem, login, roles):  # noqa: F811
    person = login(_person_for(roles, make_person, make_tandem))
    home = client.get("/", follow_redirects=True)  # management's home is the cycle report
    assert home.status_code == 200
    header = home.get_data(as_text=True).split("<main", 1)[0]
    links = HEADER_LINK.findall(header)
    main, personal = menu_for(person.role_names)
    assert len(links) == len(endpoints(main) + endpoints(personal)), links
    for href in links:
        resp = client.get(href, follow_redirects=True)
        assert resp.status_code == 200, f"{roles}: {href} answered {resp.status_code}"


def test_workspace_tabs_lead_nowhere_forbidden(app, client, make_person, make_tandem, login, db):  # noqa: F811
    pair = make_tandem(state="active")
    db.session.add(Message(pair_id=pair.id, author_id=pair.mentor_id, body="Private",
                           created_at=utcnow() - timedelta(days=1)))
    db.session.commit()
    coordinator = make_person(roles=["coordinator"])
    for person, sees_messages in ((coordinator, False), (pair.mentor, True), (pair.mentee, True)):
        login(person)
        page = client.get(f"/pairs/{pair.id}/").get_data(as_text=True)
        tabs = TAB_LINK.findall(page)
        assert (f"/pairs/{pair.id}/messages" in tabs) is sees_messages
        for href in tabs:
            assert client.get(href).status_code == 200, (person.role_names, href)
    login(coordinator)
    assert client.get(f"/pairs/{pair.id}/messages").status_code == 403  # the tab was rightly hidden


@pytest.mark.app_config(COORDINATORS_READ_MESSAGES=True)
def test_coordinators_see_the_messages_tab_where_allowed(client, make_person, make_tandem, login):  # noqa: F811
    pair = make_tandem(state="active")
    login(make_person(roles=["coordinator"]))
    tabs = TAB_LINK.findall(client.get(f"/pairs/{pair.id}/").get_data(as_text=True))
    assert f"/pairs/{pair.id}/messages" in tabs


def test_pages_have_a_title_and_the_favicon(client, login_as):
    login_as("coordinator")
    for url, name in (("/", "Overview"), ("/people/", "People"), ("/admin/sync", "Moodle sync")):
        page = client.get(url).get_data(as_text=True)
        assert re.search(rf"<title>{name} · Q-SER Bridge", page), url
        assert 'rel="icon" href="/static/favicon.svg"' in page
    assert client.get("/static/favicon.svg").status_code == 200


def test_group_menus_are_details_without_inline_script(client, login_as):
    login_as("coordinator")
    page = client.get("/").get_data(as_text=True)
    header = page.split("<main", 1)[0]
    assert header.count("<details") == 5 + 1  # five groups and the personal menu
    assert "<script>" not in page and 'src="/static/nav.js"' in page


def test_every_page_template_names_its_page():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "bridge" / "templates"
    untitled = [str(path.relative_to(root)) for path in root.rglob("*.html")
                if '{% extends "base.html" %}' in (text := path.read_text(encoding="utf-8"))
                and not re.search(r"{% block title %}\s*\S.*?{% endblock %}", text, re.S)]
    assert untitled == []


def test_kept_main_menu_marks_the_current_page_and_speaks_the_readers_language(app, client, login_as, make_person):
    """The main menu is rendered once per set of roles, language and page: what is kept must still be right."""
    login_as("coordinator")
    def current(url):
        page = client.get(url).get_data(as_text=True)
        return re.findall(r'aria-current="page" href="([^"]+)"', page[page.index("<header"):page.index("</header>")])

    assert current("/people/") == ["/people/"]
    assert current("/pairing/pairs") == ["/pairing/pairs"]
    assert current("/people/") == ["/people/"]  # from the kept menu
    english = client.get("/people/").get_data(as_text=True)
    client.post("/language", data={"locale": "de", "next": "/people/"})
    german = client.get("/people/").get_data(as_text=True)
    assert ">Programme<" in english and ">Programm<" in german and ">Programme<" not in german
    other = app.test_client()
    mentor = make_person(roles=["mentor"])
    with other.session_transaction() as session:
        session["_user_id"], session["_fresh"] = mentor.account.get_id(), True
    mentor_page = other.get("/people/me").get_data(as_text=True)  # another set of roles gets its own menu
    assert 'href="/pairing/runs"' not in mentor_page and 'href="/pairs/mine"' in mentor_page
