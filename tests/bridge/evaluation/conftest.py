"""Factories for evaluation tests: tandems in a state with a start date, loaded forms, full answers."""
from datetime import datetime, timezone

import pytest

from bridge.modules.pairing.models import Pair, PairTransition

START = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def forms(db):
    """Load the shipped forms and return {key: form}."""
    from bridge.modules.evaluation.operations.definitions import all_latest, load_forms

    load_forms()
    db.session.commit()
    return {form.key: form for form in all_latest()}


@pytest.fixture
def make_tandem(db, make_person):
    """Return a factory of tandems in a state (active by default) that started on START."""

    def factory(state="active", mentor=None, mentee=None, started_at=START, department="Social services"):
        mentor = mentor or make_person(roles=["mentor"], department=department)
        mentee = mentee or make_person(roles=["mentee"], department=department)
        pair = Pair(mentor_id=mentor.id, mentee_id=mentee.id, state=state, source="manual", started_at=started_at)
        pair.transitions.append(PairTransition(from_state=None, to_state=state))
        db.session.add(pair)
        db.session.commit()
        return pair

    return factory


@pytest.fixture
def login(client):
    """Return a function that logs the client in as an existing person."""

    def log_in(person):
        with client.session_transaction() as session:
            session["_user_id"] = person.account.get_id()
            session["_fresh"] = True
        return person

    return log_in


def full_answers(form, value=4, text="Helpful"):
    """Return raw answers for every item of a form."""
    return {i["key"]: (str(value) if i["kind"] == "likert" else text) for i in form.items}


def post_data(form, value=4, text="Helpful"):
    """Return the POST body of a form filled in completely."""
    return {f"item_{key}": answer for key, answer in full_answers(form, value, text).items()}
