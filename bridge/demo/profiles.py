"""Demo mentoring profiles and procedures checklist for the fictional municipality of Lindenau."""
from bridge.core.db import db, utcnow
from bridge.modules.pairing.models import MenteeProfile, MentorProfile, ProcedureItem
from bridge.modules.pairing.operations.profiles import save_mentee_profile, save_mentor_profile

BOTH = ["online", "onsite"]
# (first, last): competences {key: level 1-4}, years, areas of work, know-how, willingness (text, 1-5),
# slots, modes, capacity
MENTORS = {
    ("Aylin", "Demir"): ({"intercultural_communication": 4, "relationship_building": 4, "humility_respect": 3,
                          "self_awareness": 3, "commitment": 3}, 12,
                         "Counselling families with a migration background; social benefits advice",
                         "Conversations with interpreters; de-escalation at the counter",
                         ("I want our services to feel welcoming to everyone who walks in.", 5),
                         ["mon-am", "tue-pm", "thu-am"], BOTH, 3),
    ("Thomas", "Berger"): ({"knowledge_of_cultures": 4, "organisational_skills": 4, "culture_concept": 3,
                            "adaptability": 2}, 15, "Residence permits, asylum procedures",
                           "Residence law in plain language; structuring complex cases",
                           ("Clear procedures help applicants and staff alike.", 3),
                           ["tue-am", "wed-am", "thu-pm"], ["onsite"], 2),
    ("Olena", "Kovalenko"): ({"adaptability": 4, "intercultural_communication": 3, "commitment": 4,
                              "relationship_building": 3}, 8, "Job placement of refugees from Ukraine",
                             "Recognition of foreign qualifications; working with employers",
                             ("I was new here once myself and want to pass on what helped me.", 4),
                             ["mon-pm", "wed-pm", "fri-am"], BOTH, 2),
    ("Samir", "Haddad"): ({"relationship_building": 4, "culture_concept": 3, "self_awareness": 4,
                           "humility_respect": 4}, 10, "Unaccompanied minors, youth welfare",
                          "Building trust with young people; working with guardians",
                          ("Every young person deserves an adult who listens.", 4),
                          ["tue-pm", "thu-pm", "fri-pm"], ["online"], 2),
    ("Monika", "Schulte"): ({"organisational_skills": 3, "adaptability": 3, "commitment": 4,
                             "humility_respect": 3}, 20, "Kindergarten places for newly arrived families",
                            "Parent conversations across languages; multilingual day-care material",
                            ("Small changes in daily routines make a big difference.", 3),
                            ["mon-am", "wed-am", "fri-am"], ["onsite"], 2),
    ("Dariusz", "Nowak"): ({"organisational_skills": 4, "intercultural_communication": 3,
                            "knowledge_of_cultures": 3}, 6, "Registration and documents at the citizens' office",
                           "Efficient appointment systems; simple-language forms",
                           ("I like improving processes so that waiting times drop.", 4),
                           ["mon-pm", "tue-am", "thu-am"], BOTH, 2),
    ("Fatemeh", "Rahimi"): ({"culture_concept": 4, "knowledge_of_cultures": 4, "humility_respect": 4,
                             "intercultural_communication": 4}, 9, "Public health advice, vaccination campaigns",
                            "Health information for communities from Afghanistan and Iran",
                            ("Trust is built by meeting people where they are.", 5),
                            ["wed-am", "wed-pm", "thu-am"], BOTH, 2),
    ("Jens", "Hartmann"): ({"organisational_skills": 3, "adaptability": 3, "self_awareness": 2, "commitment": 3},
                           5, "Housing allocation and emergency accommodation",
                           "Working with landlords; mediating neighbourhood conflicts",
                           ("I am open to new ways of working.", 2), ["tue-am", "fri-am"], ["onsite"], 1),
    ("Rahel", "Tesfaye"): ({"intercultural_communication": 4, "relationship_building": 4, "culture_concept": 4,
                            "self_awareness": 3}, 14, "Counselling refugees from East Africa (NGO)",
                           "Community interpreting; trauma-sensitive conversations",
                           ("Administrations and communities learn most from each other.", 5),
                           ["mon-pm", "thu-pm"], ["online"], 2),
    ("Georg", "Albrecht"): ({"culture_concept": 4, "self_awareness": 4, "adaptability": 3,
                             "intercultural_communication": 4}, 18, "Intercultural training for public services",
                            "Workshops on stereotypes and bias; reflective practice",
                            ("Change starts with looking at our own assumptions.", 5),
                            ["wed-pm", "fri-am"], ["online"], 1),
}
# (first, last): goals, wanted competences {key: priority 1-3}, preferred language, slots, modes
MENTEES = {
    ("Lena", "Fischer"): ("Feel confident explaining registration rules to people with little German.",
                          {"intercultural_communication": 3, "humility_respect": 2, "adaptability": 1}, "de",
                          ["mon-am", "tue-am", "thu-am"], BOTH),
    ("Mehmet", "Yilmaz"): ("Support clients with recognised and unrecognised qualifications better.",
                           {"adaptability": 3, "commitment": 2, "organisational_skills": 1}, "tr",
                           ["mon-pm", "wed-pm"], BOTH),
    ("Sophie", "Wagner"): ("Lead parent conversations with families who have just arrived.",
                           {"relationship_building": 3, "intercultural_communication": 2}, "de",
                           ["mon-am", "wed-am"], ["onsite"]),
    ("Lukas", "Becker"): ("Understand the cultural background of applicants from the Middle East.",
                          {"knowledge_of_cultures": 3, "culture_concept": 2}, "de", ["wed-am", "thu-am"], BOTH),
    ("Anna", "Schmidt"): ("Stay calm and respectful in emotionally difficult counselling situations.",
                          {"self_awareness": 3, "humility_respect": 3, "relationship_building": 1}, "de",
                          ["mon-am", "thu-am"], BOTH),
    ("Ivana", "Petrović"): ("Build trust with unaccompanied minors and their guardians.",
                            {"relationship_building": 3, "self_awareness": 2}, "de", ["tue-pm", "thu-pm"], ["online"]),
    ("Felix", "Neumann"): ("Organise emergency accommodation with less friction between offices.",
                           {"organisational_skills": 3, "adaptability": 2}, "de", ["tue-am", "fri-am"], ["onsite"]),
    ("Mariam", "Osman"): ("Bring health information to communities that the office rarely reaches.",
                          {"knowledge_of_cultures": 3, "intercultural_communication": 3, "commitment": 1}, "ar",
                          ["wed-am", "wed-pm"], BOTH),
    ("Julia", "Krüger"): ("Make our day-care registration understandable for every family.",
                          {"organisational_skills": 2, "intercultural_communication": 2, "culture_concept": 1}, "de",
                          ["mon-am", "fri-am"], ["onsite"]),
    ("Daniel", "Lehmann"): ("Learn to work with interpreters at the counter.",
                            {"intercultural_communication": 3, "organisational_skills": 1}, "ru",
                            ["mon-pm", "tue-am"], BOTH),
    ("Elif", "Kaya"): ("Reflect on my own assumptions when advising families.",
                       {"self_awareness": 3, "culture_concept": 2}, "tr", ["tue-pm", "wed-pm", "thu-am"], BOTH),
    ("Tobias", "Richter"): ("Improve how we place refugees with local employers.",
                            {"commitment": 3, "adaptability": 2, "relationship_building": 1}, "de",
                            ["mon-pm", "fri-am"], BOTH),
    ("Hanna", "Wolf"): ("Grow into a mentor role for new colleagues in the youth office.",
                        {"relationship_building": 2, "commitment": 3, "self_awareness": 1}, "de",
                        ["tue-pm", "wed-pm", "fri-pm"], ["online"]),
    ("Bogdan", "Ionescu"): ("Mediate neighbourhood conflicts in shared accommodation.",
                            {"adaptability": 3, "humility_respect": 2}, "de", ["tue-am", "thu-pm"], ["onsite"]),
    ("Sarah", "Zimmermann"): ("Explain residence procedures in plain language.",
                              {"intercultural_communication": 3, "organisational_skills": 2}, "de",
                              ["wed-am", "thu-pm"], BOTH),
    ("Kemal", "Arslan"): ("Handle conflicts at the counter without escalation.",
                          {"self_awareness": 2, "humility_respect": 3, "intercultural_communication": 2}, "de",
                          ["mon-pm", "thu-am"], BOTH),
    ("Nadine", "Braun"): ("Work more confidently with parents who speak little German.",
                          {"intercultural_communication": 3, "relationship_building": 2}, "de",
                          ["mon-am", "wed-am", "thu-pm"], BOTH),
    ("Yusuf", "Ahmadi"): ("Understand the expectations of colleagues and clients in German offices.",
                          {"culture_concept": 3, "knowledge_of_cultures": 2, "adaptability": 2}, "prs",
                          ["wed-pm", "thu-pm"], ["online"]),
    ("Christina", "Hoffmann"): ("Design vaccination information that reaches everyone.",
                                {"knowledge_of_cultures": 2, "culture_concept": 2, "commitment": 2}, "de",
                                ["wed-am", "thu-am"], BOTH),
    ("Marco", "Lange"): ("Coach long-term unemployed migrants with more empathy.",
                         {"humility_respect": 3, "relationship_building": 2, "self_awareness": 1}, "de",
                         ["mon-pm", "wed-pm", "fri-pm"], BOTH),
}
# mentee -> line manager (both must exist); one declared conflict of a mentor
LINE_MANAGERS = {("Lukas", "Becker"): ("Thomas", "Berger"), ("Sarah", "Zimmermann"): ("Thomas", "Berger"),
                 ("Tobias", "Richter"): ("Olena", "Kovalenko"), ("Nadine", "Braun"): ("Monika", "Schulte")}
CONFLICTS = {("Samir", "Haddad"): [("Hanna", "Wolf")]}  # family members
PROCEDURES = [
    ("Data-protection notice given to every participant and consent recorded (GDPR Art. 13)", "legal"),
    ("Service agreement with the staff council: mentoring time counts as working time", "procedural"),
    ("Confidentiality rules for mentoring conversations agreed", "procedural"),
    ("Heads of department released mentors for two hours per month", "departmental"),
]


def _has(model, person) -> bool:
    return db.session.scalar(db.select(model.id).where(model.person_id == person.id)) is not None


def _mentor_data(entry, conflicts) -> dict:
    competences, years, areas, know_how, (statement, scale), slots, modes, capacity = entry
    return {"competences": competences, "experience_years": years, "work_areas": areas, "know_how": know_how,
            "willingness_statement": statement, "willingness_scale": scale, "availability": slots,
            "modes": modes, "capacity": capacity, "conflict_ids": conflicts}


def load_profiles(people: dict) -> None:
    """Give the demo mentors and mentees their profiles (skipping anyone who has one)."""
    ids = {name: person.id for name, person in people.items()}
    for name, entry in MENTORS.items():
        if name in people and not _has(MentorProfile, people[name]):
            conflicts = [ids[other] for other in CONFLICTS.get(name, []) if other in ids]
            save_mentor_profile(people[name], _mentor_data(entry, conflicts))
    for name, (goals, wanted, language, slots, modes) in MENTEES.items():
        if name in people and not _has(MenteeProfile, people[name]):
            save_mentee_profile(people[name], {
                "goals": goals, "competences": wanted, "preferred_language": language, "availability": slots,
                "modes": modes, "line_manager_id": ids.get(LINE_MANAGERS.get(name))})


def load_procedures(coordinator) -> None:
    """Add the procedures checklist, all done, unless the checklist already has items."""
    if db.session.scalar(db.select(db.func.count(ProcedureItem.id))):
        return
    for title, category in PROCEDURES:
        db.session.add(ProcedureItem(title=title, category=category, done_at=utcnow(),
                                     done_by_id=getattr(coordinator, "id", None)))
