"""Outside effects run after a successful commit only: never on rollback, never when the commit fails."""
import pytest
from sqlalchemy.exc import IntegrityError

from bridge.core.effects import after_commit, pending_effects, set_runner
from bridge.core.mail import send_mail


def _record(calls, *args):
    calls.append(args)


def test_effect_runs_after_commit(db):
    calls = []
    after_commit(_record, calls, "mail")
    assert calls == []
    db.session.commit()
    assert calls == [("mail",)]
    db.session.commit()
    assert calls == [("mail",)], "an effect runs once"


def test_effect_dropped_on_rollback(db):
    calls = []
    after_commit(_record, calls, "mail")
    db.session.rollback()
    db.session.commit()
    assert calls == []


def test_failing_commit_sends_no_mail_and_calls_no_moodle(db, make_person, outbox):
    existing = make_person()
    moodle_calls = []
    from bridge.modules.people.models import Person

    db.session.add(Person(first_name="Dup", last_name="Licate", email=existing.email))
    after_commit(send_mail, "someone@example.org", "Hello", "mail/invite.txt", person=existing, link="x")
    after_commit(_record, moodle_calls, "core_group_create_groups")
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert pending_effects(db.session()) == []
    db.session.commit()
    assert outbox() == [] and moodle_calls == []


def test_failing_effect_keeps_the_committed_data(db, make_person, caplog):
    person = make_person()

    def broken():
        raise RuntimeError("Moodle is down")

    person.department = "Ausländerbehörde"
    after_commit(broken)
    db.session.commit()
    db.session.expire_all()
    assert person.department == "Ausländerbehörde"
    assert "Moodle is down" in caplog.text


def test_runner_can_be_replaced_by_a_queue(app, db):
    queued = []
    set_runner(app, queued.append)
    after_commit(_record, [], "x")
    db.session.commit()
    assert [effect.name for effect in queued] == [f"{__name__}._record"]


def test_stored_file_removed_on_rollback_kept_on_commit(app, db):
    from pathlib import Path

    from bridge.core import uploads

    kept = uploads.store(b"kept", "tests")
    db.session.commit()
    dropped = uploads.store(b"dropped", "tests")
    db.session.rollback()
    root = Path(app.config["STORAGE_DIR"])
    assert (root / kept).exists() and not (root / dropped).exists()
