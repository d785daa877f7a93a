"""Ending a tandem through its confirmation pages: refusals with explanations, approval, notifications."""
import pytest

from bridge.modules.mentoring.operations import ending


def test_confirmation_page_states_the_consequences(client, login, make_tandem):
    pair = make_tandem(state="active")
    login(pair.mentee)
    page = client.get(f"/pairs/{pair.id}/complete").get_data(as_text=True)
    assert "cannot be undone" in page and "congratulations mail" in page and "No duration has been agreed" in page
    assert "Final evaluations still missing" in page
    assert 'name="override"' not in page  # only coordinators override


def test_mentee_completing_on_day_one_is_refused_with_an_explanation(client, db, login, make_tandem, outbox):
    pair = make_tandem(state="active")
    login(pair.mentee)
    resp = client.post(f"/pairs/{pair.id}/complete", data={"comment": ""})
    assert resp.status_code == 400 and "A coordinator can approve the completion" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert pair.state == "active" and outbox() == []


def test_coordinator_approves_completion_with_reason_and_override(client, db, login, make_tandem, make_person,
                                                                  outbox):
    pair, coordinator = make_tandem(state="active"), make_person(roles=["coordinator"])
    login(coordinator)
    page = client.get(f"/pairs/{pair.id}/complete").get_data(as_text=True)
    assert 'name="override"' in page
    assert client.post(f"/pairs/{pair.id}/complete", data={"comment": "Goals met early"}).status_code == 400
    resp = client.post(f"/pairs/{pair.id}/complete", data={"comment": "Goals met early", "override": "y"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert pair.state == "completed" and pair.transitions[-1].comment == ""  # a coordinator note, kept apart
    assert (pair.notes[-1].kind, pair.notes[-1].body) == ("override", "Goals met early")
    assert {m["To"] for m in outbox()} >= {pair.mentor.email, pair.mentee.email}


def test_member_completes_when_the_duration_is_over_and_finals_are_in(client, db, login, ready_tandem):
    login(ready_tandem.mentor)
    assert client.post(f"/pairs/{ready_tandem.id}/complete", data={"comment": ""}).status_code == 302
    db.session.expire_all()
    assert ready_tandem.state == "completed"


def test_ending_early_asks_a_reason_and_tells_the_coordinators(client, db, login, tandem, make_person, outbox):
    coordinator = make_person(roles=["coordinator"])
    login(tandem.mentee)
    assert "coordinators are told" in client.get(f"/pairs/{tandem.id}/end").get_data(as_text=True)
    assert client.post(f"/pairs/{tandem.id}/end", data={"reason": ""}).status_code == 400
    assert client.post(f"/pairs/{tandem.id}/end", data={"reason": "New job"}).status_code == 302
    mails = [m for m in outbox() if m["To"] == coordinator.email]
    assert len(mails) == 1 and "New job" in mails[0].get_content()


def test_congratulations_only_if_still_completed(db, ready_tandem, outbox):
    ending.complete_pair(ready_tandem.mentor, ready_tandem)
    ready_tandem.state = "ended_early"  # the final state decides, not the request
    db.session.commit()
    assert not [m for m in outbox() if "Congratulations" in m["Subject"]]


def test_outsider_cannot_open_the_ending_pages(client, login, tandem, make_person):
    login(make_person(roles=["mentor"]))
    assert client.get(f"/pairs/{tandem.id}/complete").status_code == 403


def test_failing_commit_tells_no_coordinator(db, tandem, make_person, outbox):
    from sqlalchemy.exc import IntegrityError

    from bridge.modules.people.models import Person

    make_person(roles=["coordinator"])
    ending.end_pair_early(tandem.mentor, tandem, "Moved away")
    db.session.add(Person(first_name="Dup", last_name="Licate", email=tandem.mentor.email))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.commit()
    assert outbox() == []
