"""The one commit path of views: run, commit, show domain errors on the form or as a flash."""
import pytest
from flask import get_flashed_messages
from flask_wtf import FlaskForm
from wtforms import StringField

from bridge.core.effects import after_commit
from bridge.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from bridge.core.web import get_or_404, run_operation
from bridge.modules.people.models import Person


class NameForm(FlaskForm):
    name = StringField()


def _rename(person, name, calls=None):
    person.department = name
    if calls is not None:
        after_commit(calls.append, name)
    if name == "bad":
        raise ValidationFailed("Not a department.", field="name")
    if name == "taken":
        raise Conflict("Someone else changed it.")


def test_success_commits_once_and_runs_effects(app, db, make_person):
    person, calls = make_person(), []
    with app.test_request_context(method="POST"):
        assert run_operation(NameForm(), _rename, person, "Jugendamt", calls) is True
    db.session.expire_all()
    assert person.department == "Jugendamt" and calls == ["Jugendamt"]


def test_validation_error_goes_on_its_field_and_rolls_back(app, db, make_person):
    person, calls = make_person(department="Standesamt"), []
    with app.test_request_context(method="POST"):
        form = NameForm()
        assert run_operation(form, _rename, person, "bad", calls) is None
        assert form.name.errors == ["Not a department."]
    db.session.expire_all()
    assert person.department == "Standesamt" and calls == []


def test_conflict_without_field_is_flashed(app, db, make_person):
    person = make_person()
    with app.test_request_context(method="POST"):
        assert run_operation(NameForm(), _rename, person, "taken") is None
        assert get_flashed_messages() == ["Someone else changed it."]


def test_unique_violation_reads_as_already_done(app, db, make_person):
    existing = make_person()

    def duplicate():
        db.session.add(Person(first_name="A", last_name="B", email=existing.email))

    with app.test_request_context(method="POST"):
        assert run_operation(None, duplicate) is None
        assert "already done" in get_flashed_messages()[0]


@pytest.mark.parametrize("error", [PermissionDenied("no"), NotFound("gone")])
def test_permission_and_not_found_reach_the_error_handler(app, error):
    def refuse():
        raise error

    with app.test_request_context(method="POST"), pytest.raises(type(error)):
        run_operation(None, refuse)


def test_get_or_404(app, db, make_person):
    from werkzeug.exceptions import NotFound as HTTPNotFound

    person = make_person()
    assert get_or_404(Person, person.id) is person
    with pytest.raises(HTTPNotFound):
        get_or_404(Person, person.id + 1000)
