from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from bridge.cli import main
from bridge.modules.mentoring.operations import reminders, sessions
from bridge.modules.mentoring.models import ReminderLog
from bridge.modules.people.models import Person

START = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)


def _tandem(db, make_tandem, state="agreed"):
    pair = make_tandem(state=state)
    for t in pair.transitions:
        t.created_at = START
    db.session.commit()
    return pair


def _at(days: int) -> datetime:
    return START + timedelta(days=days)


def test_no_reminder_before_the_gap(db, make_tandem, outbox):
    _tandem(db, make_tandem)
    assert reminders.send_reminders(_at(29))["mails"] == 0 and outbox() == []


def test_pair_reminded_once_then_coordinator_once(db, make_tandem, make_person, outbox):
    pair = _tandem(db, make_tandem)
    coordinator = make_person(roles=["coordinator"])
    assert reminders.send_reminders(_at(30)) == {"checked": 1, "pairs": 1, "coordinators": 0, "mails": 2}
    assert reminders.send_reminders(_at(31))["mails"] == 0
    assert reminders.send_reminders(_at(45)) == {"checked": 1, "pairs": 0, "coordinators": 1, "mails": 1}
    assert reminders.send_reminders(_at(60))["mails"] == 0
    db.session.commit()
    recipients = sorted(m["To"] for m in outbox())
    assert recipients == sorted([pair.mentor.email, pair.mentee.email, coordinator.email])


def test_a_new_session_starts_a_new_gap(db, make_tandem, outbox):
    pair = _tandem(db, make_tandem)
    reminders.send_reminders(_at(30))
    sessions.log_session(pair.mentor, pair, {"held_on": date(2026, 1, 1), "duration_minutes": 60, "mode": "online",
                                        "topics": "Catch-up"})
    sessions.pair_sessions(pair)[0].held_on = _at(35).date()  # a meeting after the first reminder
    assert reminders.send_reminders(_at(50))["mails"] == 0
    assert reminders.send_reminders(_at(65))["pairs"] == 1
    assert db.session.scalar(db.select(db.func.count(ReminderLog.id))) == 2


def test_finished_and_proposed_tandems_are_not_reminded(db, make_tandem, outbox):
    _tandem(db, make_tandem, state="completed")
    _tandem(db, make_tandem, state="proposed")
    assert reminders.send_reminders(_at(100))["checked"] == 0


def test_cli_is_idempotent_and_prints_a_summary(app, db, make_tandem, outbox):
    _tandem(db, make_tandem)
    runner = app.test_cli_runner()
    first = runner.invoke(main, ["reminders", "--now", "2026-04-15T06:00"])
    second = runner.invoke(main, ["reminders", "--now", "2026-04-15T06:00"])
    assert first.exit_code == 0, first.output
    assert "1 tandems checked, 1 tandems reminded, 1 escalated to coordinators" in first.output
    assert "0 tandems reminded, 0 escalated to coordinators, 0 mails sent" in second.output
    assert len(outbox()) == 2


def test_cli_rejects_a_bad_date(app):
    result = app.test_cli_runner().invoke(main, ["reminders", "--now", "tomorrow"])
    assert result.exit_code == 2 and "not an ISO date" in result.output


def test_days_are_configurable(app, db, make_tandem, outbox):
    app.config["REMINDER_PAIR_DAYS"] = 7
    _tandem(db, make_tandem)
    assert reminders.send_reminders(_at(6))["pairs"] == 0
    assert reminders.send_reminders(_at(7))["pairs"] == 1


def test_failing_commit_sends_no_reminder_and_forgets_it(db, make_tandem, outbox):
    pair = _tandem(db, make_tandem)
    assert reminders.send_reminders(_at(30))["mails"] == 2
    db.session.add(Person(first_name="Dup", last_name="Licate", email=pair.mentor.email))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert outbox() == [] and db.session.scalar(db.select(db.func.count(ReminderLog.id))) == 0
    assert reminders.send_reminders(_at(30))["mails"] == 2
