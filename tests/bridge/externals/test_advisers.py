"""External professionals who advise a tandem join the tandem's Moodle group (after the commit, retried on failure)."""
import pytest

from bridge.modules.externals.models import TandemAdviser
from bridge.modules.externals.operations.advisers import add_adviser, remove_adviser
from bridge.modules.pairing.models import Pair
from sync import forums
from tests.fake_moodle.fixture import fake_moodle  # noqa: F401
from tests.fake_moodle.state import STUDENT, Group

COURSE, GROUP, EXTERNAL_ROLE = 7, 40, 4  # non-editing teacher, set through QSER_MOODLE_ROLE_EXTERNAL


@pytest.fixture
def moodle(app, fake_moodle):  # noqa: F811
    """The fake Moodle with the mentoring course; externals get their own role there."""
    fake_moodle.state.add_course(id=COURSE, shortname="QSER-MENTORING", fullname="Mentoring")
    fake_moodle.state.groups[GROUP] = Group(GROUP, COURSE, "Tandem")
    app.config.update(MOODLE_URL=fake_moodle.url, MOODLE_TOKEN=fake_moodle.token,
                      MOODLE_MENTORING_COURSE="QSER-MENTORING", MOODLE_ROLE_EXTERNAL=str(EXTERNAL_ROLE))
    return fake_moodle


@pytest.fixture
def tandem(db, make_person):
    """A confirmed tandem (no Moodle group yet)."""
    mentor, mentee = make_person(roles=["mentor"]), make_person(roles=["mentee"])
    pair = Pair(mentor_id=mentor.id, mentee_id=mentee.id, state="introduced", source="offline")
    db.session.add(pair)
    db.session.commit()
    return pair


@pytest.fixture
def external(db, make_person):
    return make_person(roles=["mentor", "external"], first_name="Amira", last_name="Haddad")


def _linked(db, moodle, person):
    user = moodle.state.add_user(username=f"u{person.id}", firstname=person.first_name, lastname=person.last_name,
                                 email=person.email)
    person.moodle_user_id = user.id
    db.session.commit()
    return user.id


def _task(db, pair, person):
    return db.session.scalar(db.select(forums.ForumTask).where(forums.ForumTask.key == f"adviser:{pair.id}:{person.id}"))


def test_adviser_is_enrolled_and_joins_the_tandem_group(db, moodle, tandem, external, make_person):
    coordinator = make_person(roles=["coordinator"])
    user = _linked(db, moodle, external)
    tandem.moodle_group_id = GROUP
    db.session.commit()
    add_adviser(coordinator, tandem.id, external.id)
    assert moodle.state.groups[GROUP].members == set(), "nothing happens before the commit"
    db.session.commit()
    assert moodle.state.groups[GROUP].members == {user}
    assert EXTERNAL_ROLE in moodle.state.enrolments[(COURSE, user)].roleids
    assert _task(db, tandem, external).state == "done"
    remove_adviser(coordinator, db.session.get(TandemAdviser, (tandem.id, external.id)))
    db.session.commit()
    assert moodle.state.groups[GROUP].members == set()
    assert db.session.get(TandemAdviser, (tandem.id, external.id)) is None
    add_adviser(coordinator, tandem.id, external.id)  # advised again later: joins again
    db.session.commit()
    assert moodle.state.groups[GROUP].members == {user}


def test_adviser_waits_for_the_group_and_joins_when_it_exists(db, moodle, tandem, external, make_person):
    coordinator = make_person(roles=["coordinator"])
    user = _linked(db, moodle, external)
    add_adviser(coordinator, tandem.id, external.id)
    db.session.commit()
    task = _task(db, tandem, external)
    assert task.state == "failed" and "no Moodle group yet" in task.last_error
    tandem.moodle_group_id = GROUP
    db.session.commit()
    assert forums.retry_open() == (1, 0)
    assert moodle.state.groups[GROUP].members == {user}


def test_adviser_without_moodle_account_is_kept_open(db, moodle, tandem, external, make_person):
    tandem.moodle_group_id = GROUP
    db.session.commit()
    add_adviser(make_person(roles=["coordinator"]), tandem.id, external.id)
    db.session.commit()
    assert "no Moodle account" in _task(db, tandem, external).last_error
    assert forums.retry_open() == (0, 1)


def test_without_moodle_the_adviser_is_only_recorded(db, app, tandem, external, make_person):
    add_adviser(make_person(roles=["coordinator"]), tandem.id, external.id)
    db.session.commit()
    assert db.session.get(TandemAdviser, (tandem.id, external.id)) is not None
    assert _task(db, tandem, external) is None


def test_bad_choices_are_refused(db, tandem, external, make_person):
    from bridge.core.errors import Conflict, PermissionDenied, ValidationFailed

    coordinator = make_person(roles=["coordinator"])
    internal = make_person(roles=["mentor"])
    with pytest.raises(ValidationFailed):
        add_adviser(coordinator, tandem.id, internal.id)
    with pytest.raises(ValidationFailed):
        add_adviser(coordinator, "x", external.id)
    with pytest.raises(ValidationFailed):
        add_adviser(coordinator, 999999, external.id)
    with pytest.raises(PermissionDenied):
        add_adviser(external, tandem.id, external.id)
    tandem.state = "proposed"
    db.session.commit()
    with pytest.raises(Conflict):
        add_adviser(coordinator, tandem.id, external.id)
    tandem.state = "completed"
    db.session.commit()
    with pytest.raises(Conflict):
        add_adviser(coordinator, tandem.id, external.id)
    tandem.state = "active"
    db.session.commit()
    add_adviser(coordinator, tandem.id, external.id)
    with pytest.raises(Conflict):
        add_adviser(coordinator, tandem.id, external.id)


@pytest.mark.parametrize("role", [None, "mentor", "mentee", "external"])
def test_adviser_pages_are_for_coordinators_only(client, db, login_as, tandem, external, role):
    if role:
        login_as(role)
    expected = 302 if role is None else 403
    assert client.get("/advisers/").status_code == expected
    response = client.post("/advisers/", data={"pair_id": str(tandem.id), "person_id": str(external.id)})
    assert response.status_code == expected
    db.session.add(TandemAdviser(pair_id=tandem.id, person_id=external.id))
    db.session.commit()
    assert client.post(f"/advisers/{tandem.id}/{external.id}/remove").status_code == expected
    db.session.expire_all()
    assert db.session.scalars(db.select(TandemAdviser)).all() != []


def test_coordinator_adds_and_removes_an_adviser_on_the_page(client, db, login_as, tandem, external):
    login_as("coordinator")
    page = client.get("/advisers/")
    assert page.status_code == 200 and external.full_name in page.get_data(as_text=True)
    response = client.post("/advisers/", data={"pair_id": str(tandem.id), "person_id": str(external.id)})
    assert response.status_code == 302
    assert db.session.get(TandemAdviser, (tandem.id, external.id)) is not None
    again = client.post("/advisers/", data={"pair_id": str(tandem.id), "person_id": str(external.id)})
    assert again.status_code == 400 and "advises the tandem already" in again.get_data(as_text=True)
    for bad in ({"pair_id": "", "person_id": str(external.id)}, {"pair_id": "abc", "person_id": "1"},
                {"pair_id": str(tandem.id), "person_id": "99999999999999999999"}):
        assert client.post("/advisers/", data=bad).status_code == 400
    assert client.post(f"/advisers/{tandem.id}/{external.id}/remove").status_code == 302
    assert db.session.get(TandemAdviser, (tandem.id, external.id)) is None
    assert client.post(f"/advisers/{tandem.id}/{external.id}/remove").status_code == 404
    assert client.post(f"/advisers/{tandem.id}/99999999999999999999/remove").status_code == 404
