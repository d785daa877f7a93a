import pytest
from sqlalchemy.exc import IntegrityError

from bridge.core.errors import Conflict, PermissionDenied, ValidationFailed
from bridge.modules.mentoring.operations import ending, messages
from bridge.modules.mentoring.models import MentorCandidate
from bridge.modules.pairing.models import MentorProfile
from bridge.modules.people.models import Person


def test_message_is_stored_and_partner_told_by_mail_without_the_text(db, tandem, outbox):
    messages.post_message(tandem.mentee, tandem, "Can we meet on Tuesday?")
    assert outbox() == []  # the mail goes out after the commit
    db.session.commit()
    mails = outbox()
    assert len(mails) == 1 and mails[0]["To"] == tandem.mentor.email
    body = mails[0].get_content()
    assert "Can we meet" not in body and f"/pairs/{tandem.id}/messages" in body
    assert [m.body for m in messages.pair_messages(tandem.mentor, tandem)] == ["Can we meet on Tuesday?"]


def test_empty_message_rejected(db, tandem, outbox):
    with pytest.raises(ValidationFailed):
        messages.post_message(tandem.mentee, tandem, "   ")
    assert outbox() == []


def test_coordinator_cannot_read_or_write_by_default(db, tandem, make_person):
    coordinator = make_person(roles=["coordinator"])
    with pytest.raises(PermissionDenied):
        messages.pair_messages(coordinator, tandem)
    with pytest.raises(PermissionDenied):
        messages.post_message(coordinator, tandem, "Hello")


def test_message_form_round_trip(client, login, tandem, outbox):
    login(tandem.mentor)
    assert client.post(f"/pairs/{tandem.id}/messages", data={"body": "<b>Hi</b>"}).status_code == 302
    page = client.get(f"/pairs/{tandem.id}/messages").data
    assert b"&lt;b&gt;Hi&lt;/b&gt;" in page and b"<b>Hi</b>" not in page
    assert client.post(f"/pairs/{tandem.id}/messages", data={"body": ""}).status_code == 400


def test_complete_offers_mentee_the_mentor_role(db, ready_tandem, outbox):
    pair = ready_tandem
    ending.complete_pair(pair.mentor, pair, "Goals reached")
    assert pair.state == "completed" and pair.transitions[-1].comment == "Goals reached"
    candidate = ending.find_candidate(pair.mentee)
    assert candidate is not None and candidate.accepted_at is None
    db.session.commit()
    subjects = {(m["To"], m["Subject"]) for m in outbox()}
    assert (pair.mentee.email, "Would you like to become a mentor?") in subjects
    assert {(p.email, "Congratulations on completing your tandem") for p in (pair.mentor, pair.mentee)} <= subjects


def test_complete_needs_an_active_tandem(db, make_tandem):
    pair = make_tandem(state="agreed")
    with pytest.raises(Conflict):
        ending.complete_pair(pair.mentee, pair)
    assert db.session.scalar(db.select(db.func.count(MentorCandidate.id))) == 0


def test_end_early_needs_a_reason_and_outsiders_cannot(db, tandem, make_person):
    with pytest.raises(ValidationFailed):
        ending.end_pair_early(tandem.mentee, tandem, " ")
    with pytest.raises(PermissionDenied):
        ending.end_pair_early(make_person(roles=["mentor"]), tandem, "Reason")
    ending.end_pair_early(make_person(roles=["coordinator"]), tandem, "Moved to another city")
    assert tandem.state == "ended_early" and tandem.end_reason == "Moved to another city"


def test_accepting_the_offer_makes_a_mentor_with_an_empty_profile(client, db, login, ready_tandem):
    pair = ready_tandem
    login(pair.mentee)
    assert client.post(f"/pairs/{pair.id}/complete", data={"comment": ""}).status_code == 302
    assert b"become a mentor" in client.get(f"/pairs/{pair.id}/").data
    resp = client.post(f"/pairs/{pair.id}/become-mentor")
    assert resp.status_code == 302 and "/pairing/profile" in resp.headers["Location"]
    db.session.expire_all()
    assert pair.mentee.has_role("mentor") and pair.mentee.has_role("mentee")
    assert db.session.scalar(db.select(MentorProfile).where(MentorProfile.person_id == pair.mentee_id))
    with pytest.raises(Conflict):
        ending.accept_mentor_role(pair.mentee)


def test_accepting_without_offer_is_forbidden(client, login, make_tandem):
    pair = make_tandem(state="active")
    login(pair.mentee)
    assert client.post(f"/pairs/{pair.id}/become-mentor").status_code == 403


def test_end_form_without_reason_is_400(client, login, tandem):
    login(tandem.mentor)
    assert client.post(f"/pairs/{tandem.id}/end", data={"reason": ""}).status_code == 400
    assert tandem.state == "introduced"


def test_failing_commit_sends_no_message_or_offer_mail(db, ready_tandem, outbox):
    pair = ready_tandem
    messages.post_message(pair.mentee, pair, "See you on Monday")
    ending.complete_pair(pair.mentor, pair, "Goals reached")
    db.session.add(Person(first_name="Dup", last_name="Licate", email=pair.mentor.email))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.commit()
    assert outbox() == []
