"""Factories for the community tests."""
from datetime import datetime, timezone

import pytest

from bridge.modules.community.models import Answer, GoodPractice, PracticeState, Question, Scenario, Workshop


@pytest.fixture
def make_question(db, make_person):
    """Return a factory that creates a question (with an optional answer) and commits."""

    def factory(author=None, title="How do I brief an interpreter?", body="Details", answer_by=None, **fields):
        author = author or make_person(roles=["mentee"])
        question = Question(author_id=author.id, title=title, body=body, lang="en", **fields)
        db.session.add(question)
        if answer_by is not None:
            db.session.add(Answer(question=question, author_id=answer_by.id, body="An answer", lang="en"))
        db.session.commit()
        return question

    return factory


@pytest.fixture
def make_practice(db, make_person):
    """Return a factory that creates a good practice in a state and commits."""

    def factory(author=None, state=PracticeState.DRAFT, **fields):
        author = author or make_person(roles=["mentor"])
        data = {"title": "Plain-language appointment letters", "context": "Job centre", "challenge": "Missed dates",
                "approach": "Rewrote the letter", "outcome": "Fewer missed appointments", "competences": [],
                "department": "Job centre"}
        data.update(fields)
        practice = GoodPractice(author_id=author.id, state=state, **data)
        db.session.add(practice)
        db.session.commit()
        return practice

    return factory


@pytest.fixture
def make_workshop(db):
    """Return a factory that creates a workshop and commits."""

    def factory(**fields):
        data = {"title": "Working with interpreters", "starts_at": datetime(2027, 3, 4, 9, 0, tzinfo=timezone.utc),
                "place": "Town hall, room 2"}
        data.update(fields)
        workshop = Workshop(**data)
        db.session.add(workshop)
        db.session.commit()
        return workshop

    return factory


@pytest.fixture
def make_scenario(db):
    """Return a factory that creates a scenario and commits."""

    def factory(**fields):
        scenario = Scenario(**{"title": "Missed appointments", "situation": "A client misses dates.", **fields})
        db.session.add(scenario)
        db.session.commit()
        return scenario

    return factory
