"""Demo data: the fictional municipality of Lindenau and its mentoring programme."""
from datetime import timedelta

from bridge.core.db import db, utcnow
from bridge.modules.accounts.operations import set_password
from bridge.modules.community.cli import load_demo_scenarios
from bridge.modules.people.models import Person
from bridge.modules.people.operations import create_person, find_by_email
from bridge.modules.training.models import OER_MODULES, TrainingRecord, TrainingStatus

DEMO_PASSWORD = "demo-password-2026"
DOMAIN = "lindenau.example"

KITA = "Kindertagesstätten (Kindergartens)"
SOCIAL = "Soziale Dienste (Social services)"
CITIZENS = "Bürgerbüro (Citizens' office)"
IMMIGRATION = "Ausländerbehörde (Immigration office)"
JOBS = "Jobcenter (Employment services)"
YOUTH = "Jugendamt (Youth welfare office)"
HOUSING = "Wohnungsamt (Housing office)"
HEALTH = "Gesundheitsamt (Public health)"

# (first, last, department, languages, roles)
PEOPLE = [
    ("Katrin", "Vogel", "Personalentwicklung (Staff development)", ["de", "en"], ["coordinator"]),
    # mentors: experienced staff who completed the training
    ("Aylin", "Demir", SOCIAL, ["de", "tr", "en"], ["mentor"]),
    ("Thomas", "Berger", IMMIGRATION, ["de", "en", "fr"], ["mentor"]),
    ("Olena", "Kovalenko", JOBS, ["de", "uk", "ru"], ["mentor"]),
    ("Samir", "Haddad", YOUTH, ["de", "ar", "en"], ["mentor"]),
    ("Monika", "Schulte", KITA, ["de", "en"], ["mentor"]),
    ("Dariusz", "Nowak", CITIZENS, ["de", "pl", "en"], ["mentor"]),
    ("Fatemeh", "Rahimi", HEALTH, ["de", "fa", "prs", "en"], ["mentor"]),
    ("Jens", "Hartmann", HOUSING, ["de", "en"], ["mentor"]),
    # mentees: staff who want to grow in intercultural work
    ("Lena", "Fischer", CITIZENS, ["de", "en"], ["mentee"]),
    ("Mehmet", "Yilmaz", JOBS, ["de", "tr"], ["mentee"]),
    ("Sophie", "Wagner", KITA, ["de", "fr"], ["mentee"]),
    ("Lukas", "Becker", IMMIGRATION, ["de", "en"], ["mentee"]),
    ("Anna", "Schmidt", SOCIAL, ["de", "en", "es"], ["mentee"]),
    ("Ivana", "Petrović", YOUTH, ["de", "bs", "en"], ["mentee"]),
    ("Felix", "Neumann", HOUSING, ["de"], ["mentee"]),
    ("Mariam", "Osman", HEALTH, ["de", "ar", "so"], ["mentee"]),
    ("Julia", "Krüger", KITA, ["de", "en"], ["mentee"]),
    ("Daniel", "Lehmann", CITIZENS, ["de", "ru"], ["mentee"]),
    ("Elif", "Kaya", SOCIAL, ["de", "tr", "ku"], ["mentee"]),
    ("Tobias", "Richter", JOBS, ["de", "en"], ["mentee"]),
    ("Hanna", "Wolf", YOUTH, ["de", "en"], ["mentee"]),
    ("Bogdan", "Ionescu", HOUSING, ["de", "ro", "en"], ["mentee"]),
    ("Sarah", "Zimmermann", IMMIGRATION, ["de", "en", "it"], ["mentee"]),
    ("Kemal", "Arslan", CITIZENS, ["de", "tr", "en"], ["mentee"]),
    ("Nadine", "Braun", KITA, ["de"], ["mentee"]),
    ("Yusuf", "Ahmadi", SOCIAL, ["de", "ps", "prs"], ["mentee"]),
    ("Christina", "Hoffmann", HEALTH, ["de", "en", "el"], ["mentee"]),
    ("Marco", "Lange", JOBS, ["de", "it", "en"], ["mentee"]),
    # external professionals
    ("Rahel", "Tesfaye", "Beratungsstelle Brücke e.V. (migrant counselling NGO)", ["de", "ti", "en"],
     ["mentor", "external"]),
    ("Georg", "Albrecht", "Freiberuflicher Trainer (freelance intercultural trainer)", ["de", "en", "es"],
     ["mentor", "external"]),
    # staff taking the training who have no mentoring role yet
    ("Petra", "König", CITIZENS, ["de"], []),
    ("Ali", "Rezai", JOBS, ["de", "fa"], []),
    ("Sabine", "Krause", KITA, ["de", "en"], []),
    ("Viktor", "Schwarz", IMMIGRATION, ["de", "ru", "uk"], []),
    ("Leyla", "Aydın", YOUTH, ["de", "tr"], []),
    ("Martin", "Frank", HOUSING, ["de", "en"], []),
    ("Amina", "Bakr", SOCIAL, ["de", "ar"], []),
    ("Stefan", "Roth", HEALTH, ["de", "en"], []),
    ("Grace", "Mensah", CITIZENS, ["de", "en", "fr"], []),
]


class NotEmpty(RuntimeError):
    """The database already holds people."""


def _email(first: str, last: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ć": "c", "ı": "i"})
    return f"{first}.{last}".lower().translate(table) + f"@{DOMAIN}"


def _training(person: Person, index: int) -> None:
    now = utcnow()
    if person.has_role("mentor"):
        done = len(OER_MODULES)
    else:
        done = index % (len(OER_MODULES) + 1)
    for n, module_id in enumerate(OER_MODULES):
        passed = n < done
        db.session.add(TrainingRecord(
            person=person, module_id=module_id,
            status=TrainingStatus.PASSED.value if passed else (
                TrainingStatus.INCOMPLETE.value if n == done else TrainingStatus.NOT_ATTEMPTED.value),
            score=(80.0 + (index * 7 + n * 3) % 21) if passed else None,
            completed_at=now - timedelta(days=30 + index + n) if passed else None,
            source="demo", last_seen_at=now))


def _pairing(people: dict) -> None:
    from bridge.modules.pairing import demo_data

    demo_data.load_profiles({name: person for name, person in people.items() if person is not None})
    demo_data.load_procedures(people.get(("Katrin", "Vogel")))


def existing_logins() -> list[tuple[str, str]]:
    """Return (role, email) of the demo logins present in the database."""
    from bridge.modules.accounts.operations import authenticate_quietly

    out = []
    for first, last, _dept, _langs, roles in PEOPLE:
        email = _email(first, last)
        if authenticate_quietly(email, DEMO_PASSWORD):
            out.append((roles[-1] if roles else "staff", email))
    return out


def load(force: bool = False) -> list[tuple[str, str]]:
    """Load the demo organisation; return (role, email) of the demo logins."""
    if not force and db.session.scalar(db.select(db.func.count(Person.id))):
        raise NotEmpty("The database already has people. Use --force to add the demo data anyway.")
    logins, people = {}, {}
    for index, (first, last, department, languages, roles) in enumerate(PEOPLE):
        email = _email(first, last)
        people[(first, last)] = find_by_email(email)
        if people[(first, last)] is not None:
            continue
        person = create_person(None, {"first_name": first, "last_name": last, "email": email,
                                      "department": department, "languages": languages, "roles": roles})
        person.consent_at = utcnow()
        people[(first, last)] = person
        _training(person, index)
        label = (roles[-1] if roles else "staff")
        if label not in logins:
            set_password(person, DEMO_PASSWORD)
            logins[label] = email
    _pairing(people)
    load_demo_scenarios()
    db.session.commit()
    return sorted(logins.items())
