"""Factories for cycle tests: cycles, tandems in a department, trained mentors, evaluation answers."""
from datetime import date, datetime, timezone

import pytest

from bridge.modules.cycles.models import Cycle
from bridge.modules.pairing.models import Pair
from bridge.modules.training.models import OER_MODULES, TrainingRecord

START = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def make_cycle(db):
    """Return a factory of cycles (current by default)."""
    counter = iter(range(1, 1000))

    def factory(state="current", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), name=None):
        cycle = Cycle(name=name or f"Cycle {next(counter)}", starts_on=starts_on, ends_on=ends_on, state=state)
        db.session.add(cycle)
        db.session.commit()
        return cycle

    return factory


@pytest.fixture
def train(db):
    """Return a function that records all three OER modules as passed for a person."""

    def done(person, when=START):
        for module in OER_MODULES:
            db.session.add(TrainingRecord(person_id=person.id, module_id=module, status="passed", completed_at=when))
        db.session.commit()
        return person

    return done


@pytest.fixture
def make_tandem(db, make_person):
    """Return a factory of tandems (active by default) in a department."""

    def factory(state="active", department="Social services", mentor=None, mentee=None, started_at=START,
                ended_at=None):
        mentor = mentor or make_person(roles=["mentor"], department=department)
        mentee = mentee or make_person(roles=["mentee"], department=department)
        pair = Pair(mentor_id=mentor.id, mentee_id=mentee.id, state=state, source="manual", started_at=started_at,
                    ended_at=ended_at)
        db.session.add(pair)
        db.session.commit()
        return pair

    return factory
