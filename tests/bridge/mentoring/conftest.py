"""Factories for workspace tests: tandems in a given state, logging in as a given person."""
from datetime import timedelta

import pytest

from bridge.core.db import utcnow
from bridge.modules.agreements.models import Agreement, AgreementVersion
from bridge.modules.evaluation.models import EvaluationResponse
from bridge.modules.evaluation.operations.definitions import all_latest, load_forms

from bridge.modules.pairing.models import Pair, PairTransition


@pytest.fixture
def make_tandem(db, make_person):
    """Return a factory of tandems (mentor + mentee) in a given state, introduced by default."""

    def factory(state="introduced", mentor=None, mentee=None):
        mentor = mentor or make_person(roles=["mentor"], first_name="Mara", last_name="Mentor")
        mentee = mentee or make_person(roles=["mentee"], first_name="Emil", last_name="Mentee")
        pair = Pair(mentor_id=mentor.id, mentee_id=mentee.id, state=state, source="manual")
        pair.transitions.append(PairTransition(from_state=None, to_state="proposed"))
        if state != "proposed":
            pair.transitions.append(PairTransition(from_state="proposed", to_state="introduced"))
        db.session.add(pair)
        db.session.commit()
        return pair

    return factory


@pytest.fixture
def tandem(make_tandem):
    """Return an introduced tandem."""
    return make_tandem()


@pytest.fixture
def login(client):
    """Return a function that logs the client in as an existing person."""

    def log_in(person):
        with client.session_transaction() as session:
            session["_user_id"] = person.account.get_id()
            session["_fresh"] = True
        return person

    return log_in


@pytest.fixture
def ready_tandem(db, make_tandem):
    """Return an active tandem whose agreed duration (signed seven months ago) is over and finals are in."""
    pair = make_tandem(state="active")
    signed_at = utcnow() - timedelta(days=215)
    agreement = Agreement(pair_id=pair.id, language="en", state="signed", signed_number=1, signed_at=signed_at)
    agreement.versions.append(AgreementVersion(number=1, content={}, sha256="-", start_on=signed_at.date(),
                                               duration_months=6))
    db.session.add(agreement)
    load_forms()
    for form in all_latest():
        if form.type == "final":
            respondent = pair.mentor_id if form.audience == "mentor" else pair.mentee_id
            db.session.add(EvaluationResponse(form_id=form.id, form_key=form.key, form_version=form.version,
                                              pair_id=pair.id, respondent_id=respondent, role=form.audience))
    db.session.commit()
    return pair
