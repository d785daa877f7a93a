"""Operations on people: create, update, archive, roles."""
from dataclasses import dataclass

from sqlalchemy import String, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from bridge.core import audit
from bridge.core.db import db, utcnow
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.core.languages import LANGUAGES
from bridge.core.roles import ROLE_VALUES
from bridge.core.textsearch import ulower
from bridge.modules.people.models import Person, PersonRole

EDITABLE = ("first_name", "last_name", "email", "department", "languages")


def normalise_email(email: str) -> str:
    """Return the email trimmed and lowercased (emails are unique case-insensitively)."""
    return (email or "").strip().lower()


def find_by_email(email: str) -> Person | None:
    """Return the person with this email, ignoring case."""
    return db.session.scalar(db.select(Person).where(Person.email == normalise_email(email)))


def _check_unique_email(email: str, person: Person | None = None) -> None:
    existing = find_by_email(email)
    if existing is not None and existing is not person:
        raise Conflict(N_("A person with this email address already exists."), field="email")


def _check_values(data: dict) -> None:
    unknown_langs = set(data.get("languages") or []) - set(LANGUAGES)
    if unknown_langs:
        raise ValidationFailed(N_("Unknown language code: %(codes)s"), field="languages",
                               codes=", ".join(sorted(unknown_langs)))
    unknown_roles = set(data.get("roles") or []) - set(ROLE_VALUES)
    if unknown_roles:
        raise ValidationFailed(N_("Unknown role: %(roles)s"), field="roles", roles=", ".join(sorted(unknown_roles)))


def _apply(person: Person, data: dict) -> None:
    for key in EDITABLE:
        if key in data:
            setattr(person, key, data[key])
    person.email = normalise_email(person.email)
    if "roles" in data:
        set_roles(person, data["roles"])


def set_roles(person: Person, roles) -> None:
    """Replace the person's roles."""
    wanted = set(roles)
    person.role_links = [link for link in person.role_links if link.role in wanted]
    for role in sorted(wanted - person.role_names):
        person.role_links.append(PersonRole(role=role))


def create_person(actor, data: dict) -> Person:
    """Create a person from validated form data."""
    _check_values(data)
    _check_unique_email(data["email"])
    person = Person(languages=[])
    _apply(person, data)
    db.session.add(person)
    db.session.flush()
    audit.record(actor, "person.created", person, person.full_name, roles=sorted(person.role_names))
    return person


def update_person(actor, person: Person, data: dict) -> Person:
    """Update a person's details and roles."""
    _check_values(data)
    if "email" in data:
        _check_unique_email(data["email"], person)
    before = sorted(person.role_names)
    _apply(person, data)
    db.session.flush()
    audit.record(actor, "person.updated", person, person.full_name,
                 roles_before=before, roles_after=sorted(person.role_names))
    return person


def archive_person(actor, person: Person) -> None:
    """Archive a person: they can no longer log in; their history stays."""
    if person.archived_at is None:
        person.archived_at = utcnow()
        audit.record(actor, "person.archived", person, person.full_name)


def restore_person(actor, person: Person) -> None:
    """Bring an archived person back."""
    if person.archived_at is not None:
        person.archived_at = None
        audit.record(actor, "person.restored", person, person.full_name)


def search_text():
    """Return what the people search reads: name, email and department in one text ("Anna Müller" matches across
    first and last name). On PostgreSQL this is the stored column people.search_text (migration 7d3f1a9e2c46)."""
    space = literal_column("' '")
    return (Person.first_name + space + Person.last_name + space + Person.email + space
            + db.func.coalesce(Person.department, literal_column("''")))


class _FoldedSearchText(FunctionElement):
    """search_text() lowercased: PostgreSQL's stored, trigram-indexed people.search_text (its planner costs the
    expression as cheap and scanned every person to lowercase it: 14 ms at 10,000 people, 3 ms now), computed
    elsewhere."""

    type = String()
    inherit_cache = True
    name = "qser_people_search_text"


@compiles(_FoldedSearchText)
def _compile_folded(_element, compiler, **kw):
    return compiler.process(ulower(search_text()), **kw)


@compiles(_FoldedSearchText, "postgresql")
def _compile_folded_postgresql(_element, compiler, **_kw):
    return f"{compiler.preparer.format_table(Person.__table__)}.search_text"


def search_people(query: str = "", role: str = "", status: str = "active"):
    """Return a select statement of the ids of people matching a free-text query, role and status, by name (page
    it, then load the page's people with people_by_ids)."""
    conditions = []
    if role:
        conditions.append(Person.role_links.any(PersonRole.role == role))
    if status == "active":
        conditions.append(Person.archived_at.is_(None))
    elif status == "archived":
        conditions.append(Person.archived_at.is_not(None))
    if not query:  # walks the name index (ix_people_name) for one page
        return (db.select(Person.id).where(*conditions)
                .order_by(Person.last_name, Person.first_name, Person.id))
    # The matches are found first (a materialised CTE: on PostgreSQL through the trigram index on search_text) and
    # only they are sorted; otherwise the planner walks the name index past everyone before the first "Müller", or
    # hashes the whole table to join the matches back.
    matches = (db.select(Person.id, Person.last_name, Person.first_name)
               .where(_FoldedSearchText().contains(query.strip().lower(), autoescape=True), *conditions)
               .cte("matches").prefix_with("MATERIALIZED", dialect="postgresql"))
    return db.select(matches.c.id).order_by(matches.c.last_name, matches.c.first_name, matches.c.id)


@dataclass(frozen=True)
class PersonRow:
    """A person as the people list shows them (a read model: one light query for a page instead of entities)."""

    id: int
    first_name: str
    last_name: str
    email: str
    department: str | None
    is_active: bool
    role_names: frozenset
    has_password: bool


def people_rows(ids: list[int]) -> list[PersonRow]:
    """Return the list rows of the people with these ids, in the order of the ids (one query)."""
    if not ids:
        return []
    roles = (db.select(db.func.aggregate_strings(PersonRole.role, ","))
             .where(PersonRole.person_id == Person.id).scalar_subquery())
    account = Person.account.property.mapper.c  # the account's columns, without importing the accounts domain
    has_password = Person.account.has(account.password_hash.is_not(None))
    rows = {row.id: PersonRow(row.id, row.first_name, row.last_name, row.email, row.department,
                              row.archived_at is None, frozenset(filter(None, (row.roles or "").split(","))),
                              bool(row.has_password))
            for row in db.session.execute(
                db.select(Person.id, Person.first_name, Person.last_name, Person.email, Person.department,
                          Person.archived_at, roles.label("roles"), has_password.label("has_password"))
                .where(Person.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def update_own_profile(person: Person, data: dict) -> Person:
    """Update what a person may change about themselves."""
    _check_values(data)
    person.department = (data.get("department") or "").strip() or None
    person.languages = list(data.get("languages") or [])
    if data.get("preferred_locale") in ("en", "de"):
        person.preferred_locale = data["preferred_locale"]
    audit.record(person, "person.profile_updated", person, person.full_name)
    return person
