"""Reminders for tandems without sessions: the pair after N days, the coordinators after M, once per gap."""
from datetime import date, datetime

from flask import current_app

from bridge.core.db import db
from bridge.core.errors import N_
from bridge.core.mail import send_mail
from bridge.core.roles import Role
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


def _already_sent(pair: Pair, audience: str, start: date) -> bool:
    return db.session.scalar(db.select(ReminderLog.id).where(
        ReminderLog.pair_id == pair.id, ReminderLog.audience == audience, ReminderLog.gap_start == start)) is not None


def _coordinators() -> list[Person]:
    return db.session.scalars(db.select(Person).where(
        Person.archived_at.is_(None), Person.role_links.any(PersonRole.role == Role.COORDINATOR.value))).all()


def _link(pair: Pair) -> str:
    return f"{current_app.config['BASE_URL']}/pairs/{pair.id}/"


def _remind(pair: Pair, audience: str, start: date, days: int, now: datetime) -> int:
    recipients = (pair.mentor, pair.mentee) if audience == "pair" else _coordinators()
    template = "mail/reminder_pair.txt" if audience == "pair" else "mail/reminder_coordinator.txt"
    subject = N_("Time for your next mentoring session") if audience == "pair" else \
        N_("A tandem has logged no session for a while")
    for person in recipients:
        send_mail(person, subject, template, person=person, pair=pair, days=days, link=_link(pair))
    db.session.add(ReminderLog(pair_id=pair.id, audience=audience, gap_start=start, sent_at=now))
    db.session.flush()
    return len(recipients)


def send_reminders(now: datetime) -> dict:
    """Mail tandems (and coordinators) about gaps without sessions; return counts of checked, reminded, mails."""
    thresholds = (("pair", current_app.config["REMINDER_PAIR_DAYS"]), ("coordinator", current_app.config["REMINDER_COORDINATOR_DAYS"]))
    counts = {"checked": 0, "pairs": 0, "coordinators": 0, "mails": 0}
    pairs = db.session.scalars(db.select(Pair).where(Pair.state.in_(WATCHED)).order_by(Pair.id)).all()
    for pair in pairs:
        counts["checked"] += 1
        start = gap_start(pair)
        days = (now.date() - start).days
        for audience, limit in thresholds:
            if days >= limit and not _already_sent(pair, audience, start):
                counts["mails"] += _remind(pair, audience, start, days, now)
                counts["pairs" if audience == "pair" else "coordinators"] += 1
    return counts
