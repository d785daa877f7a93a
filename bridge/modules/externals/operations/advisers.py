"""External professionals who advise a tandem: they join the tandem's Moodle group (after the commit)."""
from flask_babel import gettext
from sqlalchemy.orm import aliased, joinedload

from bridge.core import audit
from bridge.core.auth import is_coordinator
from bridge.core.db import db
from bridge.core.errors import N_, Conflict, PermissionDenied, ValidationFailed
from bridge.core.ids import in_range
from bridge.core.roles import Role
from bridge.modules.externals.models import TandemAdviser
from bridge.modules.pairing.models import CONFIRMED_STATES, FINAL_STATES, Pair
from bridge.modules.people.models import Person, PersonRole, full_name
from sync import forums


def _require_coordinator(actor) -> None:
    if not is_coordinator(actor):
        raise PermissionDenied(N_("Only coordinators can change who advises a tandem."))


def advisable_tandems() -> list[tuple[int, str]]:
    """Return (id, "mentor – mentee") of the confirmed tandems that are still running (they may get an adviser), in
    one query of names rather than tandem entities (a large programme runs thousands)."""
    states = sorted(CONFIRMED_STATES - FINAL_STATES)
    mentor, mentee = aliased(Person), aliased(Person)
    rows = db.session.execute(
        db.select(Pair.id, mentor.first_name, mentor.last_name, mentee.first_name, mentee.last_name)
        .join(mentor, Pair.mentor_id == mentor.id).join(mentee, Pair.mentee_id == mentee.id)
        .where(Pair.state.in_(states)).order_by(Pair.id))
    return [(pair_id, f"{full_name(m_first, m_last)} – {full_name(e_first, e_last)}")
            for pair_id, m_first, m_last, e_first, e_last in rows]


def external_people() -> list[Person]:
    """Return the active external professionals, by name (one query, however many people the programme has)."""
    return list(db.session.scalars(db.select(Person).where(
        Person.archived_at.is_(None), Person.role_links.any(PersonRole.role == Role.EXTERNAL.value))
        .order_by(Person.last_name, Person.first_name, Person.id)))


def advisers() -> list[TandemAdviser]:
    """Return every adviser of a tandem, newest first."""
    return list(db.session.scalars(db.select(TandemAdviser).order_by(TandemAdviser.added_at.desc(),
                                                                     TandemAdviser.pair_id)
                                   .options(joinedload(TandemAdviser.person),
                                            joinedload(TandemAdviser.pair).joinedload(Pair.mentor),
                                            joinedload(TandemAdviser.pair).joinedload(Pair.mentee))))


def _load(model, raw):
    """Return the row with the id given as text, or None for anything that is not an id in range."""
    text = str(raw or "").strip()
    return db.session.get(model, int(text)) if text.isdecimal() and in_range(int(text)) else None


def _key(pair_id: int, person_id: int) -> str:
    return f"adviser:{pair_id}:{person_id}"


def add_adviser(actor, pair_id, person_id) -> TandemAdviser:
    """Let an external professional advise a confirmed, running tandem; they join its Moodle group."""
    _require_coordinator(actor)
    pair, person = _load(Pair, pair_id), _load(Person, person_id)
    if pair is None:
        raise ValidationFailed(N_("Choose a tandem."), field="pair_id")
    if person is None or not person.is_active or not person.has_role(Role.EXTERNAL):
        raise ValidationFailed(N_("Choose an active external professional."), field="person_id")
    if pair.state not in CONFIRMED_STATES or pair.state in FINAL_STATES:
        raise Conflict(N_("Only a confirmed tandem that is still running can get an adviser."), field="pair_id")
    if pair.has_member(person):
        raise Conflict(N_("This person is a member of the tandem already."), field="person_id")
    if db.session.get(TandemAdviser, (pair.id, person.id)) is not None:
        raise Conflict(N_("This person advises the tandem already."), field="person_id")
    adviser = TandemAdviser(pair_id=pair.id, person_id=person.id, added_by_id=actor.id)
    db.session.add(adviser)
    db.session.flush()
    if forums.moodle_configured():
        old = db.session.scalar(db.select(forums.ForumTask).where(forums.ForumTask.key == _key(pair.id, person.id)))
        if old is not None:  # advised before, removed, and added again
            db.session.delete(old)
            db.session.flush()
        forums.queue(forums.TaskKind.ADVISER, _key(pair.id, person.id), pair_id=pair.id, person_id=person.id,
                     subject=gettext("%(name)s joins the Moodle group of tandem %(pair)s",
                                     name=person.full_name, pair=pair.id))
    audit.record(actor, "externals.adviser_added", pair, person.full_name, person_id=person.id)
    return adviser


def remove_adviser(actor, adviser: TandemAdviser) -> None:
    """End an adviser's role for a tandem; they leave the tandem's Moodle group after the commit."""
    _require_coordinator(actor)
    task = db.session.scalar(db.select(forums.ForumTask).where(
        forums.ForumTask.key == _key(adviser.pair_id, adviser.person_id)))
    if task is not None and task.state == forums.TaskState.DONE.value and task.moodle_id:
        forums.queue(forums.TaskKind.ADVISER_LEAVE, f"adviser-leave:{task.id}", pair_id=adviser.pair_id,
                     person_id=adviser.person_id,
                     subject=gettext("%(name)s leaves the Moodle group of tandem %(pair)s",
                                     name=adviser.person.full_name, pair=adviser.pair_id))
    elif task is not None:  # never reached Moodle: nothing to undo there
        db.session.delete(task)
    audit.record(actor, "externals.adviser_removed", adviser.pair, adviser.person.full_name,
                 person_id=adviser.person_id)
    db.session.delete(adviser)
    db.session.flush()


def remove_person_from_tandems(person: Person) -> int:
    """Remove a person from every tandem they advise (withdrawal of consent); return how many."""
    rows = list(db.session.scalars(db.select(TandemAdviser).where(TandemAdviser.person_id == person.id)))
    for row in rows:
        task = db.session.scalar(db.select(forums.ForumTask).where(
            forums.ForumTask.key == _key(row.pair_id, person.id)))
        if task is not None and task.state == forums.TaskState.DONE.value and task.moodle_id:
            forums.queue(forums.TaskKind.ADVISER_LEAVE, f"adviser-leave:{task.id}", pair_id=row.pair_id,
                         person_id=person.id, subject=f"adviser {person.id} leaves tandem {row.pair_id}")
        db.session.delete(row)
    db.session.flush()
    return len(rows)
