"""Webinars in the workshop list, scenarios tagged by competence, and `qser scenarios import`."""
from datetime import datetime, timezone

import yaml
from click.testing import CliRunner

from bridge.cli import main
from bridge.modules.community.models import Scenario, Workshop, WorkshopParticipant
from bridge.modules.community.operations.importer import SCENARIOS_FILE

WEBINAR = {"title": "Intercultural communication", "kind": "webinar", "starts_at": "2099-03-04T09:30", "place": "",
           "online_link": "https://meet.example.org/qser", "recording_link": "", "materials": "- [Slides](https://x.example.org/s.pdf)",
           "facilitator_id": 0, "description": "", "outcomes": ""}
SECTORS = ("registry office", "job centre", "youth welfare", "housing", "foreigners' authority", "school",
           "health office", "police")


def _cli(app, *args):
    from flask.cli import ScriptInfo

    return CliRunner().invoke(main, list(args), obj=ScriptInfo(create_app=lambda: app))


def _as(client, person):
    with client.session_transaction() as session:
        session["_user_id"] = person.account.get_id()
        session["_fresh"] = True


def test_coordinator_plans_a_webinar_that_participants_see(client, db, login_as, make_person):
    login_as("coordinator")
    assert client.post("/community/workshops/new", data=WEBINAR).status_code == 302
    webinar = db.session.scalar(db.select(Workshop))
    assert webinar.kind == "webinar" and webinar.materials.startswith("- [Slides]")
    mentee = make_person(roles=["mentee"])
    db.session.add(WorkshopParticipant(workshop_id=webinar.id, person_id=mentee.id,
                                       invited_at=datetime.now(timezone.utc)))
    db.session.commit()
    _as(client, mentee)
    overview = client.get("/community/workshops/").get_data(as_text=True)
    assert "Webinar" in overview and "https://meet.example.org/qser" in overview and "Join the webinar" in overview
    page = client.get(f"/community/workshops/{webinar.id}").get_data(as_text=True)
    assert 'id="materials"' in page and "Slides" in page
    _as(client, make_person(roles=["mentee"]))
    assert "Intercultural communication" not in client.get("/community/workshops/").get_data(as_text=True)


def test_past_webinar_offers_the_recording(client, db, login_as):
    login_as("coordinator")
    data = {**WEBINAR, "starts_at": "2020-01-01T10:00", "recording_link": "https://video.example.org/rec1"}
    assert client.post("/community/workshops/new", data=data).status_code == 302
    overview = client.get("/community/workshops/").get_data(as_text=True)
    assert "Watch the recording" in overview and "Join the webinar" not in overview


def test_webinar_input_is_checked(client, db, login_as):
    login_as("coordinator")
    for bad in ({**WEBINAR, "online_link": "", "place": "Town hall"}, {**WEBINAR, "kind": "party"},
                {**WEBINAR, "recording_link": "not a link"}):
        response = client.post("/community/workshops/new", data=bad)
        assert response.status_code == 400, bad
    assert db.session.scalar(db.select(db.func.count(Workshop.id))) == 0


def test_webinar_planning_is_for_coordinators(client, login_as):
    login_as("mentor")
    assert client.post("/community/workshops/new", data=WEBINAR).status_code == 403


def test_scenarios_are_tagged_and_filtered_by_competence(client, db, login_as):
    login_as("coordinator")
    data = {"title": "Letters nobody reads", "situation": "A letter", "questions": "", "approaches": "",
            "competences": ["intercultural_communication", "adaptability"]}
    assert client.post("/community/scenarios/new", data=data).status_code == 302
    scenario = db.session.scalar(db.select(Scenario))
    assert scenario.competences == ["adaptability", "intercultural_communication"]
    other = {**data, "title": "Team under pressure", "competences": ["self_awareness"]}
    assert client.post("/community/scenarios/new", data=other).status_code == 302
    page = client.get("/community/scenarios/?competence=adaptability").get_data(as_text=True)
    assert "Letters nobody reads" in page and "Team under pressure" not in page
    assert "Team under pressure" in client.get("/community/scenarios/?competence=nonsense").get_data(as_text=True)
    bad = client.post(f"/community/scenarios/{scenario.id}/edit", data={**data, "competences": ["flying"]})
    assert bad.status_code == 400
    db.session.expire_all()
    assert scenario.competences == ["adaptability", "intercultural_communication"]


def test_starter_scenarios_cover_the_public_services():
    entries = yaml.safe_load(SCENARIOS_FILE.read_text(encoding="utf-8"))
    assert len(entries) >= 8
    text = " ".join(e["en"]["title"] + " " + e["en"]["situation"] for e in entries).lower()
    assert [s for s in SECTORS if s not in text] == []
    for entry in entries:
        assert entry["competences"], entry["id"]
        for lang in ("en", "de"):
            assert all(entry[lang][f].strip() for f in ("title", "situation", "questions", "approaches"))


def test_scenarios_import_command(app, db, tmp_path):
    result = _cli(app, "scenarios", "import", str(SCENARIOS_FILE))
    assert result.exit_code == 0 and "20 scenarios created" in result.output
    again = _cli(app, "scenarios", "import", str(SCENARIOS_FILE))
    assert again.exit_code == 0 and "0 scenarios created" in again.output
    police = db.session.scalar(db.select(Scenario).where(Scenario.import_key == "police-witness", Scenario.lang == "de"))
    assert police.competences and "Zeuge" in police.title


def test_scenarios_import_rejects_bad_files(app, db, tmp_path):
    good = yaml.safe_load(SCENARIOS_FILE.read_text(encoding="utf-8"))[0]
    cases = {
        "broken.yaml": "- id: [unclosed",
        "empty.yaml": "[]",
        "no_de.yaml": yaml.safe_dump([{k: v for k, v in good.items() if k != "de"}]),
        "bad_competence.yaml": yaml.safe_dump([{**good, "competences": ["telepathy"]}]),
        "duplicate.yaml": yaml.safe_dump([good, good]),
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = _cli(app, "scenarios", "import", str(path))
        assert result.exit_code == 2 and "Error:" in result.output, name
    assert "telepathy" in _cli(app, "scenarios", "import", str(tmp_path / "bad_competence.yaml")).output
    assert _cli(app, "scenarios", "import", str(tmp_path / "missing.yaml")).exit_code == 2
    assert db.session.scalar(db.select(db.func.count(Scenario.id))) == 0
