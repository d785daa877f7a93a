"""Factories for pairing tests: trained mentors and mentees with profiles, a done checklist."""
import pytest

from bridge.modules.pairing.models import ProcedureItem
from bridge.modules.pairing.operations.profiles import save_mentee_profile, save_mentor_profile
from bridge.modules.training.models import OER_MODULES, TrainingRecord

STRONG = {"adaptability": 4, "self_awareness": 4, "commitment": 4, "intercultural_communication": 3}
WANTS = {"adaptability": 3, "self_awareness": 2}
SLOTS = ["mon-am", "tue-am", "wed-pm"]


@pytest.fixture
def train(db):
    """Return a function that records the three OER modules as passed for a person."""

    def record(person, modules=OER_MODULES, status="passed"):
        for module in modules:
            db.session.add(TrainingRecord(person_id=person.id, module_id=module, status=status, source="moodle"))
        db.session.commit()
        return person

    return record


@pytest.fixture
def make_mentor(db, make_person, train):
    """Return a factory of mentors with a profile (trained unless told otherwise)."""

    def factory(capacity=1, competences=None, trained=True, profile=None, **fields):
        person = make_person(roles=fields.pop("roles", ["mentor"]), **fields)
        data = {"competences": STRONG if competences is None else competences, "experience_years": 6,
                "work_areas": "Citizens' office", "know_how": "Plain language", "willingness_statement": "Yes",
                "willingness_scale": 4, "availability": SLOTS, "modes": ["online", "onsite"], "capacity": capacity}
        save_mentor_profile(person, {**data, **(profile or {})})
        db.session.commit()
        return train(person) if trained else person

    return factory


@pytest.fixture
def make_mentee(db, make_person):
    """Return a factory of mentees with a profile."""

    def factory(wanted=None, profile=None, **fields):
        person = make_person(roles=fields.pop("roles", ["mentee"]), **fields)
        data = {"goals": "Talk with clients confidently", "competences": WANTS if wanted is None else wanted,
                "availability": SLOTS, "modes": ["online"]}
        save_mentee_profile(person, {**data, **(profile or {})})
        db.session.commit()
        return person

    return factory


@pytest.fixture
def checklist(db):
    """Add one checklist item, done."""
    from bridge.core.db import utcnow

    item = ProcedureItem(title="Data-protection notice given", category="legal", done_at=utcnow())
    db.session.add(item)
    db.session.commit()
    return item


@pytest.fixture
def coordinator(make_person):
    """Return a coordinator (not logged in)."""
    return make_person(roles=["coordinator"], first_name="Katrin", last_name="Vogel")
