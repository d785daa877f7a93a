"""The rows of the evaluation export: responses × items, pairs, sessions and a summary, with filters."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy.orm import aliased

from bridge.core.db import db
from bridge.modules.evaluation.operations import export_columns as cols
from bridge.core.spreadsheets import Sheet
from bridge.modules.evaluation.models import ASPECTS, EvaluationAnswer, EvaluationForm, EvaluationResponse
from bridge.modules.evaluation.operations.summary import summary_rows
from bridge.modules.evaluation.util import anonymous_condition
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.pairing.models import Pair
from bridge.modules.people.models import Person

BATCH = 5000
ANONYMOUS_SCOPE = "(anonymous forms)"  # the Summary's scope for answers that are never split by department


@dataclass(frozen=True)
class ExportFilter:
    """What to export: a period of submission, a department, a form, a pair state; with or without names."""

    date_from: date | None = None
    date_to: date | None = None
    department: str | None = None
    form_key: str | None = None
    state: str | None = None
    anonymous: bool = False


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def _answers_query(f: ExportFilter, *columns):
    respondent = aliased(Person)
    query = (db.select(*columns) if columns else db.select())
    query = (query.select_from(EvaluationAnswer).join(EvaluationResponse)
             .outerjoin(Pair, Pair.id == EvaluationResponse.pair_id)
             .outerjoin(respondent, respondent.id == EvaluationResponse.respondent_id))
    return _filtered(query, f, respondent), respondent


def _filtered(query, f: ExportFilter, respondent):
    if f.department:  # answers to anonymous forms are never narrowed down to a department
        query = query.where(~anonymous_condition())
    if f.date_from:
        query = query.where(EvaluationResponse.submitted_at >= _moment(f.date_from))
    if f.date_to:
        query = query.where(EvaluationResponse.submitted_at < _moment(f.date_to + timedelta(days=1)))
    if f.department:
        query = query.where(respondent.department == f.department)
    if f.form_key:
        query = query.where(EvaluationResponse.form_key == f.form_key)
    if f.state:
        query = query.where(Pair.state == f.state)
    return query


def _item_texts() -> dict:
    forms = db.session.execute(db.select(EvaluationForm.id, EvaluationForm.items, EvaluationForm.type))
    return {(fid, item["key"]): (item["text_en"], ftype) for fid, items, ftype in forms for item in items}


def response_rows(f: ExportFilter):
    """Yield one row per answer (response × item), streamed in batches."""
    texts = _item_texts()
    query, respondent = _answers_query(f)
    query = query.add_columns(
        EvaluationResponse.id, EvaluationResponse.pair_id, Pair.state, EvaluationResponse.role,
        respondent.first_name, respondent.last_name, respondent.department, EvaluationResponse.form_id,
        EvaluationResponse.form_key, EvaluationResponse.form_version, EvaluationAnswer.aspect,
        EvaluationAnswer.item_key, EvaluationAnswer.value, EvaluationAnswer.text, EvaluationResponse.submitted_at,
    ).order_by(EvaluationResponse.id, EvaluationAnswer.id)
    anonymous_forms = set(db.session.scalars(db.select(EvaluationForm.id).where(
        EvaluationForm.visibility == "anonymous")))
    result = db.session.execute(query.execution_options(yield_per=BATCH))
    for (rid, pair_id, state, role, first, last, dept, form_id, key, version, aspect, item, value, text,
         submitted) in result:
        item_text, form_type = texts.get((form_id, item), ("", ""))
        if form_id in anonymous_forms:  # the form's rule: nothing that leads back to the person
            pair_id = state = dept = None
            shown = ""
        else:
            shown = f"{first or ''} {last or ''}".strip()
        name = () if f.anonymous else (shown,)
        yield (rid, pair_id, state, role, *name, dept, key, version, form_type, aspect, item, item_text,
               value, text or None, submitted)


def _pair_averages(f: ExportFilter) -> dict:
    query, _ = _answers_query(f, EvaluationResponse.pair_id, EvaluationAnswer.aspect,
                              db.func.avg(EvaluationAnswer.value))
    query = query.where(EvaluationAnswer.value.is_not(None), ~anonymous_condition()).group_by(
        EvaluationResponse.pair_id, EvaluationAnswer.aspect)
    averages: dict = {}
    for pair_id, aspect, avg in db.session.execute(query):
        averages.setdefault(pair_id, {})[aspect] = round(float(avg), 2)
    return averages


def _session_totals() -> dict:
    query = db.select(MentoringSession.pair_id, db.func.count(MentoringSession.id),
                      db.func.sum(MentoringSession.duration_minutes)).group_by(MentoringSession.pair_id)
    return {pid: (count, int(minutes or 0)) for pid, count, minutes in db.session.execute(query)}


def _pairs_query(f: ExportFilter):
    mentor, mentee = aliased(Person), aliased(Person)
    query = (db.select(Pair, mentor, mentee).join(mentor, mentor.id == Pair.mentor_id)
             .join(mentee, mentee.id == Pair.mentee_id).order_by(Pair.id))
    if f.state:
        query = query.where(Pair.state == f.state)
    if f.department:
        query = query.where((mentor.department == f.department) | (mentee.department == f.department))
    if f.date_to:
        query = query.where(Pair.created_at < _moment(f.date_to + timedelta(days=1)))
    if f.date_from:
        query = query.where(Pair.ended_at.is_(None) | (Pair.ended_at >= _moment(f.date_from)))
    return query


def pair_rows(f: ExportFilter):
    """Yield one row per pair with its state, dates, session totals and average rating per aspect."""
    averages, totals = _pair_averages(f), _session_totals()
    for pair, mentor, mentee in db.session.execute(_pairs_query(f).execution_options(yield_per=BATCH)):
        names = () if f.anonymous else (mentor.full_name, mentee.full_name)
        count, minutes = totals.get(pair.id, (0, 0))
        avg = averages.get(pair.id, {})
        yield (pair.id, *names, mentor.department, mentee.department, pair.state, pair.created_at,
               pair.started_at, pair.ended_at, count, minutes, *(avg.get(a) for a in ASPECTS))


def session_rows(f: ExportFilter):
    """Yield one row per session report (no notes: those stay private to the tandem)."""
    query = (db.select(MentoringSession, Pair.state, Pair.mentor_id).join(Pair, Pair.id == MentoringSession.pair_id)
             .order_by(MentoringSession.id))
    if f.state:
        query = query.where(Pair.state == f.state)
    if f.department:
        in_department = db.select(Person.id).where(Person.department == f.department)
        query = query.where(Pair.mentor_id.in_(in_department) | Pair.mentee_id.in_(in_department))
    if f.date_from:
        query = query.where(MentoringSession.held_on >= f.date_from)
    if f.date_to:
        query = query.where(MentoringSession.held_on <= f.date_to)
    for s, state, mentor_id in db.session.execute(query.execution_options(yield_per=BATCH)):
        role = None if s.author_id is None else ("mentor" if s.author_id == mentor_id else "mentee")
        yield (s.id, s.pair_id, state, s.held_on, s.duration_minutes, s.mode, role,
               s.author_rating, s.partner_rating, s.confirmed_at)


def distribution(f: ExportFilter) -> list[tuple]:
    """Return (department, aspect, value, count) of the filtered Likert answers."""
    query, respondent = _answers_query(f)
    named = query.add_columns(respondent.department, EvaluationAnswer.aspect, EvaluationAnswer.value,
                              db.func.count(EvaluationAnswer.id))
    named = named.where(EvaluationAnswer.value.is_not(None), ~anonymous_condition()).group_by(
        respondent.department, EvaluationAnswer.aspect, EvaluationAnswer.value)
    anonymous = query.add_columns(EvaluationAnswer.aspect, EvaluationAnswer.value, db.func.count(EvaluationAnswer.id))
    anonymous = anonymous.where(EvaluationAnswer.value.is_not(None), anonymous_condition()).group_by(
        EvaluationAnswer.aspect, EvaluationAnswer.value)
    return list(db.session.execute(named)) + [(ANONYMOUS_SCOPE, *row) for row in db.session.execute(anonymous)]


def build_sheets(f: ExportFilter) -> list[Sheet]:
    """Return the four sheets of the export for the filter."""
    names = cols.SHEET_NAMES
    return [Sheet(str(names["responses"]), cols.responses(f.anonymous), response_rows(f)),
            Sheet(str(names["pairs"]), cols.pairs(f.anonymous), pair_rows(f)),
            Sheet(str(names["sessions"]), cols.SESSIONS, session_rows(f)),
            Sheet(str(names["summary"]), cols.SUMMARY, summary_rows(distribution(f)))]
