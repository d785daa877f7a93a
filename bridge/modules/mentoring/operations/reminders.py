"""Reminders for tandems without sessions: the pair after N days, the coordinators after M, once per gap."""
from datetime import date, datetime

from flask import current_app

from bridge.core.db import db
from bridge.core.effects import after_commit
from bridge.core.errors import N_
from bridge.core.mail import send_mail
from bridge.core.roles import Role
from bridge.core.urls import external_url
from bridge.modules.mentoring.models import MentoringSession, ReminderLog
from bridge.modules.pairing.models import Pair, PairState
from bridge.modules.people.models import Person, PersonRole

WATCHED = (PairState.INTRODUCED.value, PairState.AGREED.value, PairState.ACTIVE.value)


def gap_start(pair: Pair) -> date:
    """Return the date since which the tandem has logged no session (last meeting, else its introduction)."""
    last = db.session.scalar(db.select(db.func.max(MentoringSession.held_on))
                             .where(MentoringSession.pair_id == pair.id))
    if last is not None:
        return last
    introduced = [t.created_at for t in pair.transitions if t.to_state == PairState.INTRODUCED.value]
    return (introduced[-1] if introduced else pair.created_at).date()


def already_reminded(pair_id: int, kind: str, audience: str, subject: str = "",
                     anchor_date: date | None = None) -> bool:
    """Return whether this reminder was sent for the tandem (for any anchor date when none is given)."""
    query = db.select(ReminderLog.id).where(ReminderLog.pair_id == pair_id, ReminderLog.kind == kind,
                                            ReminderLog.audience == audience, ReminderLog.subject == subject)
    if anchor_date is not None:
        query = query.where(ReminderLog.anchor_date == anchor_date)
    return db.session.scalar(query.limit(1)) is not None


def log_reminder(pair_id: int, kind: str, audience: str, anchor_date: date, sent_at: datetime, **extra) -> None:
    """Record a sent reminder (extra: subject, person_id) so that it is not sent again."""
    db.session.add(ReminderLog(pair_id=pair_id, kind=kind, audience=audience, anchor_date=anchor_date,
                               sent_at=sent_at, **extra))
    db.session.flush()


def coordinators() -> list[Person]:
    """Return every coordinator who is not archived."""
    return db.session.scalars(db.select(Person).where(
        Person.archived_at.is_(None), Person.role_links.any(PersonRole.role == Role.COORDINATOR.value))).all()


def mail_reminder(person_id: int, pair_id: int, audience: str, days: int) -> None:
    """Mail one person about the tandem's gap without sessions (an after-commit effect)."""
    person, pair = db.session.get(Person, person_id), db.session.get(Pair, pair_id)
    template = "mail/reminder_pair.txt" if audience == "pair" else "mail/reminder_coordinator.txt"
    subject = N_("Time for your next mentoring session") if audience == "pair" else \
        N_("A tandem has logged no session for a while")
    send_mail(person, subject, template, person=person, pair=pair, days=days,
              link=external_url(f"/pairs/{pair.id}/"))


def _remind(pair: Pair, audience: str, start: date, days: int, now: datetime) -> int:
    recipients = (pair.mentor, pair.mentee) if audience == "pair" else coordinators()
    for person in recipients:
        after_commit(mail_reminder, person.id, pair.id, audience, days)
    log_reminder(pair.id, "sessions", audience, start, now)
    return len(recipients)


def send_reminders(now: datetime) -> dict:
    """Mail tandems (and coordinators) about gaps without sessions after the commit; return counts."""
    config = current_app.config
    thresholds = (("pair", config["REMINDER_PAIR_DAYS"]), ("coordinator", config["REMINDER_COORDINATOR_DAYS"]))
    counts = {"checked": 0, "pairs": 0, "coordinators": 0, "mails": 0}
    pairs = db.session.scalars(db.select(Pair).where(Pair.state.in_(WATCHED)).order_by(Pair.id)).all()
    for pair in pairs:
        counts["checked"] += 1
        start = gap_start(pair)
        days = (now.date() - start).days
        for audience, limit in thresholds:
            if days >= limit and not already_reminded(pair.id, "sessions", audience, anchor_date=start):
                counts["mails"] += _remind(pair, audience, start, days, now)
                counts["pairs" if audience == "pair" else "coordinators"] += 1
    return counts
