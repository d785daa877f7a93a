"""When a tandem's evaluations are due, and the daily reminders for those not yet submitted.

Due dates count from the agreed start date for the agreed number of months of the agreement in force (an
extension both sign moves them); without one, from the pair's start plus EVALUATION_DURATION_MONTHS (default 6):
mid-term halfway, final and mutual at the end, or on the day the tandem ended if that came first.
"""
from datetime import date
from typing import NamedTuple

from flask_babel import get_locale, gettext

from bridge.core import cache
from bridge.core.dates import add_months
from bridge.core.db import db
from bridge.core.effects import after_commit
from bridge.core.errors import N_
from bridge.core.mail import send_mail
from bridge.core.urls import external_url
from bridge.modules.agreements.operations.period import evaluation_period
from bridge.modules.evaluation.operations.definitions import all_latest, ensure_forms
from bridge.modules.evaluation.models import EvaluationForm, EvaluationResponse
from bridge.modules.evaluation.util import DUE_FRACTION, ROLE_LABELS
from bridge.modules.mentoring.operations.reminders import already_reminded, log_reminder
from bridge.modules.pairing.models import FINAL_STATES, Pair, PairState
from bridge.modules.pairing.operations.lifecycle import pair_fact
from bridge.modules.people.models import Person

EVALUATED_STATES = (PairState.AGREED.value, PairState.ACTIVE.value, PairState.COMPLETED.value,
                    PairState.ENDED_EARLY.value)


class DueItem(NamedTuple):
    """One form one member of a tandem should fill in, with its due date and status."""

    form: EvaluationForm
    role: str
    person_id: int
    due_on: date | None
    response: EvaluationResponse | None
    status: str


def pair_forms() -> list[EvaluationForm]:
    """Return the newest version of each form tandem members fill in (mid-term, final, mutual); read once per
    transaction (a page asks for each of a person's tandems)."""
    def read() -> list[EvaluationForm]:
        ensure_forms()
        return [form for form in all_latest() if form.type in DUE_FRACTION]

    return list(cache.per_transaction("pair_forms", read))


def _due_on(pair: Pair, form: EvaluationForm, period: tuple[date | None, int]) -> date | None:
    start, months = period
    if start is None:
        return None
    due = add_months(start, months * DUE_FRACTION[form.type])
    if pair.state in FINAL_STATES and pair.ended_at is not None:
        due = min(due, pair.ended_at.date())
    return due


def _roles(form: EvaluationForm, pair: Pair) -> list[tuple[str, int]]:
    members = [("mentor", pair.mentor_id), ("mentee", pair.mentee_id)]
    return [(role, pid) for role, pid in members if form.audience in (role, "both")]


def due_items(pair: Pair, today: date) -> list[DueItem]:
    """Return every evaluation the tandem's members owe, with due date and status."""
    if pair.state not in EVALUATED_STATES:
        return []
    period = evaluation_period(pair)
    responses = {(r.form_key, r.respondent_id): r for r in db.session.scalars(
        db.select(EvaluationResponse).where(EvaluationResponse.pair_id == pair.id))}
    items = []
    for form in pair_forms():
        due = _due_on(pair, form, period)
        for role, person_id in _roles(form, pair):
            response = responses.get((form.key, person_id))
            status = "submitted" if response else ("due" if due and due <= today else "upcoming")
            items.append(DueItem(form, role, person_id, due, response, status))
    return items


def mail_due(person_id: int, pair_id: int, form_id: int, due_on: date | None) -> None:
    """Mail a tandem member that an evaluation is due (an after-commit effect)."""
    person, form = db.session.get(Person, person_id), db.session.get(EvaluationForm, form_id)
    link = external_url(f"/evaluations/pairs/{pair_id}/{form.key}")
    send_mail(person, N_("An evaluation of your tandem is due"), "mail/evaluation_due.txt",
              person=person, title=form.title(person.preferred_locale or "en"), due_on=due_on, link=link)


def _remind(pair: Pair, item: DueItem, now) -> None:
    after_commit(mail_due, item.person_id, pair.id, item.form.id, item.due_on)
    log_reminder(pair.id, "evaluation", item.role, item.due_on, now, subject=item.form.key,
                 person_id=item.person_id)


def send_reminders(now) -> dict:
    """Mail members whose evaluations are due and unsubmitted (once per form, after the commit); return counts."""
    counts = {"checked": 0, "mails": 0}
    pairs = db.session.scalars(db.select(Pair).where(Pair.state.in_(EVALUATED_STATES)).order_by(Pair.id)).all()
    for pair in pairs:
        counts["checked"] += 1
        for item in due_items(pair, now.date()):
            if item.status == "due" and not already_reminded(pair.id, "evaluation", item.role, item.form.key):
                _remind(pair, item, now)
                counts["mails"] += 1
    return counts


@pair_fact("missing_finals")
def missing_finals(pair: Pair) -> list[str]:
    """Return the titles of the final evaluations the tandem's members have not submitted yet."""
    locale = str(get_locale())
    return [f"{item.form.title(locale)} ({gettext(ROLE_LABELS[item.role])})" for item in due_items(pair, date.today())
            if item.form.type == "final" and item.response is None]
