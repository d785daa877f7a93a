"""Due dates of a tandem's evaluations and the daily reminders."""
from datetime import date, datetime, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from bridge.modules.evaluation.operations import responses as ops
from bridge.modules.evaluation.operations.schedule import due_items, send_reminders
from bridge.core.dates import add_months
from bridge.modules.mentoring.models import ReminderLog
from bridge.modules.people.models import Person
from tests.bridge.evaluation.conftest import full_answers


def _by_key(items):
    return {(i.form.key, i.role): i for i in items}


def test_due_dates_follow_start_and_duration(db, forms, make_tandem):
    pair = make_tandem()  # started 2026-01-15, six months by default
    items = _by_key(due_items(pair, date(2026, 5, 1)))
    assert items[("midterm", "mentor")].due_on == add_months(date(2026, 1, 15), 3)
    assert items[("midterm", "mentor")].status == "due"
    assert items[("final-mentee", "mentee")].due_on == date(2026, 7, 15)
    assert items[("final-mentee", "mentee")].status == "upcoming"
    assert ("final-mentee", "mentor") not in items and ("mutual", "mentor") in items


def test_due_dates_use_configured_duration(app, db, forms, make_tandem):
    app.config["EVALUATION_DURATION_MONTHS"] = 12
    pair = make_tandem()
    assert _by_key(due_items(pair, date(2026, 2, 1)))[("mutual", "mentee")].due_on == date(2027, 1, 15)


def test_submitted_items_are_marked(db, forms, make_tandem):
    pair = make_tandem()
    ops.submit_evaluation(pair.mentor, forms["midterm"], pair, full_answers(forms["midterm"]))
    db.session.commit()
    assert _by_key(due_items(pair, date(2026, 5, 1)))[("midterm", "mentor")].status == "submitted"


def test_no_items_before_agreement(db, forms, make_tandem):
    assert due_items(make_tandem(state="introduced"), date(2026, 5, 1)) == []


def test_reminders_sent_once_per_due_item(db, forms, make_tandem, outbox):
    pair = make_tandem()
    ops.submit_evaluation(pair.mentee, forms["midterm"], pair, full_answers(forms["midterm"]))
    db.session.commit()
    now = datetime(2026, 5, 1, 6, 0, tzinfo=timezone.utc)
    assert send_reminders(now) == {"checked": 1, "mails": 1}  # the mentor's mid-term only
    db.session.commit()
    assert send_reminders(now) == {"checked": 1, "mails": 0}
    mails = outbox()
    assert len(mails) == 1 and mails[0]["To"] == pair.mentor.email
    assert f"/evaluations/pairs/{pair.id}/midterm" in mails[0].get_content()
    assert db.session.scalar(db.select(db.func.count(ReminderLog.id)).where(ReminderLog.kind == "evaluation")) == 1


def test_failing_commit_sends_no_due_mail(db, forms, make_tandem, outbox):
    pair = make_tandem()
    assert send_reminders(datetime(2026, 5, 1, 6, 0, tzinfo=timezone.utc))["mails"] == 2
    db.session.add(Person(first_name="Dup", last_name="Licate", email=pair.mentor.email))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.commit()
    assert outbox() == [] and db.session.scalar(db.select(db.func.count(ReminderLog.id))) == 0


def test_cli_remind(app, db, forms, make_tandem):
    make_tandem()
    result = app.test_cli_runner().invoke(args=["evaluations", "remind", "--now", "2026-08-01T06:00:00"])
    assert result.exit_code == 0, result.output
    assert "6 mails sent" in result.output  # mid-term ×2, final ×2, mutual ×2


def test_cli_load_forms_is_idempotent(app, db):
    runner = app.test_cli_runner()
    assert "6 added" in runner.invoke(args=["evaluations", "load-forms"]).output
    assert "0 added" in runner.invoke(args=["evaluations", "load-forms"]).output


def test_extension_moves_the_due_dates(db, forms, make_tandem):
    from bridge.modules.agreements.operations import agreement as ops
    from bridge.modules.agreements.util import SECTIONS

    pair = make_tandem(state="agreed")
    agreement = ops.start_agreement(pair.mentee, pair, "en")
    terms = {"start_on": date(2026, 2, 1), "duration_months": 6, "meeting_rhythm": ""}
    for months in (6, 8):
        ops.save_version(pair.mentee, agreement, {key: "x" for key in SECTIONS} | terms | {"duration_months": months})
        for person in (pair.mentee, pair.mentor):
            ops.sign(person, agreement, agreement.latest.number, person.full_name, True)
        finals = {item.due_on for item in due_items(pair, date(2026, 3, 1)) if item.form.type == "final"}
        assert finals == {add_months(date(2026, 2, 1), months)}
