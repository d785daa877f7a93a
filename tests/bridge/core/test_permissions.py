"""One permission mechanism: a registered policy per model, asked with can(person, action, obj)."""
import pytest

from bridge.core.errors import PermissionDenied
from bridge.core.permissions import can, registered_models, require
from bridge.modules.people.models import Person


def test_every_policy_is_registered_at_app_start(app):
    names = {model.__name__ for model in registered_models()}
    assert {"Person", "Pair", "EvaluationResponse", "JobShadowingActivity"} <= names


def test_person_policy(db, make_person):
    coordinator, alice, bob = make_person(roles=["coordinator"]), make_person(), make_person()
    assert can(coordinator, "view", alice) and can(alice, "view", alice) and can(alice, "edit", alice)
    assert not can(bob, "view", alice) and not can(bob, "edit", alice)
    assert not can(alice, "delete", alice), "unknown actions are refused"


def test_archived_people_may_do_nothing(db, make_person):
    alice = make_person()
    from bridge.core.db import utcnow

    alice.archived_at = utcnow()
    assert not can(alice, "view", alice)


def test_require_raises_and_returns(db, make_person):
    alice, bob = make_person(), make_person()
    assert require(alice, "view", alice) is alice
    with pytest.raises(PermissionDenied):
        require(bob, "view", alice)


def test_unknown_model_is_a_programming_error(db, make_person):
    with pytest.raises(LookupError):
        can(make_person(), "view", object())
