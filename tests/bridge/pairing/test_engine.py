"""Matching engine: hard constraints, capacity, pins, unmatched reasons, explanations."""
import random

import pytest

from bridge.modules.pairing.engine.solver import greedy_match, match
from bridge.modules.pairing.engine.types import CRITERIA, Constraints, MenteeInput, MentorInput, Weights

GOOD = {"adaptability": 4, "self_awareness": 4, "commitment": 4}
WEAK = {"adaptability": 1}
WANTS = {"adaptability": 3, "self_awareness": 2, "commitment": 1}


def mentee(id, **fields):
    """Build a German-speaking mentee wanting three competences unless told otherwise."""
    fields.setdefault("person_id", f"e{id}")
    fields.setdefault("languages", ("de",))
    fields.setdefault("wanted", WANTS)
    return MenteeInput(id=id, **fields)


def mentor(id, **fields):
    """Build an eligible German-speaking mentor with one free slot unless told otherwise."""
    fields.setdefault("person_id", f"m{id}")
    fields.setdefault("languages", ("de",))
    fields.setdefault("competences", WEAK)
    return MentorInput(id=id, **fields)


def pairs(result):
    """Return the proposals as {mentee_id: mentor_id}."""
    return {p.mentee_id: p.mentor_id for p in result.proposals}


def match_best_or_fallback(best, constraints=None, mentee_fields=None):
    """Match one mentee against a strong mentor (to be forbidden) and a weak fallback."""
    return match([mentee(1, **(mentee_fields or {}))],
                 [best, mentor(20, competences=WEAK)], constraints)


def test_match_prefers_strong_mentor_without_constraints():
    assert pairs(match_best_or_fallback(mentor(10, competences=GOOD))) == {1: 10}


def test_match_never_pairs_same_person():
    best = mentor(10, competences=GOOD, person_id="e1")
    assert pairs(match_best_or_fallback(best)) == {1: 20}


def test_match_never_pairs_mentee_with_own_line_manager():
    result = match_best_or_fallback(mentor(10, competences=GOOD),
                                    mentee_fields={"line_manager_id": "m10"})
    assert pairs(result) == {1: 20}


def test_match_never_pairs_mentor_with_own_line_manager():
    best = mentor(10, competences=GOOD, line_manager_id="e1")
    assert pairs(match_best_or_fallback(best)) == {1: 20}


def test_match_never_pairs_conflict_declared_by_mentor():
    best = mentor(10, competences=GOOD, conflict_ids={"e1"})
    assert pairs(match_best_or_fallback(best)) == {1: 20}


def test_match_never_pairs_conflict_declared_by_mentee():
    result = match_best_or_fallback(mentor(10, competences=GOOD),
                                    mentee_fields={"conflict_ids": {"m10"}})
    assert pairs(result) == {1: 20}


def test_match_never_repeats_previous_pair():
    result = match_best_or_fallback(mentor(10, competences=GOOD),
                                    Constraints(previous_pairs={(10, 1)}))
    assert pairs(result) == {1: 20}


def test_match_requires_shared_language():
    best = mentor(10, competences=GOOD, languages=("en",))
    assert pairs(match_best_or_fallback(best)) == {1: 20}


def test_match_skips_ineligible_mentor():
    best = mentor(10, competences=GOOD, eligible=False, ineligible_reason="training open")
    assert pairs(match_best_or_fallback(best)) == {1: 20}


def test_match_skips_mentor_without_capacity():
    assert pairs(match_best_or_fallback(mentor(10, competences=GOOD, capacity=0))) == {1: 20}


def test_match_respects_coordinator_exclusion():
    result = match_best_or_fallback(mentor(10, competences=GOOD),
                                    Constraints(exclusions={(10, 1)}))
    assert pairs(result) == {1: 20}


def test_match_respects_capacity():
    result = match([mentee(i) for i in range(6)],
                   [mentor(10, capacity=2), mentor(11, capacity=1, competences=GOOD)])
    per_mentor = [p.mentor_id for p in result.proposals]
    assert len(result.proposals) == 3
    assert per_mentor.count(10) == 2 and per_mentor.count(11) == 1
    assert {u.reason for u in result.unmatched} == {"mentors_at_capacity"}


def test_match_prefers_more_matches_over_higher_score():
    flexible = mentee(1, languages=("de", "en"))
    only_german = mentee(2, wanted={"organisational_skills": 1})
    mentors = [mentor(10, competences=GOOD), mentor(11, languages=("en",))]
    result = match([flexible, only_german], mentors)
    assert pairs(result) == {1: 11, 2: 10}
    assert pairs(greedy_match([flexible, only_german], mentors)) == {1: 10}


def test_match_applies_pin_and_consumes_slot():
    result = match([mentee(1), mentee(2)], [mentor(10, competences=GOOD), mentor(20)],
                   Constraints(pins={2: 20}))
    assert pairs(result) == {1: 10, 2: 20}
    assert [p.pinned for p in result.proposals] == [False, True]
    pinned_full = match([mentee(1), mentee(2)], [mentor(10, competences=GOOD)],
                        Constraints(pins={2: 10}))
    assert pairs(pinned_full) == {2: 10}
    assert pinned_full.unmatched[0].reason == "mentors_at_capacity"


def test_match_reports_pin_breaking_hard_constraint():
    result = match([mentee(1, line_manager_id="m20")], [mentor(10), mentor(20)],
                   Constraints(pins={1: 20}))
    assert [(e.mentee_id, e.mentor_id, e.reason) for e in result.pin_errors] == [
        (1, 20, "line_manager")]
    assert pairs(result) == {1: 10}
    assert not result.proposals[0].pinned


def test_match_reports_pin_on_excluded_pair_and_unknown_ids():
    constraints = Constraints(pins={1: 10, 2: 99, 7: 10}, exclusions={(10, 1)})
    result = match([mentee(1), mentee(2)], [mentor(10)], constraints)
    assert [(e.mentee_id, e.reason) for e in result.pin_errors] == [
        (1, "excluded"), (2, "unknown_mentor"), (7, "unknown_mentee")]


def test_match_reports_pins_beyond_capacity_in_mentee_id_order():
    result = match([mentee(2), mentee(1)], [mentor(10)], Constraints(pins={2: 10, 1: 10}))
    assert pairs(result) == {1: 10}
    assert [(e.mentee_id, e.reason) for e in result.pin_errors] == [(2, "mentor_at_capacity")]


@pytest.mark.parametrize("mentors, constraints, reason", [
    ([mentor(10, eligible=False)], None, "no_eligible_mentor"),
    ([], None, "no_eligible_mentor"),
    ([mentor(10, languages=("en",)), mentor(11, eligible=False)], None, "no_shared_language"),
    ([mentor(10), mentor(11)], Constraints(previous_pairs={(10, 1)}, exclusions={(11, 1)}),
     "excluded_by_constraints"),
    ([mentor(10, capacity=0)], None, "mentors_at_capacity"),
])
def test_match_reports_unmatched_reason(mentors, constraints, reason):
    result = match([mentee(1)], mentors, constraints)
    assert [(u.mentee_id, u.reason) for u in result.unmatched] == [(1, reason)]


def test_match_unmatched_detail_names_the_constraints():
    constraints = Constraints(previous_pairs={(10, 1)}, exclusions={(11, 1)})
    detail = match([mentee(1)], [mentor(10), mentor(11)], constraints).unmatched[0].detail
    assert "previous pair (1)" in detail and "excluded by the coordinator (1)" in detail
    full = match([mentee(1), mentee(2)], [mentor(10)]).unmatched[0].detail
    assert "went to other mentees" in full


def test_match_contributions_sum_to_score():
    result = match([mentee(i, availability={"mon-am"}, modes={"online"}) for i in range(4)],
                   [mentor(j, experience_years=j, capacity=2, competences=GOOD,
                           availability={"mon-am"}, modes={"online"}) for j in range(3)],
                   weights=Weights(competence=0.3, availability=0.7, experience=0.11))
    for proposal in result.proposals:
        assert list(proposal.contributions) == list(CRITERIA)
        assert sum(proposal.contributions.values()) == proposal.score
    assert result.total_score == pytest.approx(sum(p.score for p in result.proposals))


def test_match_lists_top_three_allowed_runners_up():
    mentors = [mentor(j, experience_years=j, capacity=1) for j in range(1, 7)]
    mentors.append(mentor(9, experience_years=9, languages=("en",)))
    proposal = match([mentee(1)], mentors).proposals[0]
    assert proposal.mentor_id == 6
    assert [mentor_id for mentor_id, _ in proposal.runners_up] == [5, 4, 3]
    scores = [score for _, score in proposal.runners_up]
    assert scores == sorted(scores, reverse=True) and max(scores) < proposal.score


def test_match_runners_up_break_ties_by_mentor_id():
    mentors = [mentor(j) for j in (14, 12, 13, 11)]
    proposal = match([mentee(1)], mentors).proposals[0]
    others = sorted({11, 12, 13, 14} - {proposal.mentor_id})
    assert [mentor_id for mentor_id, _ in proposal.runners_up] == others


def test_match_is_deterministic_under_input_permutation():
    rng = random.Random(7)
    mentees = [mentee(i, languages=rng.choice([("de",), ("en", "de"), ("tr", "de")]),
                      availability={rng.choice(["mon-am", "tue-pm"])}) for i in range(30)]
    mentors = [mentor(j, capacity=rng.randint(1, 3), languages=rng.choice([("de",), ("en",)]),
                      experience_years=rng.choice([2, 8])) for j in range(100, 110)]
    expected = match(mentees, mentors)
    for _ in range(5):
        rng.shuffle(mentees)
        rng.shuffle(mentors)
        assert match(mentees, mentors) == expected
    assert [p.mentee_id for p in expected.proposals] == sorted(pairs(expected))


def test_match_rejects_duplicate_ids():
    with pytest.raises(ValueError, match="duplicate mentee ids"):
        match([mentee(1), mentee(1)], [mentor(10)])
    with pytest.raises(ValueError, match="duplicate mentor ids"):
        match([mentee(1)], [mentor(10), mentor(10)])


def test_greedy_match_respects_constraints_and_pins():
    result = greedy_match([mentee(1), mentee(2, line_manager_id="m10")],
                          [mentor(10, competences=GOOD), mentor(20)],
                          Constraints(pins={1: 20}))
    assert pairs(result) == {1: 20}
    assert result.proposals[0].pinned
    assert result.unmatched[0].reason == "mentors_at_capacity"
