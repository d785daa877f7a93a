"""Queries of the mentor database: filtered mentor entries, capacity left, training and pairs."""
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlalchemy.orm import lazyload

from bridge.core.db import db
from bridge.core.jsonsql import json_key_level, json_list_contains
from bridge.core.roles import Role
from bridge.core.textsearch import contains_text
from bridge.modules.community.models import GoodPractice, PracticeState
from bridge.modules.pairing.models import FINAL_STATES, MentorProfile, Pair, PairState
from bridge.modules.people.models import Person, PersonRole, full_name
from bridge.modules.training.models import OER_MODULES, TrainingRecord

FILTERS = ("q", "competence", "language", "department", "slot", "capacity", "kind", "former_mentee")


@dataclass
class MentorEntry:
    """One mentor as the database shows them."""

    person: Person
    profile: MentorProfile | None
    current_pairs: int = 0
    former_mentee: bool = False
    is_external: bool = field(init=False)

    def __post_init__(self):
        self.is_external = self.person.has_role(Role.EXTERNAL)

    @property
    def capacity_left(self) -> int:
        return max((self.profile.capacity if self.profile else 0) - self.current_pairs, 0)


def _current_pairs(person_id_column):
    """Return the number of current (not final) tandems the person mentors, as a correlated subquery."""
    return (db.select(func.count(Pair.id)).where(Pair.mentor_id == person_id_column,
                                                  Pair.state.not_in(FINAL_STATES))
            .correlate_except(Pair).scalar_subquery())


def search_statement(filters: dict):
    """Return the query of the active mentors that match every given filter, by name.

    Every filter runs in the database (JSON columns through bridge.core.jsonsql), so the list can be
    paginated: a page costs the same few queries whatever the number of mentors.
    """
    stmt = (db.select(Person).outerjoin(MentorProfile, MentorProfile.person_id == Person.id)
            .where(Person.archived_at.is_(None), Person.role_links.any(PersonRole.role == Role.MENTOR.value))
            .order_by(Person.last_name, Person.first_name, Person.id)
            .options(lazyload(Person.account)))
    if filters.get("q"):
        stmt = stmt.where(contains_text(Person.first_name + " " + Person.last_name, filters["q"]))
    if filters.get("department"):
        stmt = stmt.where(contains_text(Person.department, filters["department"]))
    external = Person.role_links.any(PersonRole.role == Role.EXTERNAL.value)
    if filters.get("kind") == "external":
        stmt = stmt.where(external)
    elif filters.get("kind") == "internal":
        stmt = stmt.where(~external)
    if filters.get("competence"):
        stmt = stmt.where(json_key_level(MentorProfile.competences, filters["competence"]) > 0)
    if filters.get("language"):
        stmt = stmt.where(json_list_contains(Person.languages, filters["language"]))
    if filters.get("slot"):
        stmt = stmt.where(json_list_contains(MentorProfile.availability, filters["slot"]))
    if filters.get("capacity"):
        stmt = stmt.where(func.coalesce(MentorProfile.capacity, 0) > _current_pairs(Person.id))
    if filters.get("former_mentee"):
        stmt = stmt.where(db.select(Pair.id).where(Pair.mentee_id == Person.id,
                                                   Pair.state == PairState.COMPLETED.value).exists())
    return stmt


@dataclass(frozen=True)
class MentorRow:
    """One mentor as the list shows them (a read model: the page is one query, not entities and their relations)."""

    id: int
    full_name: str
    department: str | None
    languages: list
    has_profile: bool
    capacity_left: int
    is_external: bool
    former_mentee: bool


def list_statement(filters: dict):
    """Return search_statement's mentors as the list's columns, by name (paginate it; rows become MentorRow)."""
    external = Person.role_links.any(PersonRole.role == Role.EXTERNAL.value)
    former = db.select(Pair.id).where(Pair.mentee_id == Person.id, Pair.state == PairState.COMPLETED.value).exists()
    return search_statement(filters).with_only_columns(
        Person.id, Person.first_name, Person.last_name, Person.department, Person.languages,
        MentorProfile.id.label("profile_id"), MentorProfile.capacity, _current_pairs(Person.id).label("current"),
        external.label("is_external"), former.label("former_mentee"), maintain_column_froms=False)


def mentor_rows(rows) -> list[MentorRow]:
    """Return the list rows of list_statement's result rows."""
    return [MentorRow(row.id, full_name(row.first_name, row.last_name), row.department, row.languages or [],
                      row.profile_id is not None, max((row.capacity or 0) - (row.current or 0), 0),
                      bool(row.is_external), bool(row.former_mentee)) for row in rows]


def _current_pair_counts(ids: list[int]) -> dict[int, int]:
    stmt = (db.select(Pair.mentor_id, func.count(Pair.id)).where(Pair.mentor_id.in_(ids),
                                                                  Pair.state.not_in(FINAL_STATES))
            .group_by(Pair.mentor_id))
    return dict(db.session.execute(stmt).all())


def _former_mentees(ids: list[int]) -> set[int]:
    stmt = db.select(Pair.mentee_id).where(Pair.mentee_id.in_(ids), Pair.state == PairState.COMPLETED.value)
    return set(db.session.scalars(stmt))


def entries_of(people: list[Person]) -> list[MentorEntry]:
    """Return the entries of the given mentors (three queries, whatever their number)."""
    ids = [p.id for p in people]
    if not ids:
        return []
    profiles = {p.person_id: p for p in db.session.scalars(
        db.select(MentorProfile).where(MentorProfile.person_id.in_(ids)).options(lazyload(MentorProfile.conflicts)))}
    counts, former = _current_pair_counts(ids), _former_mentees(ids)
    return [MentorEntry(p, profiles.get(p.id), counts.get(p.id, 0), p.id in former) for p in people]


def search_mentors(filters: dict, chunk: int = 1000):
    """Yield the entries of every matching mentor, by name, loading them a chunk at a time (for exports)."""
    offset = 0
    while people := list(db.session.scalars(search_statement(filters).limit(chunk).offset(offset))):
        yield from entries_of(people)
        offset += chunk


def mentor_entry(person: Person) -> MentorEntry | None:
    """Return the entry of one mentor, or None if the person is not an active mentor."""
    if not person.is_active or not person.has_role(Role.MENTOR):
        return None
    return entries_of([person])[0]


def training_status(person: Person) -> list[tuple[str, TrainingRecord | None]]:
    """Return each OER module with the person's record (None when not started)."""
    records = {r.module_id: r for r in db.session.scalars(
        db.select(TrainingRecord).where(TrainingRecord.person_id == person.id))}
    return [(module, records.get(module)) for module in OER_MODULES]


def pairs_of(person: Person) -> tuple[list[Pair], list[Pair]]:
    """Return the person's current and past pairs as mentor or mentee, newest first."""
    stmt = (db.select(Pair).where((Pair.mentor_id == person.id) | (Pair.mentee_id == person.id))
            .order_by(Pair.created_at.desc(), Pair.id.desc()))
    pairs = list(db.session.scalars(stmt))
    return [p for p in pairs if p.is_current], [p for p in pairs if not p.is_current]


def published_practices_of(person: Person) -> list[GoodPractice]:
    """Return the person's published good practices, newest first."""
    states = (PracticeState.PUBLISHED, PracticeState.REUSED)
    stmt = (db.select(GoodPractice).where(GoodPractice.author_id == person.id, GoodPractice.state.in_(states))
            .order_by(GoodPractice.created_at.desc()))
    return list(db.session.scalars(stmt))
