"""Mentor eligibility (three OER modules done, or an exemption) and the internal procedures checklist."""
from typing import NamedTuple

from bridge.core import audit
from bridge.core.db import db, utcnow
from bridge.core.errors import N_, ValidationFailed
from bridge.modules.pairing.models import ProcedureCategory, ProcedureItem
from bridge.modules.people.models import Person
from bridge.modules.training.models import OER_MODULES, TrainingExemption, TrainingRecord
from bridge.modules.training.util import module_passed, trained_people

MAX_REASON = 2000
MAX_TITLE = 200


class Eligibility(NamedTuple):
    """Whether a person may be proposed as a mentor, and why (an English msgid)."""

    ok: bool
    reason: str


def training_status(person: Person) -> dict[str, str]:
    """Return the person's status in each OER module ("not_attempted" where nothing is known)."""
    return _status_of(db.session.scalars(db.select(TrainingRecord).where(TrainingRecord.person_id == person.id)))


def _status_of(records) -> dict[str, str]:
    known = {record.module_id: record.status for record in records}
    return {module: known.get(module, "not_attempted") for module in OER_MODULES}


def find_exemption(person: Person) -> TrainingExemption | None:
    """Return the person's training exemption, if a coordinator recorded one."""
    return db.session.scalar(db.select(TrainingExemption).where(TrainingExemption.person_id == person.id))


def is_eligible(person: Person) -> Eligibility:
    """Return whether the person may mentor: active, a mentor, and trained or exempted.

    Trained: every OER module passed as TRAINING_GATE says (the SCORM activity, the module's
    Moodle quiz, or either; default either).
    """
    records = db.session.scalars(db.select(TrainingRecord).where(TrainingRecord.person_id == person.id))
    return _eligibility(person, list(records), lambda: find_exemption(person))


def _eligibility(person: Person, records, exemption) -> Eligibility:
    """The rule of is_eligible on what is known of the person (exemption: a callable, asked only when needed)."""
    if not person.is_active:
        return Eligibility(False, N_("archived"))
    if not person.has_role("mentor"):
        return Eligibility(False, N_("not a mentor"))
    done = {record.module_id for record in records if module_passed(record)}
    if done >= set(OER_MODULES):
        return Eligibility(True, N_("all three training modules completed"))
    if exemption() is not None:
        return Eligibility(True, N_("exempted from the training by the coordinator"))
    return Eligibility(False, N_("training not yet completed"))


class MentorStanding(NamedTuple):
    """What the eligibility page shows of one mentor."""

    person: Person
    training: dict[str, str]
    exemption: TrainingExemption | None
    eligibility: Eligibility


def mentor_standings(people: list[Person]) -> list[MentorStanding]:
    """Return training, exemption and eligibility of these people (a page of the eligibility list, or every mentor of a
    matching run) in two queries per thousand people, by the same rule as is_eligible."""
    ids = [person.id for person in people]
    records: dict[int, list] = {person_id: [] for person_id in ids}
    exemptions: dict[int, TrainingExemption] = {}
    for start in range(0, len(ids), 1000):  # a whole programme (a matching run) in bounded IN lists
        chunk = ids[start:start + 1000]
        for record in db.session.scalars(db.select(TrainingRecord).where(TrainingRecord.person_id.in_(chunk))):
            records[record.person_id].append(record)
        exemptions.update((e.person_id, e) for e in db.session.scalars(
            db.select(TrainingExemption).where(TrainingExemption.person_id.in_(chunk))))
    return [MentorStanding(person, _status_of(records[person.id]), exemptions.get(person.id),
                           _eligibility(person, records[person.id], lambda p=person: exemptions.get(p.id)))
            for person in people]


def count_eligible_mentors(department: str | None = None) -> int:
    """Return how many active mentors (of the department, if given) are eligible (the rule of is_eligible, in one
    query)."""
    from bridge.modules.people.models import PersonRole

    trained = trained_people()
    exempted = db.select(TrainingExemption.person_id)
    conditions = [Person.department == department] if department else []
    return db.session.scalar(db.select(db.func.count(db.distinct(Person.id))).join(PersonRole).where(
        PersonRole.role == "mentor", Person.archived_at.is_(None), *conditions,
        db.or_(Person.id.in_(trained), Person.id.in_(exempted))))


def record_exemption(actor: Person, person: Person, reason: str) -> TrainingExemption:
    """Exempt a person from the training requirement, with a reason (replaces an earlier one)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(N_("Please give a reason for the exemption."), field="reason")
    if len(reason) > MAX_REASON:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field="reason", n=MAX_REASON)
    exemption = find_exemption(person) or TrainingExemption(person_id=person.id)
    exemption.reason, exemption.created_by_id, exemption.created_at = reason, actor.id, utcnow()
    db.session.add(exemption)
    db.session.flush()
    audit.record(actor, "training.exemption_recorded", person, person.full_name, reason=reason)
    return exemption


def remove_exemption(actor: Person, person: Person) -> None:
    """Withdraw a person's training exemption."""
    exemption = find_exemption(person)
    if exemption is not None:
        db.session.delete(exemption)
        audit.record(actor, "training.exemption_removed", person, person.full_name)


def procedure_items() -> list[ProcedureItem]:
    """Return the checklist items by category, then in the order they were added."""
    order = {c.value: n for n, c in enumerate(ProcedureCategory)}
    items = db.session.scalars(db.select(ProcedureItem).order_by(ProcedureItem.id)).all()
    return sorted(items, key=lambda item: order.get(item.category, len(order)))


def procedures_complete() -> bool:
    """Return whether the checklist has items and every one is done."""
    items = procedure_items()
    return bool(items) and all(item.is_done for item in items)


def add_procedure(actor: Person, title: str, category: str, note: str = "") -> ProcedureItem:
    """Add an item to the internal procedures checklist."""
    title = (title or "").strip()
    if not title:
        raise ValidationFailed(N_("Please give the procedure a title."), field="title")
    if len(title) > MAX_TITLE or len(note or "") > MAX_REASON:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field="title", n=MAX_TITLE)
    if category not in {c.value for c in ProcedureCategory}:
        raise ValidationFailed(N_("Unknown choice: %(values)s"), field="category", values=category)
    item = ProcedureItem(title=title, category=category, note=(note or "").strip())
    db.session.add(item)
    db.session.flush()
    audit.record(actor, "pairing.procedure_added", item, title, category=category)
    return item


def set_procedure_done(actor: Person, item: ProcedureItem, done: bool, note: str | None = None) -> ProcedureItem:
    """Mark a checklist item done (by the actor, now) or open again."""
    if note is not None:
        if len(note) > MAX_REASON:
            raise ValidationFailed(N_("Please keep this under %(n)s characters."), field="note", n=MAX_REASON)
        item.note = note.strip()
    item.done_at, item.done_by_id = (utcnow(), actor.id) if done else (None, None)
    action = "pairing.procedure_done" if done else "pairing.procedure_reopened"
    audit.record(actor, action, item, item.title, note=item.note)
    return item


def delete_procedure(actor: Person, item: ProcedureItem) -> None:
    """Remove an item from the checklist."""
    audit.record(actor, "pairing.procedure_deleted", item, item.title)
    db.session.delete(item)
