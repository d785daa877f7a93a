"""Invitation and reset mails go out after the commit: a failing commit sends none."""
from bridge.modules.accounts import operations as ops
from tests.bridge.failing_commit import fail_commit


def test_failed_commit_sends_no_invitation(db, make_person, outbox):
    invitee = make_person(roles=["mentee"], password=None)
    ops.invite(make_person(roles=["coordinator"]), invitee)
    fail_commit(db, invitee)
    assert outbox() == []


def test_failed_commit_sends_no_reset_link(db, make_person, outbox):
    person = make_person(roles=["mentee"])
    assert ops.request_reset(person.email)
    fail_commit(db, person)
    assert outbox() == []


def test_invitation_goes_after_the_commit(db, make_person, outbox):
    invitee = make_person(roles=["mentee"], password=None)
    raw = ops.invite(None, invitee)
    assert outbox() == []
    db.session.commit()
    assert [m["To"] for m in outbox()] == [invitee.email] and raw in outbox()[0].get_content()
