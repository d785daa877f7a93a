"""Withdrawal of consent anonymises an external professional: personal data goes, aggregate figures stay."""
import pytest

from bridge.core.audit import AuditEvent
from bridge.core.errors import Conflict, PermissionDenied
from bridge.modules.externals.models import ExternalApplication, TandemAdviser
from bridge.modules.externals.operations.consent import withdraw_consent
from bridge.modules.externals.operations.review import accept
from bridge.modules.mentoring.models import Message
from bridge.modules.pairing.models import MentorProfile, Pair
from bridge.modules.people.models import Person
from tests.bridge.externals.helpers import make_application


@pytest.fixture
def accepted(app, db, make_person):
    """An accepted external professional who mentors a tandem, wrote a message and advises another tandem."""
    coordinator = make_person(roles=["coordinator"])
    application = make_application(app, db)
    person = accept(coordinator, application)
    db.session.commit()
    mentee, other = make_person(roles=["mentee"]), make_person(roles=["mentee"])
    tandem = Pair(mentor_id=person.id, mentee_id=mentee.id, state="active", source="manual")
    advised = Pair(mentor_id=make_person(roles=["mentor"]).id, mentee_id=other.id, state="active", source="manual")
    db.session.add_all([tandem, advised])
    db.session.flush()
    db.session.add_all([Message(pair_id=tandem.id, author_id=person.id, body="Call me on 0151 234567"),
                        Message(pair_id=tandem.id, author_id=mentee.id, body="Thanks!"),
                        TandemAdviser(pair_id=advised.id, person_id=person.id)])
    person.moodle_user_id = 77
    db.session.commit()
    return coordinator, application, person, tandem


def test_withdrawal_removes_personal_data_and_keeps_figures(app, db, accepted):
    coordinator, application, person, tandem = accepted
    cv = application.cv_storage_name
    withdraw_consent(coordinator, person)
    db.session.commit()
    db.session.expire_all()
    person = db.session.get(Person, person.id)
    assert "Amira" not in person.full_name and "Haddad" not in person.full_name
    assert person.email == f"anonymised-{person.id}@invalid" and person.department is None
    assert person.moodle_user_id is None and person.consent_at is None and person.archived_at is not None
    assert person.account is None or person.account.password_hash is None
    from bridge.modules.accounts.models import OneTimeToken
    assert db.session.scalars(db.select(OneTimeToken).where(OneTimeToken.person_id == person.id)).all() == []
    application = db.session.get(ExternalApplication, application.id)
    assert application.state == "anonymised" and application.first_name == "" and application.answers == []
    assert application.cv_storage_name is None
    if cv:
        from bridge.modules.externals.util import cv_path
        assert not cv_path(cv).exists(), "the CV file is deleted"
    profile = db.session.scalar(db.select(MentorProfile).where(MentorProfile.person_id == person.id))
    assert profile.work_areas == profile.know_how == profile.willingness_statement == ""
    assert profile.competences and profile.experience_years == 12, "aggregate figures stay"
    assert [m.body for m in db.session.scalars(db.select(Message))] == ["Thanks!"]
    assert db.session.scalars(db.select(TandemAdviser)).all() == []
    assert db.session.get(Pair, tandem.id).mentor_id == person.id, "the tandem still counts"
    names = [e.summary for e in db.session.scalars(db.select(AuditEvent))]
    assert [(e.action, e.object_type, e.object_id) for e in db.session.scalars(db.select(AuditEvent)) if "Haddad" in e.summary] == []


def test_withdrawal_is_checked(app, db, accepted, make_person):
    coordinator, _application, person, _tandem = accepted
    with pytest.raises(PermissionDenied):
        withdraw_consent(person, person)
    with pytest.raises(Conflict):
        withdraw_consent(coordinator, make_person(roles=["mentor"]))
    withdraw_consent(coordinator, person)
    db.session.commit()
    with pytest.raises(Conflict):
        withdraw_consent(coordinator, person)


@pytest.mark.parametrize("role", [None, "mentor", "mentee", "external"])
def test_only_coordinators_record_a_withdrawal(app, client, db, login_as, accepted, role):
    _coordinator, application, person, _tandem = accepted
    if role:
        login_as(role)
    response = client.post(f"/applications/{application.id}/withdraw-consent")
    assert response.status_code == (302 if role is None else 403)
    db.session.expire_all()
    assert "Haddad" in db.session.get(Person, person.id).full_name


def test_coordinator_records_a_withdrawal_on_the_page(app, client, db, login_as, accepted):
    _coordinator, application, person, _tandem = accepted
    login_as("coordinator")
    page = client.get(f"/applications/{application.id}")
    assert "Consent withdrawn: anonymise the person" in page.get_data(as_text=True)
    assert client.post(f"/applications/{application.id}/withdraw-consent").status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, person.id).email.endswith("@invalid")
    again = client.post(f"/applications/{application.id}/withdraw-consent", follow_redirects=True)
    assert "already been anonymised" in again.get_data(as_text=True)
    assert client.post("/applications/999999/withdraw-consent").status_code == 404
