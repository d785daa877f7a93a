"""Operations on mentoring profiles: validate and save them, and tell what is still missing."""
from bridge.core import audit
from bridge.core.competences import competence_keys
from bridge.core.db import db
from bridge.core.errors import N_, ValidationFailed
from bridge.core.languages import LANGUAGES
from bridge.modules.pairing.models import MODES, SLOTS, MenteeProfile, MentorConflict, MentorProfile
from bridge.modules.people.models import Person
from bridge.modules.people.picker import SEARCH_LIMIT, SEARCH_MIN_CHARS, chosen_people, name_matches  # noqa: F401

MAX_TEXT = 2000
MAX_DEPARTMENT = 120
RANGES = {"capacity": (0, 10), "experience_years": (0, 60), "willingness_scale": (1, 5)}
MENTEE_FIELDS = ("goals", "competences", "preferred_language", "availability", "modes", "preferred_traits",
                 "line_manager_id")
MENTOR_FIELDS = ("competences", "experience_years", "work_areas", "know_how", "willingness_statement",
                 "willingness_scale", "availability", "modes", "capacity", "line_manager_id")
TEXT_FIELDS = ("goals", "preferred_traits", "work_areas", "know_how", "willingness_statement")


def _check_competences(values: dict, high: int) -> dict[str, int]:
    """Return {key: level} without empty entries; reject unknown keys and levels outside 1-high."""
    unknown = set(values) - set(competence_keys())
    if unknown:
        raise ValidationFailed(N_("Unknown competence: %(keys)s"), field="competences",
                               keys=", ".join(sorted(map(str, unknown))))
    cleaned = {}
    for key, raw in values.items():
        if raw in (None, "", 0, "0"):
            continue
        level = str(raw).strip()
        if not level.isdigit() or not 1 <= int(level) <= high:
            raise ValidationFailed(N_("Choose a level from 1 to %(high)s for each competence."),
                                   field="competences", high=high)
        cleaned[key] = int(level)
    return cleaned


def check_choices(values, allowed, field: str) -> list[str]:
    """Return the values in the allowed order; reject unknown ones."""
    values = list(values or [])
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValidationFailed(N_("Unknown choice: %(values)s"), field=field, values=", ".join(sorted(unknown)))
    return [value for value in allowed if value in values]


def _check_language(value) -> str | None:
    if not value:
        return None
    if value not in LANGUAGES:
        raise ValidationFailed(N_("Unknown language code: %(codes)s"), field="preferred_language", codes=value)
    return value


def _check_number(data: dict, field: str):
    """Return the whole number in data[field] within its range (None stays None)."""
    value = data.get(field)
    if value is None and field == "willingness_scale":
        return None
    low, high = RANGES[field]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationFailed(N_("Enter a whole number from %(low)s to %(high)s."), field=field, low=low, high=high)
    return value


def _check_text(data: dict, field: str) -> str:
    text = (data.get(field) or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field=field, n=MAX_TEXT)
    return text


def _check_person_id(person: Person, value, field: str) -> int | None:
    """Return the id of another active person, or None; reject unknown ids and oneself."""
    if value in (None, "", 0):
        return None
    other = db.session.get(Person, int(value)) if str(value).isdigit() else None
    if other is None or not other.is_active:
        raise ValidationFailed(N_("This person is not known."), field=field)
    if other.id == person.id:
        raise ValidationFailed(N_("You cannot choose yourself here."), field=field)
    return other.id


def clean_profile(person: Person, data: dict, fields: tuple[str, ...], high: int) -> dict:
    """Return the validated values of the given profile fields present in data."""
    checks = {
        "competences": lambda: _check_competences(dict(data["competences"] or {}), high),
        "availability": lambda: check_choices(data["availability"], SLOTS, "availability"),
        "modes": lambda: check_choices(data["modes"], MODES, "modes"),
        "preferred_language": lambda: _check_language(data["preferred_language"]),
        "line_manager_id": lambda: _check_person_id(person, data["line_manager_id"], "line_manager_id"),
    }
    cleaned = {}
    for field in fields:
        if field not in data:
            continue
        if field in TEXT_FIELDS:
            cleaned[field] = _check_text(data, field)
        elif field in RANGES:
            cleaned[field] = _check_number(data, field)
        else:
            cleaned[field] = checks[field]()
    return cleaned


def _apply_person_fields(person: Person, data: dict) -> None:
    """Update the department and languages the profile form shows (they live on the person)."""
    languages = check_choices(data.get("languages"), LANGUAGES, "languages")
    department = (data.get("department") or "").strip()
    if len(department) > MAX_DEPARTMENT:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field="department", n=MAX_DEPARTMENT)
    if "languages" in data:
        person.languages = languages
    if "department" in data:
        person.department = department or None


def _profile(model, person: Person):
    profile = db.session.scalar(db.select(model).where(model.person_id == person.id))
    if profile is None:
        profile = model(person=person)
        db.session.add(profile)
    return profile


def save_mentee_profile(person: Person, data: dict, actor: Person | None = None) -> MenteeProfile:
    """Validate and save a mentee's profile (and their department and languages)."""
    cleaned = clean_profile(person, data, MENTEE_FIELDS, high=3)
    _apply_person_fields(person, data)
    profile = _profile(MenteeProfile, person)
    for field, value in cleaned.items():
        setattr(profile, field, value)
    db.session.flush()
    audit.record(actor or person, "pairing.mentee_profile_saved", profile, person.full_name)
    return profile


def _set_conflicts(person: Person, profile: MentorProfile, ids) -> None:
    wanted = {_check_person_id(person, value, "conflict_ids") for value in ids or []} - {None}
    profile.conflicts = [c for c in profile.conflicts if c.person_id in wanted]
    for person_id in sorted(wanted - {c.person_id for c in profile.conflicts}):
        profile.conflicts.append(MentorConflict(person_id=person_id))


def save_mentor_profile(person: Person, data: dict, actor: Person | None = None) -> MentorProfile:
    """Validate and save a mentor's profile, declared conflicts included."""
    cleaned = clean_profile(person, data, MENTOR_FIELDS, high=4)
    _apply_person_fields(person, data)
    profile = _profile(MentorProfile, person)
    for field, value in cleaned.items():
        setattr(profile, field, value)
    if "conflict_ids" in data:
        _set_conflicts(person, profile, data["conflict_ids"])
    db.session.flush()
    audit.record(actor or person, "pairing.mentor_profile_saved", profile, person.full_name)
    return profile


MENTEE_ITEMS = (
    (N_("Goals and objectives"), lambda p, person: bool(p.goals.strip())),
    (N_("Competences you want to develop"), lambda p, person: bool(p.competences)),
    (N_("Languages"), lambda p, person: bool(person.languages)),
    (N_("Department"), lambda p, person: bool(person.department)),
    (N_("Availability (time slots)"), lambda p, person: bool(p.availability)),
    (N_("Meeting modes (online or on-site)"), lambda p, person: bool(p.modes)),
)
MENTOR_ITEMS = (
    (N_("Competences with your level"), lambda p, person: bool(p.competences)),
    (N_("Areas of work with migrants"), lambda p, person: bool(p.work_areas.strip())),
    (N_("Know-how"), lambda p, person: bool(p.know_how.strip())),
    (N_("Willingness to bring about change"),
     lambda p, person: bool(p.willingness_statement.strip()) and p.willingness_scale is not None),
    (N_("Languages"), lambda p, person: bool(person.languages)),
    (N_("Department"), lambda p, person: bool(person.department)),
    (N_("Availability (time slots)"), lambda p, person: bool(p.availability)),
    (N_("Meeting modes (online or on-site)"), lambda p, person: bool(p.modes)),
    (N_("Capacity (how many mentees at once)"), lambda p, person: p.capacity > 0),
)
KINDS = {"mentee": (MenteeProfile, MENTEE_ITEMS), "mentor": (MentorProfile, MENTOR_ITEMS)}


def find_profile(person: Person, kind: str):
    """Return the person's mentee or mentor profile, or None."""
    model = KINDS[kind][0]
    return db.session.scalar(db.select(model).where(model.person_id == person.id))


def profile_completeness(person: Person, kind: str | None = None) -> tuple[int, list[str]]:
    """Return the percentage of profile items filled in and the msgids of those missing."""
    kinds = [kind] if kind else [k for k in KINDS if person.has_role(k)]
    return completeness_of(person, {name: find_profile(person, name) for name in kinds})


def completeness_of(person: Person, profiles: dict) -> tuple[int, list[str]]:
    """Return profile_completeness for the given profiles of the person ({kind: profile or None})."""
    filled: dict[str, bool] = {}
    for name, profile in profiles.items():
        for label, check in KINDS[name][1]:
            filled[label] = filled.get(label, True) and profile is not None and check(profile, person)
    missing = [label for label, ok in filled.items() if not ok]
    return (round(100 * (len(filled) - len(missing)) / len(filled)) if filled else 100), missing


def profiles_of(people, kind: str) -> dict:
    """Return {person id: their profile of the kind} for these people, in one query (those without one left out)."""
    model = KINDS[kind][0]
    ids = [person.id for person in people]
    return {p.person_id: p for p in db.session.scalars(db.select(model).where(model.person_id.in_(ids)))} if ids else {}


def search_people(actor: Person, query: str, limit: int = SEARCH_LIMIT) -> list[Person]:
    """Return a few active people whose first or last name (or "first last") starts with the query.

    For choosing conflicts of interest or the line manager by name: nothing below SEARCH_MIN_CHARS letters, at most
    `limit` matches, never the searching person, so that nobody is shown the whole list of programme members.
    """
    return name_matches(query, exclude_ids={actor.id}, limit=limit)


def people_by_ids(ids, exclude: Person | None = None) -> list[Person]:
    """Return the active people with these ids (unknown and malformed ids skipped), by last name."""
    return chosen_people(ids, exclude_ids={exclude.id} if exclude is not None else ())
