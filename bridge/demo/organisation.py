"""Demo data: the fictional municipality of Lindenau and its mentoring programme."""
from datetime import timedelta

from bridge.core.db import db, utcnow
from bridge.demo import profiles
from bridge.modules.accounts.operations import authenticate_quietly, set_password
from bridge.modules.community.operations.importer import SCENARIOS_FILE, import_scenarios
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
    profiles.load_profiles({name: person for name, person in people.items() if person is not None})
    profiles.load_procedures(people.get(("Katrin", "Vogel")))


def existing_logins() -> list[tuple[str, str]]:
    """Return (role, email) of the demo logins present in the database."""
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
    import_scenarios(SCENARIOS_FILE)
    db.session.commit()
    return sorted(logins.items())


# --- A programme of any size (qser demo --scale N): for load tests and query-count checks -------------
FIRST = ["Anna", "Jonas", "Leonie", "Mehmet", "Sophie", "Lukas", "Aylin", "Paul", "Marie", "Felix", "Elif", "Tim"]
LAST = ["Müller", "Schmidt", "Yılmaz", "Wagner", "Becker", "Hoffmann", "Kowalski", "Schulz", "Nguyen", "Braun"]
DEPARTMENTS = [KITA, SOCIAL, CITIZENS, IMMIGRATION, JOBS, YOUTH, HOUSING, HEALTH]
# Share of each pair state among the tandems, and how many sessions a tandem in that state has held.
PAIR_MIX = [("proposed", 1, 0), ("introduced", 1, 0), ("agreed", 1, 1), ("active", 4, 4), ("completed", 2, 8),
            ("ended_early", 1, 2)]


def _scaled_people(n: int, rng) -> list[Person]:
    from bridge.modules.people.models import PersonRole

    people = []
    for i in range(n):
        role = "coordinator" if i % 50 == 0 else {1: "mentor", 2: "mentor", 3: "mentee", 4: "mentee"}.get(i % 5)
        person = Person(first_name=rng.choice(FIRST), last_name=f"{rng.choice(LAST)}-{i}",
                        email=f"scale-{i}@{DOMAIN}", department=rng.choice(DEPARTMENTS),
                        languages=rng.sample(["de", "en", "tr", "ar", "pl", "uk"], 2), consent_at=utcnow())
        person.role_links = [PersonRole(role=role)] if role else []
        people.append(person)
    db.session.add_all(people)
    db.session.flush()
    return people


def _scaled_pairs(mentors: list, mentees: list, rng) -> list:
    from bridge.modules.mentoring.models import MentoringSession
    from bridge.modules.pairing.models import Pair, PairTransition

    states = [state for state, weight, _s in PAIR_MIX for _ in range(weight)]
    sessions = {state: held for state, _w, held in PAIR_MIX}
    pairs = []
    for index, (mentor, mentee) in enumerate(zip(mentors, mentees)):
        state = states[index % len(states)]
        started = utcnow() - timedelta(days=rng.randint(20, 300))
        pair = Pair(mentor_id=mentor.id, mentee_id=mentee.id, state=state, source="manual", started_at=started)
        pair.transitions.append(PairTransition(from_state=None, to_state=state))
        db.session.add(pair)
        pairs.append(pair)
        for k in range(sessions[state]):
            held_on = (started + timedelta(days=14 * k)).date()
            db.session.add(MentoringSession(pair=pair, author_id=mentor.id, held_on=held_on, duration_minutes=60,
                                            topics="Fallarbeit",
                                            mode=rng.choice(["onsite", "online", "phone"])))
    db.session.flush()
    return pairs


def _scaled_evaluations(pairs: list, rng) -> None:
    from bridge.modules.evaluation.models import EvaluationAnswer, EvaluationResponse
    from bridge.modules.evaluation.operations.definitions import all_latest, load_forms

    load_forms()
    finals = {form.audience: form for form in all_latest() if form.type == "final"}
    for pair in (p for p in pairs if p.state == "completed"):
        for role, person_id in (("mentor", pair.mentor_id), ("mentee", pair.mentee_id)):
            form = finals.get(role)
            if form is None:
                continue
            answers = [EvaluationAnswer(item_key=item["key"], aspect=item["aspect"], value=rng.randint(3, 5))
                       for item in form.items if item.get("kind") == "likert"]
            db.session.add(EvaluationResponse(form_id=form.id, form_key=form.key, form_version=form.version,
                                              pair_id=pair.id, respondent_id=person_id, role=role, answers=answers))


def _scaled_community(people: list, rng) -> None:
    from bridge.modules.community.models.practices import GoodPractice, PracticeState
    from bridge.modules.community.models.qa import Question

    for i, author in enumerate(people[:: max(1, len(people) // 100)]):
        db.session.add(GoodPractice(author_id=author.id, title=f"Gute Praxis {i}", department=author.department,
                                    context="Teamübergreifende Fallbesprechung", state=PracticeState.PUBLISHED))
        db.session.add(Question(author_id=author.id, title=f"Frage {i}: Wie bereite ich das Erstgespräch vor?",
                                body="Welche Unterlagen haben sich bewährt?", lang="de"))


def load_scaled(n: int, seed: int = 15) -> int:
    """Add a programme of n generated people (mentors, mentees, tandems in every state, content)."""
    import random

    rng = random.Random(seed)
    if db.session.scalar(db.select(db.func.count(Person.id)).where(Person.email.like(f"scale-%@{DOMAIN}"))):
        raise NotEmpty("A generated programme is already loaded.")
    people = _scaled_people(n, rng)
    for index, person in enumerate(p for p in people if p.role_links):
        _training(person, index)
    mentors = [p for p in people if p.has_role("mentor")]
    pairs = _scaled_pairs(mentors, [p for p in people if p.has_role("mentee")], rng)
    _scaled_evaluations(pairs, rng)
    _scaled_community(people, rng)
    db.session.commit()
    return len(people)
