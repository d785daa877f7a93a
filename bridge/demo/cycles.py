"""Demo cycles: a closed cycle 2025 with its stored report, the current cycle, and a department head's login.

Called by `qser demo` after the organisation is loaded. The closed cycle gets completed tandems of
its own (sessions and final evaluations included) between the demo's mentors and mentees, and is
closed by the real operation, so its report is the one the product stores. Complaint figures per
quarter show the programme's aim of fewer complaints.
"""
from datetime import date, datetime, timedelta, timezone

from bridge.core.db import db
from bridge.modules.accounts.operations import authenticate_quietly, set_password
from bridge.modules.cycles.models import ComplaintFigure, Cycle, CycleState
from bridge.modules.cycles.operations.cycles import close_cycle, current_cycle
from bridge.modules.evaluation.operations.definitions import load_forms
from bridge.modules.evaluation.models import EvaluationAnswer, EvaluationForm, EvaluationResponse
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.pairing.models import Pair, PairState, PairTransition
from bridge.modules.people.models import Person, PersonRole
from bridge.modules.people.operations import create_person, find_by_email

PAST = ("2025", date(2025, 1, 1), date(2025, 12, 31))
NEXT = ("2026", date(2026, 1, 1), date(2026, 12, 31))
HEAD = ("Ursula", "Brandt", "Dezernat Soziales (Head of social affairs)")
HEAD_EMAIL = "ursula.brandt@lindenau.example"
TANDEMS = 8  # completed in 2025: enough for the report's totals (groups under five stay hidden)
COMPLAINTS = [(date(2025, 1, 1), date(2025, 3, 31), 14), (date(2025, 4, 1), date(2025, 6, 30), 12),
              (date(2025, 7, 1), date(2025, 9, 30), 9), (date(2025, 10, 1), date(2025, 12, 31), 8),
              (date(2026, 1, 1), date(2026, 3, 31), 7)]


def existing_logins(password: str) -> list[tuple[str, str]]:
    """Return (role, email) of the department head's demo login, if present."""
    return [("management", HEAD_EMAIL)] if authenticate_quietly(HEAD_EMAIL, password) else []


def _people_with(role: str) -> list[Person]:
    query = (db.select(Person).join(PersonRole).where(PersonRole.role == role, Person.archived_at.is_(None))
             .order_by(Person.id))
    return [p for p in db.session.scalars(query) if role != "mentor" or not p.has_role("external")]


def _head(password: str) -> None:
    if find_by_email(HEAD_EMAIL) is None:
        first, last, department = HEAD
        person = create_person(None, {"first_name": first, "last_name": last, "email": HEAD_EMAIL,
                                      "department": department, "languages": ["de", "en"],
                                      "roles": ["management"]})
        set_password(person, password)


def _final_form() -> EvaluationForm | None:
    """Return the latest final evaluation form, loading the shipped forms first if none is there."""
    query = db.select(EvaluationForm).where(EvaluationForm.type == "final").order_by(EvaluationForm.version.desc())
    if db.session.scalar(query) is None:
        load_forms()
    return db.session.scalar(db.select(EvaluationForm).where(EvaluationForm.type == "final")
                             .order_by(EvaluationForm.version.desc()))


def _past_tandems(coordinator: Person) -> None:
    """Completed tandems of 2025, each with sessions and (if the forms are loaded) a final evaluation by the mentee."""
    mentors, mentees = _people_with("mentor"), _people_with("mentee")
    form = _final_form()
    likert = [item for item in (form.items if form else []) if item.get("kind") == "likert"]
    for index, (mentor, mentee) in enumerate(list(zip(mentors, mentees))[:TANDEMS]):
        start = datetime(2025, 2, 3 + index, 9, 0, tzinfo=timezone.utc)
        end = start + timedelta(days=150 + 7 * index)
        pair = Pair(mentor_id=mentor.id, mentee_id=mentee.id, state=PairState.COMPLETED.value, source="manual",
                    created_by_id=coordinator.id, started_at=start, ended_at=end,
                    created_at=start - timedelta(days=7))  # recorded a week before it began, not on the demo's day
        pair.transitions.append(PairTransition(from_state=None, to_state=PairState.ACTIVE.value, created_at=start))
        pair.transitions.append(PairTransition(from_state=PairState.ACTIVE.value, to_state=PairState.COMPLETED.value,
                                               created_at=end))
        db.session.add(pair)
        db.session.flush()
        for month in range(4 + index % 3):
            db.session.add(MentoringSession(pair_id=pair.id, author_id=mentor.id, duration_minutes=60,
                                            mode="onsite", held_on=(start + timedelta(days=30 * month)).date()))
        if form is not None and likert:
            response = EvaluationResponse(form_id=form.id, form_key=form.key, form_version=form.version,
                                          pair_id=pair.id, respondent_id=mentee.id, role="mentee", submitted_at=end)
            for number, item in enumerate(likert):
                response.answers.append(EvaluationAnswer(item_key=item["key"], aspect=item.get("aspect", "f"),
                                                         value=3 + (index + number) % 3))
            db.session.add(response)


def load(password: str) -> None:
    """Add the closed cycle 2025 with its report, make 2026 (or the cycle already current) current, add the head."""
    _head(password)
    if db.session.scalar(db.select(Cycle.id).where(Cycle.name == PAST[0])) is not None:
        db.session.commit()
        return
    coordinator = next(iter(_people_with("coordinator")), None)
    if coordinator is None:
        raise RuntimeError("The demo cycles need the demo coordinator; load the organisation first.")
    following = current_cycle()
    if following is None:
        following = Cycle(name=NEXT[0], starts_on=NEXT[1], ends_on=NEXT[2], state=CycleState.PLANNED.value)
        db.session.add(following)
    following.state = CycleState.PLANNED.value  # for a moment: 2025 is the current cycle while it is filled
    db.session.flush()
    past = Cycle(name=PAST[0], starts_on=PAST[1], ends_on=PAST[2], state=CycleState.CURRENT.value)
    db.session.add(past)
    db.session.flush()
    _past_tandems(coordinator)
    for start, end, count in COMPLAINTS:
        db.session.add(ComplaintFigure(period_start=start, period_end=end, count=count,
                                       note="Beschwerdemanagement (complaints office)",
                                       entered_by_id=coordinator.id))
    db.session.flush()
    close_cycle(coordinator, past, following, move_open_tandems=True)
    db.session.commit()
