"""Submitting evaluations: validation, immutability, roles and the tandem's state."""
import pytest

from bridge.core.errors import Conflict, PermissionDenied
from bridge.modules.evaluation.operations import responses as ops
from bridge.modules.evaluation.models import EvaluationAnswer, EvaluationResponse, ImmutableError
from tests.bridge.evaluation.conftest import full_answers


def _count(db, model):
    return db.session.scalar(db.select(db.func.count(model.id)))


def test_submit_evaluation_stores_answers_with_form_version(db, forms, make_tandem):
    pair = make_tandem()
    response = ops.submit_evaluation(pair.mentee, forms["final-mentee"], pair, full_answers(forms["final-mentee"]))
    db.session.commit()
    assert (response.role, response.form_key, response.form_version) == ("mentee", "final-mentee", 1)
    assert len(response.answers) == len(forms["final-mentee"].items)
    assert {a.aspect for a in response.answers} == {"a", "b", "c", "d", "e", "f"}


def test_submit_evaluation_missing_required_answers_stores_nothing(db, forms, make_tandem):
    pair = make_tandem()
    answers = full_answers(forms["midterm"])
    answers.pop("a_communication")
    answers["d_trust"] = "  "
    with pytest.raises(ops.AnswersInvalid) as caught:
        ops.submit_evaluation(pair.mentor, forms["midterm"], pair, answers)
    db.session.rollback()
    assert set(caught.value.errors) == {"a_communication", "d_trust"}
    assert _count(db, EvaluationResponse) == 0 and _count(db, EvaluationAnswer) == 0


@pytest.mark.parametrize("value", ["0", "6", "-1", "3.5", "abc"])
def test_submit_evaluation_out_of_range_value_is_refused(db, forms, make_tandem, value):
    pair = make_tandem()
    answers = {**full_answers(forms["midterm"]), "b_goals_progress": value}
    with pytest.raises(ops.AnswersInvalid) as caught:
        ops.submit_evaluation(pair.mentor, forms["midterm"], pair, answers)
    assert caught.value.errors == {"b_goals_progress": "Please choose a value from the scale."}


def test_submit_evaluation_optional_items_may_stay_empty(db, forms, make_tandem):
    pair = make_tandem()
    answers = {i["key"]: "5" for i in forms["midterm"].items if i["required"]}
    response = ops.submit_evaluation(pair.mentor, forms["midterm"], pair, answers)
    assert len(response.answers) == len(answers)


def test_submit_evaluation_twice_is_a_conflict(db, forms, make_tandem):
    pair = make_tandem()
    ops.submit_evaluation(pair.mentor, forms["mutual"], pair, full_answers(forms["mutual"]))
    db.session.commit()
    with pytest.raises(Conflict):
        ops.submit_evaluation(pair.mentor, forms["mutual"], pair, full_answers(forms["mutual"], value=1))


def test_submitted_response_cannot_be_changed(db, forms, make_tandem):
    pair = make_tandem()
    response = ops.submit_evaluation(pair.mentor, forms["mutual"], pair, full_answers(forms["mutual"]))
    db.session.commit()
    response.answers[0].value = 1
    with pytest.raises(ImmutableError):
        db.session.flush()
    db.session.rollback()
    response.role = "mentee"
    with pytest.raises(ImmutableError):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(EvaluationResponse, response.id).answers[0].value == 4


def test_submit_evaluation_wrong_audience_is_refused(db, forms, make_tandem, make_person):
    pair = make_tandem()
    with pytest.raises(PermissionDenied):
        ops.submit_evaluation(pair.mentor, forms["final-mentee"], pair, full_answers(forms["final-mentee"]))
    with pytest.raises(PermissionDenied):
        ops.submit_evaluation(make_person(roles=["mentor"]), forms["midterm"], pair, full_answers(forms["midterm"]))


def test_submit_evaluation_before_agreement_is_a_conflict(db, forms, make_tandem):
    pair = make_tandem(state="introduced")
    with pytest.raises(Conflict):
        ops.submit_evaluation(pair.mentee, forms["midterm"], pair, full_answers(forms["midterm"]))


def test_new_form_version_leaves_old_responses_alone(db, forms, make_tandem, make_person):
    from bridge.modules.evaluation.operations.definitions import save_version

    pair = make_tandem()
    old = ops.submit_evaluation(pair.mentor, forms["midterm"], pair, full_answers(forms["midterm"]))
    db.session.commit()
    save_version(make_person(roles=["coordinator"]), forms["midterm"], forms["midterm"].source + "\n# edited\n")
    newer = ops.submit_evaluation(pair.mentee, ops.find_form("midterm"), pair, full_answers(forms["midterm"]))
    db.session.commit()
    assert (old.form_version, newer.form_version) == (1, 2)


def test_programme_evaluation_only_by_coordinators(db, forms, make_person):
    with pytest.raises(PermissionDenied):
        ops.submit_programme_evaluation(make_person(roles=["mentor"]), forms["programme"],
                                        full_answers(forms["programme"]))
    response = ops.submit_programme_evaluation(make_person(roles=["coordinator"]), forms["programme"],
                                               full_answers(forms["programme"]))
    assert response.pair_id is None and response.role == "coordinator"
