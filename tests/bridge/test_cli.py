from bridge.cli import create_coordinator, demo_command
from bridge.demo import organisation as demo
from bridge.modules.people.models import Person


def test_create_coordinator_prints_invite_link(app, db):
    result = app.test_cli_runner().invoke(create_coordinator, ["Boss@Example.org"])
    assert result.exit_code == 0, result.output
    assert "/invite/" in result.output
    person = db.session.scalar(db.select(Person))
    assert person.email == "boss@example.org" and person.role_names == {"coordinator"}


def test_create_coordinator_adds_role_to_existing_person(app, db, make_person):
    existing = make_person(roles=["mentor"])
    result = app.test_cli_runner().invoke(create_coordinator, [existing.email, "--password", "long enough pw"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Person, existing.id).role_names == {"mentor", "coordinator"}


def test_create_coordinator_short_password_fails_cleanly(app, db):
    result = app.test_cli_runner().invoke(create_coordinator, ["x@example.org", "--password", "short"])
    assert result.exit_code == 2
    assert "at least 12 characters" in result.output
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 0


def test_demo_loads_realistic_organisation_and_refuses_second_run(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(demo_command)
    assert result.exit_code == 0, result.output
    everyone = db.session.scalars(db.select(Person)).all()
    assert sum(p.role_names == {"management"} for p in everyone) == 1  # the department head (bridge/demo/cycles.py)
    people = [p for p in everyone if p.role_names != {"management"}]
    roles = [p.role_names for p in people]
    assert len(people) == 41  # 40 staff and external professionals, and the accepted applicant
    assert sum("coordinator" in r for r in roles) == 1
    assert sum("mentor" in r and "external" not in r for r in roles) == 8
    assert sum("mentee" in r for r in roles) == 20
    assert sum("external" in r for r in roles) == 3
    assert len({p.department for p in people}) >= 8
    assert len({lang for p in people for lang in p.languages}) >= 12
    assert "katrin.vogel@lindenau.example" in result.output

    again = runner.invoke(demo_command)
    assert again.exit_code == 2 and "already has people" in again.output
    forced = runner.invoke(demo_command, ["--force"])
    assert forced.exit_code == 0
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 41 + 1  # and the department head
    if_empty = runner.invoke(demo_command, ["--if-empty"])
    assert if_empty.exit_code == 0 and "not loaded again" in if_empty.output


def test_demo_logins_work(app, db):
    from bridge.modules.accounts.operations import authenticate

    demo.load()
    assert authenticate("katrin.vogel@lindenau.example", demo.DEMO_PASSWORD) is not None
