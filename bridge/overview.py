"""The overview page as a to-do list per role: counts that link to the filtered lists, and the next step.

Every count is one COUNT query (the evaluations overdue: three queries for all tandems together), so the
page costs the same few queries whatever the size of the programme; those counts are the same for every coordinator
and kept until the next write (bridge.core.cache). A tandem member's list reads only their own current tandems (one
or two).
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from bridge.core import cache
from bridge.core.dates import add_months
from bridge.core.db import db, utcnow
from bridge.core.errors import N_
from bridge.core.i18n import fmt_date, fmt_datetime
from bridge.modules.admin import operations as sync_adapter
from bridge.modules.agreements.models import Agreement, AgreementSignature, AgreementVersion
from bridge.modules.community.models.workshops import Workshop, WorkshopParticipant
from bridge.modules.evaluation.models import EvaluationResponse
from bridge.modules.evaluation.operations.schedule import EVALUATED_STATES, due_items, pair_forms
from bridge.modules.evaluation.util import DUE_FRACTION
from bridge.modules.externals.models import ApplicationState, ExternalApplication
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.pairing.models import FINAL_STATES, MatchProposal, MatchRun, Pair, PairState
from bridge.modules.pairing.models.runs import ProposalStatus, RunStatus
from bridge.modules.pairing.operations.pairs import current_pairs_of, pair_filter
from bridge.modules.pairing.operations.profiles import profile_completeness

QUIET_STATES = (PairState.AGREED.value, PairState.ACTIVE.value)


@dataclass
class Todo:
    """One thing to do: a sentence, the link to do it, and a count when it is about several items."""

    text: str
    url: str
    count: int | None = None
    key: str = ""


@dataclass
class Overview:
    """The to-dos of one person and what to do next when there are none."""

    todos: list = field(default_factory=list)
    next_steps: list = field(default_factory=list)
    application: ExternalApplication | None = None


# --- Coordinator: counts over the whole programme -------------------------------------------------
def quiet_cutoff(today: date) -> date:
    """Return the day before which a tandem's last session makes it quiet (QSER_REMINDER_PAIR_DAYS)."""
    return today - timedelta(days=current_app.config.get("REMINDER_PAIR_DAYS", 30))


def quiet_pairs_condition(today: date):
    """Return the condition: an agreed or active tandem, started before the cutoff, with no session since."""
    cutoff = quiet_cutoff(today)
    recent = db.select(MentoringSession.id).where(MentoringSession.pair_id == Pair.id,
                                                  MentoringSession.held_on >= cutoff)
    started = db.func.coalesce(Pair.started_at, Pair.created_at)
    since = datetime.combine(cutoff, time.min, tzinfo=timezone.utc)
    return db.and_(Pair.state.in_(QUIET_STATES), started < since, ~recent.exists())


def unsigned_agreements_condition():
    """Return the condition: an open tandem whose newest agreement version is not yet in force."""
    newest = (db.select(db.func.max(AgreementVersion.number))
              .where(AgreementVersion.agreement_id == Agreement.id).scalar_subquery())
    return db.and_(Pair.state.not_in(FINAL_STATES),
                   db.or_(Agreement.signed_number.is_(None), Agreement.signed_number < newest), newest.is_not(None))


def overdue_evaluation_pair_ids(today: date) -> list[int]:
    """Return the ids of tandems with an evaluation past its due date and not submitted (three queries)."""
    forms = pair_forms()
    default = current_app.config["EVALUATION_DURATION_MONTHS"]
    pairs = db.session.execute(db.select(Pair.id, Pair.state, Pair.started_at, Pair.ended_at, Pair.mentor_id,
                                         Pair.mentee_id).where(Pair.state.in_(EVALUATED_STATES))).all()
    if not pairs:
        return []
    periods = {row.pair_id: (row.start_on or (row.signed_at.date() if row.signed_at else None),
                             row.duration_months or default)
               for row in db.session.execute(
                   db.select(Agreement.pair_id, Agreement.signed_at, AgreementVersion.start_on,
                             AgreementVersion.duration_months)
                   .join(AgreementVersion, db.and_(AgreementVersion.agreement_id == Agreement.id,
                                                   AgreementVersion.number == Agreement.signed_number)))}
    submitted = set(tuple(row) for row in db.session.execute(db.select(EvaluationResponse.pair_id, EvaluationResponse.form_key,
                                                 EvaluationResponse.respondent_id)
                                       .where(EvaluationResponse.pair_id.is_not(None))))
    overdue = []
    for pair in pairs:
        start, months = periods.get(pair.id) or ((pair.started_at.date() if pair.started_at else None), default)
        if start is None:
            continue
        for form in forms:
            due = add_months(start, months * DUE_FRACTION[form.type])
            if pair.state in FINAL_STATES and pair.ended_at is not None:
                due = min(due, pair.ended_at.date())
            if due > today:
                continue
            members = [pid for role, pid in (("mentor", pair.mentor_id), ("mentee", pair.mentee_id))
                       if form.audience in (role, "both")]
            if any((pair.id, form.key, pid) not in submitted for pid in members):
                overdue.append(pair.id)
                break
    return overdue


# The tandem list's filters the coordinator's counts link to (/pairing/pairs?attention=...).
pair_filter("quiet", N_("tandems without a recent session"))(quiet_pairs_condition)
pair_filter("unsigned", N_("tandems whose agreement waits for signatures"))(
    lambda today: Pair.id.in_(db.select(Agreement.pair_id).join(Pair, Pair.id == Agreement.pair_id)
                              .where(unsigned_agreements_condition())))
pair_filter("overdue", N_("tandems with an evaluation overdue"))(
    lambda today: Pair.id.in_(overdue_evaluation_pair_ids(today)))


def _count(stmt) -> int:
    return db.session.scalar(stmt) or 0


def coordinator_counts(today: date) -> dict:
    """Return the programme-wide counts behind the coordinator's to-dos (kept until the next write, see
    bridge.core.cache: every coordinator reads the same figures)."""
    def compute() -> dict:
        draft = db.session.execute(
            db.select(MatchRun.id, db.func.count(MatchProposal.id))
            .join(MatchProposal, MatchProposal.run_id == MatchRun.id)
            .where(MatchRun.status == RunStatus.DRAFT.value, MatchProposal.status == ProposalStatus.PROPOSED.value)
            .group_by(MatchRun.id).order_by(MatchRun.id.desc()).limit(1)).first()
        return {
            "applications": _count(db.select(db.func.count(ExternalApplication.id))
                                   .where(ExternalApplication.state == ApplicationState.SUBMITTED.value)),
            "draft_run": tuple(draft) if draft else None,
            "quiet": _count(db.select(db.func.count(Pair.id)).where(quiet_pairs_condition(today))),
            "unsigned": _count(db.select(db.func.count(Pair.id)).join(Agreement, Agreement.pair_id == Pair.id)
                               .where(unsigned_agreements_condition())),
            "overdue": len(overdue_evaluation_pair_ids(today)),
            "failed_sync": sync_adapter.failed_runs_since_last_success(),
        }

    return cache.remember(("coordinator-counts", today, current_app.config.get("REMINDER_PAIR_DAYS", 30)), compute)


def coordinator_todos(today: date) -> list[Todo]:
    """Return the coordinator's to-dos with counts (zero counts are left out)."""
    counts = coordinator_counts(today)
    todos = []
    waiting = counts["applications"]
    if waiting:
        todos.append(Todo(ngettext("%(num)d application waiting for your review",
                                   "%(num)d applications waiting for your review", waiting),
                          url_for("externals.queue", state=ApplicationState.SUBMITTED.value), waiting, "applications"))
    draft = counts["draft_run"]
    if draft:
        todos.append(Todo(ngettext("%(num)d tandem proposal to review", "%(num)d tandem proposals to review",
                                   draft[1]),
                          url_for("pairing.run", run_id=draft[0]), draft[1], "proposals"))
    quiet = counts["quiet"]
    if quiet:
        days = current_app.config.get("REMINDER_PAIR_DAYS", 30)
        todos.append(Todo(ngettext("%(num)d tandem without a session for %(days)d days",
                                   "%(num)d tandems without a session for %(days)d days", quiet, days=days),
                          url_for("pairing.pairs", attention="quiet"), quiet, "quiet"))
    unsigned = counts["unsigned"]
    if unsigned:
        todos.append(Todo(ngettext("%(num)d agreement waiting for signatures",
                                   "%(num)d agreements waiting for signatures", unsigned),
                          url_for("pairing.pairs", attention="unsigned"), unsigned, "unsigned"))
    overdue = counts["overdue"]
    if overdue:
        todos.append(Todo(ngettext("%(num)d tandem with an evaluation overdue",
                                   "%(num)d tandems with evaluations overdue", overdue),
                          url_for("pairing.pairs", attention="overdue"), overdue, "overdue"))
    failed = counts["failed_sync"]
    if failed:
        todos.append(Todo(ngettext("%(num)d failed Moodle sync run", "%(num)d failed Moodle sync runs", failed),
                          url_for("admin.sync_runs", status="failed"), failed, "sync"))
    return todos


# --- Tandem members: their own current tandems --------------------------------------------------
def member_todos(person, today: date) -> list[Todo]:
    """Return what a mentor or mentee has to do in their current tandems."""
    todos = []
    pairs = [p for p in current_pairs_of(person) if p.state != PairState.PROPOSED.value]
    ids = [p.id for p in pairs]
    if not ids:
        return todos
    signed_by_me = set(db.session.scalars(
        db.select(AgreementVersion.id).join(AgreementSignature, AgreementSignature.version_id == AgreementVersion.id)
        .join(Agreement, Agreement.id == AgreementVersion.agreement_id)
        .where(Agreement.pair_id.in_(ids), AgreementSignature.person_id == person.id)))
    agreements = {a.pair_id: a for a in db.session.scalars(db.select(Agreement).where(Agreement.pair_id.in_(ids)))}
    unconfirmed = dict(tuple(row) for row in db.session.execute(
        db.select(MentoringSession.pair_id, db.func.count(MentoringSession.id))
        .where(MentoringSession.pair_id.in_(ids), MentoringSession.confirmed_at.is_(None),
               MentoringSession.author_id != person.id).group_by(MentoringSession.pair_id)))
    for pair in pairs:
        partner = pair.partner_of(person).full_name
        agreement = agreements.get(pair.id)
        latest = agreement.latest if agreement else None
        if latest is not None and latest.number != agreement.signed_number and latest.id not in signed_by_me:
            todos.append(Todo(_l("Sign the agreement with %(name)s", name=partner),
                              url_for("agreements.agreement", pair_id=pair.id), key="sign"))
        if unconfirmed.get(pair.id):
            count = unconfirmed[pair.id]
            todos.append(Todo(ngettext("Confirm %(num)d session report of %(name)s",
                                       "Confirm %(num)d session reports of %(name)s", count, name=partner),
                              url_for("mentoring.sessions", pair_id=pair.id), count, "confirm"))
        for item in due_items(pair, today):
            if item.person_id == person.id and item.status == "due":
                todos.append(Todo(_l("Fill in the evaluation “%(title)s” (due %(date)s)",
                                     title=item.form.title(_locale()), date=fmt_date(item.due_on)),
                                  url_for("evaluation.fill", pair_id=pair.id, form_key=item.form.key), key="evaluation"))
    return todos


def member_next_steps(person, today: date) -> list[Todo]:
    """Return the next step of the mentoring cycle for a mentor or mentee."""
    steps = []
    percent, _missing = profile_completeness(person)
    if percent < 100:
        steps.append(Todo(_l("Complete your mentoring profile (%(percent)d%% done)", percent=percent),
                          url_for("pairing.profile"), key="profile"))
    pairs = [p for p in current_pairs_of(person) if p.state != PairState.PROPOSED.value]
    if not pairs:
        steps.append(Todo(_l("Wait for your coordinator to introduce you to your tandem partner; meanwhile "
                             "take the training or read the good practices."),
                          url_for("training.catalogue"), key="wait"))
    for pair in pairs:
        text = {
            PairState.INTRODUCED.value: _l("Meet your partner and write your agreement together"),
            PairState.AGREED.value: _l("Hold your first session and record it"),
            PairState.ACTIVE.value: _l("Record your next session"),
        }.get(pair.state)
        if text:
            endpoint = "agreements.agreement" if pair.state == PairState.INTRODUCED.value else "mentoring.sessions"
            steps.append(Todo(text, url_for(endpoint, pair_id=pair.id), key="cycle"))
    return steps


def upcoming_workshops(person, now: datetime, limit: int = 3) -> list[Todo]:
    """Return the next workshops and webinars the person is invited to (one query)."""
    rows = db.session.scalars(
        db.select(Workshop).join(WorkshopParticipant, WorkshopParticipant.workshop_id == Workshop.id)
        .where(WorkshopParticipant.person_id == person.id, Workshop.starts_at >= now)
        .order_by(Workshop.starts_at, Workshop.id).limit(limit))
    steps = []
    for workshop in rows:
        when = fmt_datetime(workshop.starts_at)
        text = (_l("Webinar “%(title)s” on %(date)s: join online", title=workshop.title, date=when)
                if workshop.kind == "webinar" else
                _l("Workshop “%(title)s” on %(date)s", title=workshop.title, date=when))
        steps.append(Todo(text, url_for("community.workshop", workshop_id=workshop.id), key="workshop"))
    return steps


def _locale() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "en")


def build(person, today: date | None = None) -> Overview:
    """Return the overview of one person, by their roles."""
    today = today or utcnow().date()
    roles = person.role_names
    out = Overview()
    if "coordinator" in roles:
        out.todos += coordinator_todos(today)
    if roles & {"mentor", "mentee"}:
        out.todos += member_todos(person, today)
        out.next_steps += member_next_steps(person, today)
    out.next_steps += upcoming_workshops(person, utcnow())
    if "external" in roles:
        out.application = db.session.scalar(
            db.select(ExternalApplication).where(ExternalApplication.person_id == person.id)
            .order_by(ExternalApplication.id.desc()).limit(1))
    return out
