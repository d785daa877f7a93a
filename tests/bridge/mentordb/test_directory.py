"""The mentor database: filters equal an independently computed selection; permissions; Excel export."""
import itertools
from io import BytesIO

import pytest
from openpyxl import load_workbook

from bridge.modules.pairing.models import MentorProfile, Pair
from bridge.modules.people.models import Person, PersonRole

SLOTS = ["mon-am", "tue-pm", "wed-am"]
COMPETENCES = ["adaptability", "self_awareness", "commitment"]


@pytest.fixture
def mentors(db, make_person):
    """Create twelve varied mentors, a mentee, pairs in several states, and an archived mentor."""
    mentee = make_person(roles=["mentee"], first_name="Mia", last_name="Mentee")
    people = []
    for i in range(12):
        roles = ["mentor"] + (["external"] if i % 3 == 0 else []) + (["mentee"] if i % 4 == 1 else [])
        person = make_person(roles=roles, first_name=f"M{i}", last_name=f"Mentor{i:02d}",
                             languages=[["de"], ["de", "ar"], ["tr"]][i % 3],
                             department=["Youth office", "Job centre", "Health"][i % 3])
        if i % 5 != 4:
            db.session.add(MentorProfile(person=person, capacity=i % 3, competences={COMPETENCES[i % 3]: 2},
                                         availability=[SLOTS[i % 3], SLOTS[(i + 1) % 3]]))
        people.append(person)
    for i, state in zip(range(0, 12, 2), itertools.cycle(["active", "completed", "proposed", "ended_early"])):
        db.session.add(Pair(mentor_id=people[i].id, mentee_id=mentee.id, state=state))
    for i in (1, 5):
        db.session.add(Pair(mentor_id=people[0].id, mentee_id=people[i].id, state="completed"))
    make_person(roles=["mentor"], first_name="Old", last_name="Archived").archived_at = db.func.now()
    db.session.commit()
    return people


def _expected(db, **f):
    """Compute the expected mentor ids straight from the tables (independent of the module)."""
    rows = []
    for person in db.session.scalars(db.select(Person).where(Person.archived_at.is_(None))):
        roles = {r.role for r in db.session.scalars(db.select(PersonRole).where(PersonRole.person_id == person.id))}
        if "mentor" not in roles:
            continue
        profile = db.session.scalar(db.select(MentorProfile).where(MentorProfile.person_id == person.id))
        pairs = list(db.session.scalars(db.select(Pair).where(Pair.mentor_id == person.id)))
        current = sum(1 for p in pairs if p.state not in ("completed", "ended_early"))
        left = (profile.capacity if profile else 0) - current
        former = db.session.scalar(db.select(Pair).where(Pair.mentee_id == person.id, Pair.state == "completed"))
        name = f"{person.first_name} {person.last_name}".lower()
        keep = ((not f.get("q") or f["q"].lower() in name)
                and (not f.get("competence") or (profile and f["competence"] in profile.competences))
                and (not f.get("language") or f["language"] in person.languages)
                and (not f.get("department") or f["department"].lower() in (person.department or "").lower())
                and (not f.get("slot") or (profile and f["slot"] in profile.availability))
                and (not f.get("capacity") or left > 0)
                and (not f.get("kind") or (f["kind"] == "external") == ("external" in roles))
                and (not f.get("former_mentee") or former is not None))
        if keep:
            rows.append(person.id)
    return sorted(rows)


FILTERS = [{}, {"q": "mentor1"}, {"competence": "adaptability"}, {"language": "ar"}, {"department": "job"}, {"slot": "tue-pm"},
           {"capacity": "y"}, {"kind": "external"}, {"kind": "internal"}, {"former_mentee": "y"},
           {"competence": "self_awareness", "language": "de", "capacity": "y"},
           {"kind": "internal", "slot": "mon-am", "department": "health"}]


@pytest.mark.parametrize("filters", FILTERS, ids=[",".join(f) or "none" for f in FILTERS])
def test_filters_equal_independent_query(client, db, login_as, mentors, filters):
    from bridge.modules.mentordb.operations.mentors import search_mentors

    assert sorted(e.person.id for e in search_mentors(filters)) == _expected(db, **filters)
    login_as("coordinator")
    page = client.get("/mentors/", query_string=filters).get_data(as_text=True)
    shown = sorted(p.id for p in mentors if f'href="/mentors/{p.id}"' in page)
    assert shown == _expected(db, **filters)


def test_capacity_left_counts_current_pairs(db, mentors):
    from bridge.modules.mentordb.operations.mentors import mentor_entry

    entry = mentor_entry(mentors[0])  # capacity 0, one active pair
    assert entry.capacity_left == 0 and entry.current_pairs == 1
    assert mentor_entry(mentors[5]).former_mentee is True


def test_empty_states(client, login_as):
    login_as("coordinator")
    assert b"There are no mentors yet." in client.get("/mentors/").data
    assert b"No mentor matches these filters." in client.get("/mentors/?kind=external").data


def test_entry_shows_pairs_and_training_to_coordinators_only(client, db, login_as, mentors):
    login_as("coordinator")
    page = client.get(f"/mentors/{mentors[0].id}").get_data(as_text=True)
    assert "Current tandems" in page and "Mia Mentee" in page and "Training" in page and mentors[0].email in page
    login_as("mentee")
    page = client.get(f"/mentors/{mentors[0].id}").get_data(as_text=True)
    assert "Current tandems" not in page and "Mia Mentee" not in page and mentors[0].email not in page


@pytest.mark.parametrize("role, status", [(None, 302), ("external", 403), ("mentor", 200), ("mentee", 200),
                                          ("coordinator", 200)])
def test_permissions(client, login_as, mentors, role, status):
    if role:
        login_as(role)
    assert client.get("/mentors/").status_code == status
    assert client.get(f"/mentors/{mentors[0].id}").status_code == status
    export = client.get("/mentors/export.xlsx").status_code
    assert export == (200 if role == "coordinator" else 302 if role is None else 403)


def test_non_mentor_entry_is_not_found(client, db, login_as, mentors):
    coordinator = login_as("coordinator")
    assert client.get(f"/mentors/{coordinator.id}").status_code == 404


def test_export_is_typed_filtered_and_neutralised(client, db, login_as, mentors):
    mentors[3].department = "=HYPERLINK(\"http://evil\")"
    mentors[6].first_name = "@SUM(1)"
    db.session.commit()
    login_as("coordinator")
    response = client.get("/mentors/export.xlsx", query_string={"kind": "external"})
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(BytesIO(response.data)).active
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref and sheet.row_dimensions[1].hidden
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert sorted(r[2] for r in rows) == sorted(p.email for p in mentors if p.has_role("external"))
    by_email = {r[2]: r for r in rows}
    assert by_email[mentors[3].email][4] == "'=HYPERLINK(\"http://evil\")"
    assert by_email[mentors[6].email][1] == "'@SUM(1)"
    assert isinstance(by_email[mentors[0].email][9], int) and by_email[mentors[0].email][11] is False


def test_export_strips_characters_excel_cannot_hold(client, db, login_as, mentors):
    mentors[0].department = "Ordnungsamt\x01\x07 Team\x1b"  # no NUL: PostgreSQL text cannot hold it
    db.session.commit()
    login_as("coordinator")
    response = client.get("/mentors/export.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.data)).active.iter_rows(min_row=3, values_only=True))
    assert {r[2]: r for r in rows}[mentors[0].email][4] == "Ordnungsamt Team"


def test_the_list_is_paginated_in_the_database_and_keeps_the_filters(client, db, login_as, make_person):
    from bridge.modules.mentordb.views import PAGE_SIZE

    login_as("coordinator")
    mentors = [make_person(roles=["mentor"], first_name="Page", last_name=f"Mentor{i:03d}", languages=["de"])
               for i in range(PAGE_SIZE + 5)]
    other = make_person(roles=["mentor"], first_name="Other", last_name="Speaker", languages=["tr"])
    first = client.get("/mentors/?language=de").text
    second = client.get("/mentors/?language=de&page=2").text
    shown = [[m.id for m in mentors if f'href="/mentors/{m.id}"' in page] for page in (first, second)]
    assert shown == [[m.id for m in mentors[:PAGE_SIZE]], [m.id for m in mentors[PAGE_SIZE:]]]
    assert f"{PAGE_SIZE + 5} mentors" in first and f'href="/mentors/{other.id}"' not in first + second
    assert "/mentors/?page=2&amp;language=de" in first or "/mentors/?language=de&amp;page=2" in first
    assert client.get("/mentors/?language=de&page=99").status_code == 200
    assert client.get("/mentors/?language=de&page=x").status_code == 200


def test_kept_filter_form_shows_each_querys_choices(client, login_as):
    """The filter form is rendered once per language and query: each query still gets its own selected values."""
    login_as("coordinator")
    arabic = client.get("/mentors/?language=ar").get_data(as_text=True)
    assert '<option selected value="ar">' in arabic
    assert '<option selected value="ar">' not in client.get("/mentors/").get_data(as_text=True)
    assert '<option selected value="ar">' in client.get("/mentors/?language=ar").get_data(as_text=True)
    bad = client.get("/mentors/?language=klingon").get_data(as_text=True)
    assert "Not a valid choice" in bad and "Not a valid choice" not in client.get("/mentors/").get_data(as_text=True)
    client.post("/language", data={"locale": "de", "next": "/mentors/"})
    assert ">Arabisch</option>" in client.get("/mentors/?language=ar").get_data(as_text=True)


def test_list_rows_say_what_each_mentors_entry_says(client, db, login_as, mentors):
    """The list reads its own rows (one query); every row must agree with the mentor's full entry."""
    from bridge.modules.mentordb.operations.mentors import list_statement, mentor_entry, mentor_rows

    rows = mentor_rows(db.session.execute(list_statement({})).all())
    assert sorted(row.id for row in rows) == _expected(db)
    for row in rows:
        entry = mentor_entry(db.session.get(Person, row.id))
        assert (row.full_name, row.department, row.languages, row.has_profile, row.capacity_left, row.is_external,
                row.former_mentee) == (entry.person.full_name, entry.person.department, entry.person.languages,
                                       entry.profile is not None, entry.capacity_left, entry.is_external,
                                       entry.former_mentee), row.full_name
    login_as("coordinator")
    page = client.get("/mentors/").get_data(as_text=True)
    assert page.count("former mentee</span>") == sum(row.former_mentee for row in rows)
    assert page.count("(no profile yet)") == sum(not row.has_profile for row in rows)
