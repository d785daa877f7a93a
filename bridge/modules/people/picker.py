"""Choosing people by name without listing everyone: a few matches for what was typed, and the check of chosen ids.

A choice may be limited to people holding a role (`"mentor"`) or to a group a domain names with `register_group`
(`"shadower"`: trainers and people with the three training modules done); several names mean any of them.
"""
from collections.abc import Callable, Iterable

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField
from wtforms.fields.choices import Choice
from wtforms.utils import unset_value
from wtforms.validators import StopValidation

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


def search_attributes(groups=()) -> dict:
    """Return the attributes that make a list of people search by name as one types (bridge/static/select.js)."""
    return {"data-search-url": url_for("people.search", role=list(groups) or None),
            "data-min-chars": str(SEARCH_MIN_CHARS), "data-no-results": _l("No match"),
            "data-min-chars-text": _l("Type at least %(n)s letters of a name.", n=SEARCH_MIN_CHARS)}


class _PeopleChoice:
    """What PersonField and PeopleField share: the page lists only the chosen people (and, without JavaScript, the
    people found for the name typed into the field's own search box, {name}-query); the posted ids are checked by a
    query (active, of the field's groups, not excluded), never against a list of everyone."""

    def _setup(self, groups, invalid, blank=None):
        self.groups, self.invalid, self.blank = tuple(groups), invalid, blank
        self.exclude_ids: set[int] = set()  # people who may not be chosen (for example those invited already)
        self.query, self.search_pressed, self.found, self.malformed = "", False, None, False
        self._chosen = ((), [])

    def process(self, formdata, data=unset_value, extra_filters=None):
        """Read the ids, and the search box and its button when the form was posted."""
        super().process(formdata, data, extra_filters)
        if formdata is not None:
            self.query = " ".join((formdata.get(f"{self.name}-query") or "").split())[:100]
            self.search_pressed = bool(formdata.get(f"{self.name}-search"))

    def _ids(self) -> list[int]:
        """Return the chosen ids: PersonField's data is one id or None, PeopleField's a list of ids."""
        data = self.data
        return list(data) if isinstance(data, list) else [data] if data else []

    def chosen(self) -> list:
        """Return the chosen people who may be chosen (one query per change of the ids)."""
        key = (tuple(sorted(self._ids())), tuple(sorted(self.exclude_ids)))
        if self._chosen[0] != key:
            self._chosen = (key, chosen_people(key[0], self.groups, self.exclude_ids) if key[0] else [])
        return self._chosen[1]

    def pre_validate(self, form):
        """Refuse malformed ids and anyone who may not be chosen, with the field's message."""
        if self.malformed or len(self.chosen()) < len(set(self._ids())):
            raise StopValidation(self.invalid)

    def search(self) -> None:
        """Find the people whose name starts with the text in the search box (a page without JavaScript)."""
        self.found = name_matches(self.query, self.groups, self.exclude_ids)

    def search_result(self) -> str:
        """Return what the search found, in words."""
        if len(self.query) < SEARCH_MIN_CHARS:
            return _l("Type at least %(n)s letters of a name.", n=SEARCH_MIN_CHARS)
        if not self.found:
            return _l("No match")
        return ngettext("%(num)d person found: choose in the list.", "%(num)d people found: choose in the list.",
                        len(self.found))

    def iter_choices(self):
        chosen = self.chosen()
        selected = {p.id for p in chosen}
        people = {p.id: p for p in [*chosen, *(self.found or ())]}
        options = [Choice("", self.blank, not selected, {})] if self.blank is not None else []
        return options + [Choice(str(p.id), f"{p.last_name}, {p.first_name}", p.id in selected, {})
                          for p in people.values()]

    def has_groups(self):
        return False

    def __call__(self, **kwargs):
        return super().__call__(**{**search_attributes(self.groups), **kwargs})


class PersonField(_PeopleChoice, SelectField):
    """One person chosen by name (data: the id or None); `groups` limits the choice to roles or named groups."""

    def __init__(self, label=None, validators=None, groups=(), blank=None, invalid=_l("Choose an active person."),
                 **kwargs):
        super().__init__(label, validators, validate_choice=False, **kwargs)
        self._setup(groups, invalid, blank)

    def process_data(self, value):
        ids, self.malformed = person_ids([value] if value not in (None, "", 0) else [])
        self.data = min(ids) if ids else None

    def process_formdata(self, valuelist):
        values = [v for v in valuelist if v not in (None, "", "0")][:1]  # 0: "nobody" in older pages
        ids, self.malformed = person_ids(values)
        self.data = min(ids) if ids else None

    @property
    def person(self):
        """Return the chosen person (after validation), or None."""
        chosen = self.chosen()
        return chosen[0] if chosen else None


class PeopleField(_PeopleChoice, SelectMultipleField):
    """Several people chosen by name (data: their ids); `groups` limits the choice to roles or named groups."""

    def __init__(self, label=None, validators=None, groups=(), invalid=_l("Choose active people."), **kwargs):
        super().__init__(label, validators, validate_choice=False, **kwargs)
        self._setup(groups, invalid)

    def process_data(self, value):
        ids, self.malformed = person_ids(value or [])
        self.data = sorted(ids)

    def process_formdata(self, valuelist):
        ids, self.malformed = person_ids(valuelist)
        self.data = sorted(ids)


class PeopleSearchForm(FlaskForm):
    """A form with fields that choose people by name: a press on one of their "Search" buttons (a page without
    JavaScript) searches the names typed into their boxes and brings the form back, instead of sending it."""

    def people_fields(self) -> list:
        """Return the form's fields that choose people."""
        return [field for field in self if isinstance(field, _PeopleChoice)]

    def searching(self) -> bool:
        """Return whether a "Search" button sent the form."""
        return any(field.search_pressed for field in self.people_fields())

    def validate(self, extra_validators=None):
        if not self.searching():
            return super().validate(extra_validators)
        for field in self.people_fields():
            if field.search_pressed or field.query:
                field.search()
        return False
