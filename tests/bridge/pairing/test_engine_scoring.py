"""Matching engine: each criterion, the weighted score, inputs and module purity."""
import ast
import dataclasses
from pathlib import Path

import pytest
import yaml

from bridge.modules.pairing.engine import solver, types
from bridge.modules.pairing.engine.solver import match
from bridge.modules.pairing.engine.types import COMPETENCE_KEYS, Weights
from tests.bridge.pairing.test_engine import mentee, mentor

REPO = Path(__file__).resolve().parents[3]
ONLY = Weights(competence=0, availability=0, experience=0, department=0, languages=0)


def criterion(name, the_mentee, the_mentor, preference="none"):
    """Return one criterion's normalised value for a single allowed pair."""
    weights = dataclasses.replace(ONLY, **{name: 1.0}, department_preference=preference)
    proposal = match([the_mentee], [the_mentor], weights=weights).proposals[0]
    assert proposal.contributions[name] == proposal.score
    return proposal.score


def test_competence_is_priority_weighted_level_coverage():
    wanted = {"adaptability": 3, "commitment": 1}
    assert criterion("competence", mentee(1, wanted=wanted),
                     mentor(10, competences={"adaptability": 4, "commitment": 2})) == 0.875
    assert criterion("competence", mentee(1, wanted=wanted),
                     mentor(10, competences={"self_awareness": 4})) == 0.0
    assert criterion("competence", mentee(1, wanted={}), mentor(10)) == 0.0


def test_availability_combines_slots_and_mode():
    two_slots = mentee(1, availability={"mon-am", "tue-am"}, modes={"online"})
    assert criterion("availability", two_slots,
                     mentor(10, availability={"mon-am"}, modes={"online", "onsite"})) == 0.625
    assert criterion("availability", two_slots,
                     mentor(10, availability={"mon-am", "tue-am"}, modes={"onsite"})) == 0.75
    assert criterion("availability", two_slots, mentor(10)) == 0.0


def test_availability_counts_three_shared_slots_as_enough():
    week = {f"{day}-am" for day in ("mon", "tue", "wed", "thu", "fri")}
    three = {"mon-am", "tue-am", "wed-am"}
    assert criterion("availability", mentee(1, availability=week, modes={"onsite"}),
                     mentor(10, availability=three, modes={"onsite"})) == 1.0


@pytest.mark.parametrize("years, value", [(0, 0.0), (5, 0.5), (10, 1.0), (25, 1.0)])
def test_experience_saturates_at_ten_years(years, value):
    assert criterion("experience", mentee(1), mentor(10, experience_years=years)) == value


@pytest.mark.parametrize("preference, mentor_department, value", [
    ("same", "youth", 1.0), ("same", "housing", 0.0), ("same", None, 0.0),
    ("cross", "youth", 0.0), ("cross", "housing", 1.0), ("cross", None, 0.0),
    ("none", "youth", 0.0), ("none", "housing", 0.0),
])
def test_department_follows_preference(preference, mentor_department, value):
    assert criterion("department", mentee(1, department="youth"),
                     mentor(10, department=mentor_department), preference) == value


@pytest.mark.parametrize("mentee_languages, mentor_languages, value", [
    (("de",), ("de",), 0.5),
    (("tr", "de"), ("de",), 0.0),
    (("tr", "de"), ("de", "tr"), 0.75),
    (("ar", "de", "en", "fr"), ("fr", "de", "en", "ar"), 1.0),
    (("de", "en", "fr"), ("en", "fr"), 0.25),
])
def test_languages_reward_preferred_and_extra_shared(mentee_languages, mentor_languages, value):
    assert criterion("languages", mentee(1, languages=mentee_languages),
                     mentor(10, languages=mentor_languages)) == value


def test_score_is_weighted_sum_and_weights_need_not_sum_to_one():
    pair = ([mentee(1, availability={"mon-am"})],
            [mentor(10, experience_years=4, availability={"mon-am"})])
    single = match(*pair).proposals[0]
    double = match(*pair, weights=Weights(0.8, 0.5, 0.2, 0.2, 0.3)).proposals[0]
    assert double.score == pytest.approx(2 * single.score)
    assert single.score == pytest.approx(sum(
        getattr(Weights(), name) * value for name, value in {
            "competence": 0.125, "availability": 0.75, "experience": 0.4,
            "department": 0.0, "languages": 0.5}.items()))


def test_default_weights_sum_to_one():
    assert sum(Weights().as_dict().values()) == pytest.approx(1.0)
    assert Weights().department_preference == "none"


@pytest.mark.parametrize("build", [
    lambda: Weights(competence=-0.1),
    lambda: Weights(languages=float("nan")),
    lambda: Weights(department_preference="other"),
    lambda: mentee(1, wanted={"adaptability": 4}),
    lambda: mentee(1, wanted={"charisma": 2}),
    lambda: mentee(1, modes={"telepathy"}),
    lambda: mentor(10, competences={"adaptability": 5}),
    lambda: mentor(10, capacity=-1),
    lambda: mentor(10, experience_years=-2),
])
def test_inputs_reject_invalid_values(build):
    with pytest.raises(ValueError):
        build()


@pytest.mark.parametrize("field", ["languages", "availability", "modes"])
def test_inputs_reject_a_bare_string_for_a_collection(field):
    with pytest.raises(TypeError, match=field):
        mentee(1, **{field: "de"})


def test_competence_keys_agree_with_oer_competences():
    entries = yaml.safe_load((REPO / "oer" / "competences.yaml").read_text(encoding="utf-8"))
    assert tuple(entry["key"] for entry in entries) == COMPETENCE_KEYS


def test_inputs_have_no_protected_characteristics():
    protected = {"age", "birth", "gender", "sex", "nationality", "religion", "name", "ethnicity"}
    for cls in (types.MenteeInput, types.MentorInput, types.Constraints, types.Weights):
        for field in dataclasses.fields(cls):
            assert not protected & set(field.name.split("_")), field.name
    assert "Protected characteristics" in solver.__doc__ and "Protected characteristics" in types.__doc__


def test_engine_files_import_no_flask_database_or_other_bridge_module():
    allowed = {"__future__", "collections", "dataclasses", "math", "typing", "numpy", "scipy"}
    paths = sorted((REPO / "bridge" / "modules" / "pairing" / "engine").glob("*.py"))
    assert {p.name for p in paths} >= {"solver.py", "scoring.py", "hard_constraints.py", "types.py"}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert name.startswith("bridge.modules.pairing.engine.") or \
                    name.split(".")[0] in allowed, f"{path.name} imports {name}"
