"""Community mails go out after the commit: a failing commit sends none."""
from bridge.modules.community.operations import qa, workshops
from tests.bridge.failing_commit import fail_commit


def test_failed_commit_sends_no_answer_mail(db, make_person, make_question, outbox):
    asker = make_person(roles=["mentee"])
    question = make_question(author=asker)
    qa.answer_question(make_person(roles=["mentor"]), question, "Try a plain-language letter.")
    fail_commit(db, asker)
    assert outbox() == []


def test_answer_mail_goes_after_the_commit(db, make_person, make_question, outbox):
    asker = make_person(roles=["mentee"])
    qa.answer_question(make_person(roles=["mentor"]), make_question(author=asker), "An answer")
    assert outbox() == []
    db.session.commit()
    assert [m["To"] for m in outbox()] == [asker.email]


def test_failed_commit_sends_no_workshop_invitation(db, make_person, make_workshop, outbox):
    guest = make_person(roles=["mentee"])
    workshops.invite(make_person(roles=["coordinator"]), make_workshop(), [guest])
    fail_commit(db, guest)
    assert outbox() == []
