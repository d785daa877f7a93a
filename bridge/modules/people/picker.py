"""Choosing people by name without listing everyone: a few matches for what was typed, and the check of chosen ids.

A choice may be limited to people holding a role (`"mentor"`) or to a group a domain names with `register_group`
(`"shadower"`: trainers and people with the three training modules done); several names mean any of them.
"""
from collections.abc import Callable, Iterable

from bridge.core.db import db
from bridge.core.roles import ROLE_VALUES
from bridge.modules.people.models import Person, PersonRole

SEARCH_MIN_CHARS = 2
SEARCH_LIMIT = 8
_GROUPS: dict[str, Callable] = {}


def register_group(name: str, condition: Callable) -> None:
    """Name a set of people (a function returning an SQL condition on Person) that a choice may be limited to."""
    _GROUPS[name] = condition


def known_group(name: str) -> bool:
    """Return whether the name is a role or a registered group."""
    return name in ROLE_VALUES or name in _GROUPS


def _in_groups(groups: Iterable[str]):
    """Return the SQL condition "holds one of the roles or belongs to one of the groups", or None for anyone."""
    groups = list(groups or ())
    roles = [g for g in groups if g in ROLE_VALUES]
    conditions = [_GROUPS[g]() for g in groups if g not in ROLE_VALUES]
    if roles:
        conditions.append(Person.role_links.any(PersonRole.role.in_(roles)))
    return db.or_(*conditions) if conditions else None


def person_ids(values) -> tuple[set[int], bool]:
    """Return the ids among the posted values, and whether any value was not an id at all."""
    values = [str(v).strip() for v in values or [] if str(v or "").strip()]
    ids = {int(v) for v in values if v.isdigit() and len(v) < 10}
    return ids, len(ids) < len(set(values))


def name_matches(query: str, groups=(), exclude_ids=(), limit: int = SEARCH_LIMIT) -> list[Person]:
    """Return a few active people (of the groups, if any) whose first or last name (or "first last") starts with
    the query; nothing below SEARCH_MIN_CHARS letters, so that nobody is shown the whole list."""
    text = " ".join((query or "").split())[:100]
    if len(text) < SEARCH_MIN_CHARS:
        return []
    pattern = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    full = db.func.lower(Person.first_name + " " + Person.last_name)
    stmt = (db.select(Person).where(Person.archived_at.is_(None),
                                    db.or_(db.func.lower(Person.first_name).like(pattern, escape="\\"),
                                           db.func.lower(Person.last_name).like(pattern, escape="\\"),
                                           full.like(pattern, escape="\\")))
            .order_by(Person.last_name, Person.first_name, Person.id).limit(limit))
    return list(db.session.scalars(_limited(stmt, groups, exclude_ids)))


def chosen_people(ids, groups=(), exclude_ids=()) -> list[Person]:
    """Return the active people (of the groups, if any) with these ids, by name; others are left out."""
    wanted, _bad = person_ids(ids)
    wanted -= set(exclude_ids or ())
    if not wanted:
        return []
    stmt = (db.select(Person).where(Person.id.in_(wanted), Person.archived_at.is_(None))
            .order_by(Person.last_name, Person.first_name, Person.id))
    return list(db.session.scalars(_limited(stmt, groups, ())))


def _limited(stmt, groups, exclude_ids):
    condition = _in_groups(groups)
    if condition is not None:
        stmt = stmt.where(condition)
    if exclude_ids:
        stmt = stmt.where(Person.id.not_in(list(exclude_ids)))
    return stmt
