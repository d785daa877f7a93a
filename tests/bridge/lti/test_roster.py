"""Names and Role Provisioning: coordinators compare a course roster with the companion's people."""
from bridge.core.db import utcnow
from bridge.modules.lti.models import LtiLaunch
from tests.bridge.lti.platform import INSTRUCTOR, LEARNER


def _member(user_id, name, email, role=LEARNER, **extra):
    return {"status": "Active", "user_id": str(user_id), "name": name, "email": email, "roles": [role]} | extra


def test_roster_compared_with_companion_people(client, launch, make_learner, platform_server, platform, db, login_as):
    linked = make_learner(moodle_user_id=42)
    by_idnumber = make_learner(idnumber="staff-9")
    make_learner(moodle_user_id=44, archived_at=utcnow())
    launch(sub="42")
    platform_server.members = [_member(42, linked.full_name, linked.email),
                               _member(43, "Ida Number", "ida@example.org", lis_person_sourcedid="staff-9"),
                               _member(44, "Archie Ved", "archie@example.org"),
                               _member(45, "Nora New", "nora@example.org", role=INSTRUCTOR)]
    platform_server.tool_jwks = client.get("/lti/jwks").get_json()
    login_as("coordinator")
    page = client.get("/admin/lti").get_data(as_text=True)
    assert "Intercultural communication" in page
    course = db.session.scalar(db.select(LtiLaunch))
    response = client.get(f"/admin/lti/{platform.id}/roster/{course.id}")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert linked.full_name in text and by_idnumber.full_name in text
    assert "archived in the companion: <strong>1</strong>" in text
    assert "not in the companion: <strong>1</strong>" in text and "Nora New" in text
    assert "in the companion: <strong>2</strong>" in text


def test_roster_refused_by_the_platform_is_a_clear_message(client, launch, make_learner, platform, db, login_as):
    make_learner(moodle_user_id=42)
    launch(sub="42")
    login_as("coordinator")
    course = db.session.scalar(db.select(LtiLaunch))
    response = client.get(f"/admin/lti/{platform.id}/roster/{course.id}", follow_redirects=True)
    assert "did not give the course roster" in response.get_data(as_text=True)


def test_roster_only_for_coordinators(client, platform, login_as):
    login_as("mentor")
    assert client.get(f"/admin/lti/{platform.id}/roster/1").status_code == 403


def test_roster_of_unknown_course_is_a_clear_message(client, platform, login_as):
    login_as("coordinator")
    response = client.get(f"/admin/lti/{platform.id}/roster/999", follow_redirects=True)
    assert "No roster service is known for this course." in response.get_data(as_text=True)
    assert client.get("/admin/lti/999/roster/1").status_code == 404
