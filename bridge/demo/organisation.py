"""Demo data: the fictional municipality of Lindenau and its mentoring programme."""
import io
from datetime import date, datetime, time, timedelta, timezone

from bridge.core.db import db, utcnow
from bridge.core.effects import PENDING as PENDING_EFFECTS
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
     ["trainer", "mentor", "external"]),  # the last role names the login label
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
    _programme(people, people[("Katrin", "Vogel")])
    db.session.commit()
    return sorted(logins.items())


# --- The programme in motion: tandems in every state, their work over six months, and the community -----
# Everything goes through the domain operations, so the data obeys the lifecycle guards; dates are fixed
# offsets from the day of the run (`today`), so every run gives the same programme relative to its day.
# (mentor, mentee, state, days since the agreed start, months agreed, sessions held, sessions confirmed)
TANDEMS = [
    (("Aylin", "Demir"), ("Lena", "Fischer"), "active", 105, 6, 6, 5),        # the printed mentor and mentee
    (("Aylin", "Demir"), ("Anna", "Schmidt"), "completed", 200, 6, 9, 9),
    (("Aylin", "Demir"), ("Elif", "Kaya"), "agreed", 6, 6, 1, 0),
    (("Olena", "Kovalenko"), ("Mehmet", "Yilmaz"), "completed", 190, 6, 8, 8),
    (("Fatemeh", "Rahimi"), ("Mariam", "Osman"), "active", 150, 6, 7, 7),
    (("Samir", "Haddad"), ("Ivana", "Petrović"), "active", 60, 6, 3, 3),
    (("Rahel", "Tesfaye"), ("Yusuf", "Ahmadi"), "active", 120, 6, 5, 5),      # the printed external mentor
    (("Georg", "Albrecht"), ("Hanna", "Wolf"), "completed", 185, 6, 7, 7),
    (("Jens", "Hartmann"), ("Felix", "Neumann"), "ended_early", 80, 6, 2, 2),
    (("Monika", "Schulte"), ("Sophie", "Wagner"), "introduced", None, None, 0, 0),
    (("Dariusz", "Nowak"), ("Daniel", "Lehmann"), "proposed", None, None, 0, 0),
    (("Thomas", "Berger"), ("Kemal", "Arslan"), "proposed", None, None, 0, 0),
]
SESSION_TOPICS = [
    ("Getting to know each other; expectations and goals for the mentoring", "onsite"),
    ("A difficult conversation at the counter: what happened and what could help", "onsite"),
    ("Working with interpreters: preparing, briefing and the role of the interpreter", "online"),
    ("Own assumptions about clients: a reflection exercise", "online"),
    ("Explaining procedures in plain language; rewriting one of our letters", "onsite"),
    ("Case discussion: a family with unclear residence status", "phone"),
    ("De-escalation: what worked, what did not", "onsite"),
    ("Networking with counselling services in the neighbourhood", "online"),
    ("Looking back on the mentoring and planning the next steps", "onsite"),
]
SESSION_COMPETENCES = ["intercultural_communication", "relationship_building", "self_awareness",
                       "humility_respect", "knowledge_of_cultures", "adaptability", "organisational_skills"]
MESSAGES = [
    ("mentor", "Hello! I am looking forward to our first meeting. Does Tuesday morning suit you?"),
    ("mentee", "Tuesday at 9 is fine. Shall we meet in the small meeting room on the ground floor?"),
    ("mentor", "Perfect. Please bring one situation from the last weeks that you found difficult."),
    ("mentee", "Thank you for today. The checklist for the interpreter briefing already helped me twice."),
    ("mentor", "Great to hear! I have put the plain-language guide into our documents."),
    ("mentee", "Could we move our next meeting to the afternoon? We have a team day in the morning."),
    ("mentor", "Of course, 14:00 works for me. See you then."),
    ("mentee", "I tried the reflection exercise with a colleague, and we want to use it in our team meeting."),
]
GOOD_FEEDBACK = "Very helpful: concrete examples from daily work and time to reflect."


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=timezone.utc)


def _sign_agreement(pair, start_on: date, months: int) -> None:
    from bridge.modules.agreements.operations.agreement import save_version, sign, start_agreement

    agreement = start_agreement(pair.mentor, pair, "de")
    sections = dict(agreement.latest.content["sections"])
    sections["deliverables"] = "Eine Checkliste für Gespräche mit Dolmetschenden; ein überarbeitetes Anschreiben."
    version = save_version(pair.mentor, agreement, {**sections, "start_on": start_on, "duration_months": months,
                                                    "meeting_rhythm": "alle zwei bis drei Wochen, 60 bis 90 Minuten"})
    for member in (pair.mentor, pair.mentee):
        sign(member, agreement, version.number, member.full_name, True)
    agreement.signed_at = _at(start_on)
    # dated as it would have happened: drafted a week before the start, signed on the start date
    agreement.created_at = _at(start_on - timedelta(days=7), 9)
    for draft in agreement.versions:
        draft.created_at = _at(start_on - timedelta(days=8 - 2 * draft.number), 10)
    for n, signature in enumerate(version.signatures):
        signature.signed_at = _at(start_on, 10 + n)


def _sessions(pair, start_on: date, held: int, confirmed: int, today: date) -> None:
    from bridge.modules.mentoring.operations.sessions import confirm_session, log_session

    span = max(1, (min(today, start_on + timedelta(days=182)) - start_on).days - 3)
    for n in range(held):
        held_on = start_on + timedelta(days=3 + n * span // max(1, held))
        topic, mode = SESSION_TOPICS[n % len(SESSION_TOPICS)]
        author, partner = (pair.mentor, pair.mentee) if n % 3 else (pair.mentee, pair.mentor)
        session = log_session(author, pair, {
            "held_on": held_on, "duration_minutes": 60 + 15 * (n % 3), "mode": mode, "topics": topic,
            "competences": SESSION_COMPETENCES[n % 5:n % 5 + 2], "rating": str(3 + n % 2),
            "outcomes": "Agreed on one thing to try before the next meeting.",
            "next_steps": "Try the approach with two clients and report back."})
        session.created_at = _at(held_on, 16)
        if n < confirmed:
            confirm_session(partner, pair, session, str(3 + (n + 1) % 2), GOOD_FEEDBACK if n % 2 else "")
            session.confirmed_at = _at(held_on + timedelta(days=1), 9)


def _messages(pair, start_on: date, today: date) -> None:
    from bridge.modules.mentoring.operations.messages import post_message

    days = max(1, (min(today, start_on + timedelta(days=182)) - start_on).days)
    for n, (role, body) in enumerate(MESSAGES):
        message = post_message(pair.mentor if role == "mentor" else pair.mentee, pair, body)
        message.created_at = _at(start_on - timedelta(days=2) + timedelta(days=n * days // len(MESSAGES)),
                                 8 + n % 9)


def _answers(form, seed: int) -> dict:
    answers = {}
    for n, item in enumerate(form.items):
        if item["kind"] == "text":
            answers[item["key"]] = "Die Treffen waren gut vorbereitet und praxisnah." if item["required"] or n % 2 else ""
        else:
            answers[item["key"]] = str(min(item.get("scale", 5), 3 + (seed + n) % 3))
    return answers


def _evaluate(pair, kinds: tuple[str, ...], seed: int, when: datetime) -> None:
    """Submit the tandem's responses through the operation, then date them as the demo's history says (a bulk
    UPDATE: the responses stay immutable for the application, which changes them through the ORM only)."""
    from bridge.modules.evaluation.models import EvaluationResponse
    from bridge.modules.evaluation.operations.definitions import all_latest
    from bridge.modules.evaluation.operations.responses import submit_evaluation

    ids = []
    for form in (f for f in all_latest() if f.type in kinds):
        for role, member in (("mentor", pair.mentor), ("mentee", pair.mentee)):
            if form.audience in (role, "both"):
                ids.append(submit_evaluation(member, form, pair, _answers(form, seed + len(role))).id)
    if ids:
        db.session.execute(db.update(EvaluationResponse).where(EvaluationResponse.id.in_(ids))
                           .values(submitted_at=when), execution_options={"synchronize_session": False})


def _tandems(people: dict, coordinator, today: date) -> list:
    from bridge.modules.mentoring.operations.ending import complete_pair, end_pair_early
    from bridge.modules.pairing.models import PairSource, PairState
    from bridge.modules.pairing.operations.pairs import create_pair, transition

    pairs = []
    for index, (mentor, mentee, state, days, months, held, confirmed) in enumerate(TANDEMS):
        pair = create_pair(coordinator, people[mentor], people[mentee], PairSource.MANUAL,
                           "Demo: languages, competences and availability fit.")
        pairs.append(pair)
        if state == "proposed":
            continue
        transition(pair, PairState.INTRODUCED, coordinator, "Introduced by mail and in Moodle.")
        if state == "introduced":
            from bridge.modules.agreements.operations.agreement import start_agreement

            start_agreement(pair.mentor, pair, "de")
            continue
        start_on = today - timedelta(days=days)
        _sign_agreement(pair, start_on, months)
        _sessions(pair, start_on, held, confirmed, today)
        if state != "agreed":
            _messages(pair, start_on, today)
            pair.started_at = _at(start_on + timedelta(days=4))
        if days >= 90 and state != "ended_early":
            _evaluate(pair, ("midterm",), index, _at(min(start_on + timedelta(days=90), today), 16))
        if state == "completed":
            _evaluate(pair, ("final", "mutual"), index, _at(min(start_on + timedelta(days=182), today), 16))
            complete_pair(pair.mentee, pair, "We reached our goals.")
            pair.ended_at = _at(start_on + timedelta(days=184))
        elif state == "ended_early":
            end_pair_early(pair.mentee, pair, "I am moving to another department and have no time for the "
                                              "mentoring any more.")
            pair.ended_at = _at(start_on + timedelta(days=40))
    for index, (pair, entry) in enumerate(zip(pairs, TANDEMS)):
        _backdate(pair, today, entry[3], index)
    return pairs


def _backdate(pair, today: date, days: int | None, index: int) -> None:
    """Date the tandem's history as it would have happened: proposed two weeks before the agreed start."""
    created = today - timedelta(days=(days + 14) if days is not None else 3 + index)
    start = today - timedelta(days=days) if days is not None else None
    when = {"proposed": created, "introduced": created + timedelta(days=3), "agreed": start,
            "active": start and start + timedelta(days=4), "completed": start and start + timedelta(days=184),
            "ended_early": start and start + timedelta(days=40)}
    pair.created_at = _at(created, 9)
    for step in pair.transitions:
        if when.get(step.to_state) is not None:
            step.created_at = _at(when[step.to_state], 11)


QUESTIONS = [
    (("Lena", "Fischer"), "de", "Wie bereite ich ein Gespräch mit Dolmetscherin vor?",
     "Nächste Woche habe ich zum ersten Mal ein Gespräch mit einer Dolmetscherin. Worauf sollte ich achten?",
     ["intercultural_communication", "dolmetschen"],
     [(("Aylin", "Demir"), "Ein kurzes Vorgespräch von fünf Minuten hilft sehr: Ziel des Gesprächs, Fachbegriffe "
                           "und Ihre Rolle klären. Sprechen Sie im Gespräch die Klientin direkt an, nicht die "
                           "Dolmetscherin.", True),
      (("Samir", "Haddad"), "Planen Sie doppelt so viel Zeit ein wie sonst.", False)]),
    (("Mehmet", "Yilmaz"), "en", "Where can clients get foreign qualifications recognised?",
     "A client has a nursing degree from Turkey. Which office is responsible, and how long does it take?",
     ["recognition", "knowledge_of_cultures"],
     [(("Olena", "Kovalenko"), "The recognition counselling service of the chamber is the first stop; "
                               "for nursing the state office decides. Expect three to four months.", True)]),
    (("Sophie", "Wagner"), "de", "Elterngespräche ohne gemeinsame Sprache",
     "Wie führen Sie Elterngespräche, wenn es keine gemeinsame Sprache gibt und kein Dolmetschdienst frei ist?",
     ["relationship_building"], [(("Monika", "Schulte"), "Bildkarten und mehrsprachige Kurzinfos aus unserem "
                                                         "Materialordner; wichtige Termine immer schriftlich.", False)]),
    (("Felix", "Neumann"), "en", "Template for a plain-language appointment letter?",
     "Does anyone have a tested template for appointment letters in plain language?", ["plain language"], []),
]
PRACTICES = [
    (("Aylin", "Demir"), "Five-minute briefing before every interpreted conversation", SOCIAL,
     ["intercultural_communication", "organisational_skills"],
     {"context": "Counselling families with interpreters at the social services office.",
      "challenge": "Conversations took long, and interpreters were unsure what was expected of them.",
      "approach": "A five-minute briefing with a one-page checklist: purpose, terms, roles, breaks.",
      "tools_used": "Checklist (one page), room with three chairs in a triangle.",
      "outcome": "Shorter conversations and fewer follow-up appointments.",
      "evidence": "Team survey after three months: 9 of 11 colleagues use the checklist.",
      "transferability": "Works in every office that uses interpreters."}, True),
    (("Dariusz", "Nowak"), "Appointment letters in plain language", CITIZENS, ["organisational_skills"],
     {"context": "Registration appointments at the citizens' office.",
      "challenge": "Many people came without the documents they needed.",
      "approach": "Rewrote the letter in plain language with pictograms for each document.",
      "tools_used": "Plain-language rules, pictograms.", "outcome": "Fewer incomplete appointments.",
      "evidence": "Incomplete appointments fell from 30 % to 12 %.",
      "transferability": "Any office that sends appointment letters."}, True),
    (("Fatemeh", "Rahimi"), "Vaccination information with community multipliers", HEALTH, ["knowledge_of_cultures"],
     {"context": "Vaccination campaign for newly arrived families.",
      "challenge": "Printed leaflets did not reach the families.",
      "approach": "Trained four community multipliers who explained the campaign in their languages.",
      "tools_used": "", "outcome": "Twice as many appointments as in the previous campaign.",
      "evidence": "", "transferability": "Health and social services."}, False),
]
WORKSHOPS = [
    ("Working with interpreters", -40, "Rathaus, Saal 2", ("Georg", "Albrecht"),
     "Practise briefing, seating and turn-taking with interpreters.",
     "Checklist for interpreted conversations agreed; shared in the good practices."),
    ("Stereotypes at the counter", -12, "Rathaus, Saal 2", ("Georg", "Albrecht"),
     "Case work on our own assumptions, with scenarios from the library.", "Three team agreements collected."),
    ("Peer exchange of mentors", 21, "", ("Rahel", "Tesfaye"),
     "Mentors share what works in their tandems.", ""),
]
SHADOWING = [  # shadower (a trainer or trained mentor who observes), host (who gets goals and feedback), days ago, days,
    # focus, with outcome
    (("Georg", "Albrecht"), ("Lena", "Fischer"), 70, 1, ["organisational_skills"], True),
    (("Fatemeh", "Rahimi"), ("Mariam", "Osman"), 45, 2, ["knowledge_of_cultures", "intercultural_communication"],
     True),
    (("Monika", "Schulte"), ("Julia", "Krüger"), -10, 1, ["relationship_building"], False),
]
APPLICANTS = [  # first, last, organisation, languages, state
    ("Amal", "Idris", "Sudanese community association", ["ar", "en", "de"], "submitted"),
    ("Tomasz", "Wiśniewski", "Freelance interpreter", ["pl", "de", "ru"], "info_requested"),
    ("Noor", "Haidari", "Refugee counselling Lindenau e.V.", ["fa", "prs", "de"], "accepted"),
    ("Peter", "Sommer", "Sommer Consulting", ["de"], "rejected"),
    ("Ines", "Morales", "Migrant women's network", ["es", "de"], "anonymised"),
]
# A valid one-page PDF (the CV of every demo applicant).
DEMO_CV = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
           b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _community(people: dict, coordinator, today: date) -> None:
    from bridge.modules.community.models.workshops import Scenario
    from bridge.modules.community.operations import practices, qa, workshops

    for n, (author, lang, title, body, tags, answers) in enumerate(QUESTIONS):
        question = qa.ask_question(people[author], {"title": title, "body": body, "tags": tags, "lang": lang})
        question.created_at = _at(today - timedelta(days=60 - 12 * n))
        for k, (who, text, accepted) in enumerate(answers):
            answer = qa.answer_question(people[who], question, text)
            answer.created_at = _at(today - timedelta(days=59 - 12 * n - k))
            if accepted:
                qa.accept_answer(people[author], question, answer)
    for author, title, department, competences, fields, publish in PRACTICES:
        practice = practices.create_practice(people[author], {"title": title, "kind": "practice",
                                                              "department": department, "competences": competences,
                                                              **fields})
        practices.submit_practice(people[author], practice)
        if publish:
            practices.review_practice(coordinator, practice, True, "Thank you, published.")
    scenarios = db.session.scalars(db.select(Scenario).order_by(Scenario.id)).all()
    mentors = [p for p in people.values() if p.has_role("mentor")]
    mentees = [p for p in people.values() if p.has_role("mentee")]
    for n, (title, offset, place, facilitator, description, outcomes) in enumerate(WORKSHOPS):
        workshop = workshops.save_workshop(coordinator, None, {
            "title": title, "starts_at": _at(today + timedelta(days=offset), 14), "place": place,
            "online_link": "" if place else "https://video.lindenau.example/mentoring",
            "description": description, "outcomes": outcomes, "facilitator_id": people[facilitator].id})
        guests = [people[("Aylin", "Demir")], people[("Lena", "Fischer")], *mentors[n::2], *mentees[n::3]]
        invited = workshops.invite(coordinator, workshop, list({p.id: p for p in guests}.values()))
        if offset < 0:
            workshops.record_attendance(coordinator, workshop, {p.id for p in invited[::3]} | {invited[0].id})
        workshops.set_scenarios(coordinator, workshop, scenarios[n * 2:n * 2 + 2])


def _shadowing(people: dict, coordinator, today: date) -> None:
    from bridge.modules.shadowing.operations import create_activity, record_outcome
    from bridge.modules.shadowing.util import ITEM_KEYS

    for shadower, host, ago, length, focus, done in SHADOWING:
        start = today - timedelta(days=ago)
        activity = create_activity(coordinator, {"shadower_id": people[shadower].id, "host_id": people[host].id,
                                                 "start_date": start, "end_date": start + timedelta(days=length - 1),
                                                 "focus_competences": focus})
        if done:
            record_outcome(coordinator, activity, {
                "observations": "Clear structure of the appointments; every client was greeted in their language.",
                "feedback": "Discussed the observations with the host the next day.",
                "checklist": list(ITEM_KEYS[: len(ITEM_KEYS) * 2 // 3])})


def _applications(coordinator) -> None:
    from werkzeug.datastructures import FileStorage

    from bridge.modules.externals.models import ExternalApplication
    from bridge.modules.externals.operations import review
    from bridge.modules.externals.operations.applications import submit_application

    for n, (first, last, organisation, languages, state) in enumerate(APPLICANTS):
        email = _email(first, last).replace(f"@{DOMAIN}", "@example.org")
        if db.session.scalar(db.select(ExternalApplication.id).where(ExternalApplication.email == email)):
            continue
        application = submit_application({
            "first_name": first, "last_name": last, "email": email, "organisation": organisation,
            "languages": languages, "competences": {"intercultural_communication": 4, "culture_concept": 3},
            "experience_years": 4 + n * 3, "work_areas": "Counselling migrants and refugees",
            "know_how": "Community interpreting; work with families",
            "willingness_statement": "I want to help public services understand our communities.",
            "willingness_scale": 4, "capacity": 1, "availability": ["tue-pm", "thu-pm"], "modes": ["online"],
            "consent": True, "locale": "de" if n % 2 else "en", "answers": {}},
            FileStorage(io.BytesIO(DEMO_CV), filename="cv.pdf", content_type="application/pdf"))
        if state == "info_requested":
            review.request_info(coordinator, application, "Could you tell us more about your work with families?")
        elif state == "accepted":
            review.add_comment(coordinator, application, "Strong background; fits the Dari-speaking mentees.")
            review.accept(coordinator, application)
        elif state in ("rejected", "anonymised"):
            review.reject(coordinator, application, "We currently have enough mentors with this profile.")
            if state == "anonymised":
                review.anonymise(application)


def _programme(people: dict, coordinator, today: date | None = None) -> None:
    """Add tandems in every state with their sessions, messages and evaluations, the community and applications."""
    from bridge.modules.evaluation.operations.definitions import ensure_forms
    from bridge.modules.pairing.models import Pair
    from bridge.modules.pairing.operations.matching import run_matching

    if db.session.scalar(db.select(db.func.count(Pair.id))):
        return
    today = today or utcnow().date()
    ensure_forms()
    _tandems(people, coordinator, today)
    _community(people, coordinator, today)
    _shadowing(people, coordinator, today)
    _applications(coordinator)
    run_matching(coordinator)  # a draft run for the mentees still without a tandem, for the coordinator to review
    db.session.flush()
    db.session.info.pop(PENDING_EFFECTS, None)  # demo people have no real mailboxes: no mails for the demo itself


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
