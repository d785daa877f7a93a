"""Review transitions and their mails, and the retention job."""
from datetime import timedelta

from click.testing import CliRunner

from bridge.core.audit import AuditEvent
from bridge.core.db import utcnow
from bridge.modules.accounts.models import OneTimeToken
from bridge.modules.externals.operations import review
from bridge.modules.externals.models import ExternalApplication
from bridge.modules.externals.util import cv_path
from bridge.modules.pairing.models import MentorProfile
from tests.bridge.externals.helpers import make_application


def test_accept_creates_external_mentor_with_profile_and_invitation(app, client, db, login_as, outbox):
    application = make_application(app, db)
    coordinator = login_as("coordinator")
    response = client.post(f"/applications/{application.id}/accept")
    assert response.status_code == 302
    db.session.expire_all()
    application = db.session.get(ExternalApplication, application.id)
    person = application.person
    assert application.state == "accepted" and application.decided_by_id == coordinator.id
    assert person.role_names == {"mentor", "external"} and person.department == "Refugee Law Clinic"
    assert sorted(person.languages) == ["ar", "de"] and person.consent_at == application.consent_at
    profile = db.session.scalar(db.select(MentorProfile).where(MentorProfile.person_id == person.id))
    assert profile.competences == {"intercultural_communication": 4, "adaptability": 3} and profile.capacity == 2
    assert db.session.scalar(db.select(OneTimeToken).where(OneTimeToken.person_id == person.id)) is not None
    assert outbox()[-1]["To"] == "amira.haddad@example.org" and "invitation" in outbox()[-1]["Subject"]
    actions = set(db.session.scalars(db.select(AuditEvent.action)))
    assert {"externals.accepted", "person.created", "account.invited"} <= actions
    page = client.get(f"/applications/{application.id}")
    assert b"nightly Moodle sync" in page.data


def test_accept_twice_is_a_conflict(app, client, db, login_as):
    application = make_application(app, db)
    login_as("coordinator")
    client.post(f"/applications/{application.id}/accept")
    assert client.post(f"/applications/{application.id}/accept").status_code == 400  # refused, shown on the page (core.web)


def test_accept_existing_email_is_a_conflict_and_changes_nothing(app, client, db, login_as, make_person):
    application = make_application(app, db)
    make_person(email="amira.haddad@example.org")
    login_as("coordinator")
    response = client.post(f"/applications/{application.id}/accept")
    assert response.status_code == 400 and b"already exists" in response.data
    db.session.expire_all()
    assert db.session.get(ExternalApplication, application.id).state == "submitted"


def test_request_info_mails_the_applicant(app, client, db, login_as, outbox):
    application = make_application(app, db)
    coordinator = login_as("coordinator")
    response = client.post(f"/applications/{application.id}/request-info", data={"info-body": "Which languages?"})
    assert response.status_code == 302
    db.session.expire_all()
    application = db.session.get(ExternalApplication, application.id)
    assert application.state == "info_requested" and application.comments[0].kind == "info_request"
    mail = outbox()[-1]
    assert "more information" in mail["Subject"]
    assert "Which languages?" in mail.get_content() and coordinator.email in mail.get_content()


def test_reject_needs_a_reason_and_mails_it(app, client, db, login_as, outbox):
    application = make_application(app, db)
    login_as("coordinator")
    assert client.post(f"/applications/{application.id}/reject", data={"reason": ""}).status_code == 400
    response = client.post(f"/applications/{application.id}/reject", data={"reason": "No places in 2027."})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(ExternalApplication, application.id).state == "rejected"
    assert "No places in 2027." in outbox()[-1].get_content()


def test_comment_with_script_is_rejected_and_note_escaped(app, client, db, login_as):
    application = make_application(app, db)
    login_as("coordinator")
    response = client.post(f"/applications/{application.id}/comment", data={"body": "<script>x()</script>"})
    assert response.status_code == 400 and b"HTML tags" in response.data
    client.post(f"/applications/{application.id}/comment", data={"body": "Call back & check a > b"})
    page = client.get(f"/applications/{application.id}")
    assert b"Call back &amp; check a &gt; b" in page.data


def _reject(app, db, coordinator, days_ago: int, **overrides):
    application = make_application(app, db, **overrides)
    review.reject(coordinator, application, "Not now.")
    application.decided_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
    return application


def test_purge_anonymises_old_rejections_only_and_is_idempotent(app, db, make_person):
    coordinator = make_person(roles=["coordinator"])
    old = _reject(app, db, coordinator, 200, email="old@example.org")
    recent = _reject(app, db, coordinator, 10, email="recent@example.org")
    open_one = make_application(app, db, email="open@example.org")
    old_cv = cv_path(old.cv_storage_name)
    assert old_cv.exists()
    assert review.purge() == 1
    db.session.commit()
    assert review.purge() == 0
    db.session.expire_all()
    old = db.session.get(ExternalApplication, old.id)
    assert old.state == "anonymised" and old.first_name == "" and old.profile == {} and old.cv_storage_name is None
    assert not old_cv.exists()
    assert db.session.get(ExternalApplication, recent.id).state == "rejected"
    assert db.session.get(ExternalApplication, open_one.id).state == "submitted"


def test_purge_command_with_days_prints_summary(app, db, make_person):
    coordinator = make_person(roles=["coordinator"])
    application = _reject(app, db, coordinator, 10)
    result = CliRunner().invoke(app.cli, ["externals", "purge", "--days", "5"], catch_exceptions=False)
    assert result.exit_code == 0 and "1 rejected application(s) older than 5 days anonymised" in result.output
    db.session.expire_all()
    assert db.session.get(ExternalApplication, application.id).state == "anonymised"
    again = CliRunner().invoke(app.cli, ["externals", "purge", "--days", "5"], catch_exceptions=False)
    assert "0 rejected application(s)" in again.output


def test_queue_lists_open_applications_and_empty_state(app, client, db, login_as):
    login_as("coordinator")
    assert b"No applications here." in client.get("/applications/").data
    make_application(app, db)
    page = client.get("/applications/")
    assert b"Amira Haddad" in page.data
    assert b"Amira Haddad" not in client.get("/applications/?state=rejected").data
