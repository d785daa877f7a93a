"""Matching engine against a scalar reference and a brute-force optimum on small instances."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridge.modules.pairing.engine.solver import greedy_match, match
from bridge.modules.pairing.engine.types import (
    COMPETENCE_KEYS, CRITERIA, Constraints, MenteeInput, MentorInput, Weights, id_key,
)

KEYS = COMPETENCE_KEYS[:3]
LANGUAGES = ["de", "en", "tr"]
SLOTS = ["mon-am", "mon-pm", "tue-am", "tue-pm"]
MODES = ["online", "onsite"]
DEPARTMENTS = ["youth", "housing", None]
SMALL = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow])


def reference_score(mentee, mentor, weights):
    """Return the documented score of one pair, computed one pair at a time."""
    wanted = sum(mentee.wanted.values())
    competence = sum(p * mentor.competences.get(k, 0) / 4 for k, p in mentee.wanted.items())
    slots_needed = min(len(mentee.availability), 3)
    slots = min(len(mentee.availability & mentor.availability), 3) / slots_needed \
        if slots_needed else 0.0
    shared = set(mentee.languages) & set(mentor.languages)
    known = mentee.department is not None and mentor.department is not None
    same = mentee.department == mentor.department
    department = {"same": known and same, "cross": known and not same, "none": False}
    values = {
        "competence": competence / wanted if wanted else 0.0,
        "availability": 0.75 * slots + 0.25 * bool(mentee.modes & mentor.modes),
        "experience": min(mentor.experience_years / 10, 1.0),
        "department": float(department[weights.department_preference]),
        "languages": 0.5 * (mentee.languages[0] in shared if mentee.languages else 0)
        + 0.25 * min(max(len(shared) - 1, 0), 2),
    }
    return sum(getattr(weights, name) * values[name] for name in CRITERIA)


def reference_allowed(mentee, mentor, constraints):
    """Tell whether a pair passes every hard constraint, checked one pair at a time."""
    return (mentee.person_id != mentor.person_id
            and mentee.line_manager_id != mentor.person_id
            and mentor.line_manager_id != mentee.person_id
            and mentee.person_id not in mentor.conflict_ids
            and mentor.person_id not in mentee.conflict_ids
            and (mentor.id, mentee.id) not in constraints.previous_pairs
            and (mentor.id, mentee.id) not in constraints.exclusions
            and bool(set(mentee.languages) & set(mentor.languages))
            and mentor.eligible and mentor.capacity > 0)


def reference_pins(mentees, mentors, constraints):
    """Return the pins that apply, taken in mentee-id order while the mentor has a free slot."""
    by_id = {m.id: m for m in mentors}
    people = {m.id: m for m in mentees}
    free, applied = {m.id: m.capacity for m in mentors}, {}
    for mentee_id, mentor_id in sorted(constraints.pins.items(), key=lambda p: id_key(p[0])):
        the_mentor = by_id.get(mentor_id)
        if mentee_id in people and the_mentor and free[mentor_id] > 0 and \
                reference_allowed(people[mentee_id], the_mentor, constraints):
            free[mentor_id] -= 1
            applied[mentee_id] = mentor_id
    return applied, free


def best_rest(rest, mentors, free, options):
    """Return the best (count, score) for the mentees in rest; options[(e, r)] is a pair score."""
    if not rest:
        return 0, 0.0
    results = [best_rest(rest[1:], mentors, free, options)]
    for mentor in mentors:
        if free[mentor.id] > 0 and (rest[0].id, mentor.id) in options:
            free[mentor.id] -= 1
            count, total = best_rest(rest[1:], mentors, free, options)
            free[mentor.id] += 1
            results.append((count + 1, total + options[rest[0].id, mentor.id]))
    return max(results, key=lambda result: (result[0], round(result[1], 9)))


def brute_force(mentees, mentors, constraints, weights):
    """Return the best (matched count, total score) over every matching that keeps the pins."""
    pins, free = reference_pins(mentees, mentors, constraints)
    options = {(e.id, r.id): reference_score(e, r, weights) for e in mentees for r in mentors
               if reference_allowed(e, r, constraints)}
    rest = [e for e in mentees if e.id not in pins]
    count, total = best_rest(rest, mentors, free, options)
    return count + len(pins), total + sum(options[pair] for pair in pins.items())


def subset(draw, values, **kwargs):
    """Draw a frozenset of some of the values."""
    return frozenset(draw(st.sets(st.sampled_from(values), **kwargs)))


def rarely(draw, values, default):
    """Draw one of the values one time in four, else the default."""
    return draw(st.sampled_from(values)) if draw(st.integers(0, 3)) == 0 else default


def draw_languages(draw, most):
    """Draw an ordered list of distinct languages, German three times in four."""
    others = draw(st.lists(st.sampled_from(LANGUAGES[1:]), max_size=most - 1, unique=True))
    return tuple(rarely(draw, [others or ["en"]], ["de", *others]))


def draw_mentee(draw, index, people):
    """Draw one mentee of a small instance."""
    return MenteeInput(
        id=index, person_id=f"p{index}",
        wanted=draw(st.dictionaries(st.sampled_from(KEYS), st.integers(1, 3), max_size=3)),
        languages=draw_languages(draw, 2), department=draw(st.sampled_from(DEPARTMENTS)),
        availability=subset(draw, SLOTS), modes=subset(draw, MODES),
        line_manager_id=rarely(draw, people, None),
        conflict_ids=rarely(draw, [frozenset({p}) for p in people], frozenset()))


def draw_mentor(draw, index, people):
    """Draw one mentor of a small instance; sometimes the same person as a mentee."""
    return MentorInput(
        id=100 + index, person_id=rarely(draw, ["p0", "p1"], f"q{index}"),
        competences=draw(st.dictionaries(st.sampled_from(KEYS), st.integers(1, 4))),
        experience_years=draw(st.sampled_from([0, 3, 7.5, 12])),
        languages=draw_languages(draw, 3), department=draw(st.sampled_from(DEPARTMENTS)),
        availability=subset(draw, SLOTS), modes=subset(draw, MODES),
        capacity=draw(st.integers(1, 2)), eligible=rarely(draw, [False], True),
        line_manager_id=rarely(draw, people, None),
        conflict_ids=rarely(draw, [frozenset({p}) for p in people], frozenset()))


@st.composite
def instances(draw, with_pins=False):
    """Draw up to 5 mentees, up to 4 mentors, constraints and weights."""
    n = draw(st.integers(0, 5)) if draw(st.integers(0, 7)) == 0 else draw(st.integers(2, 5))
    m = draw(st.integers(0, 4)) if draw(st.integers(0, 7)) == 0 else draw(st.integers(1, 4))
    people = [f"p{i}" for i in range(n)] + [f"q{j}" for j in range(m)] or ["p0"]
    mentees = [draw_mentee(draw, i, people) for i in range(n)]
    mentors = [draw_mentor(draw, j, people) for j in range(m)]
    pair = st.tuples(st.integers(100, 104), st.integers(0, 5))
    pins = draw(st.dictionaries(rarely(draw, [st.integers(0, 6)], st.integers(0, max(n - 1, 0))),
                                rarely(draw, [st.integers(100, 104)], st.integers(100, 100 + m)),
                                max_size=2)) if with_pins else {}
    constraints = Constraints(previous_pairs=draw(st.sets(pair, max_size=2)), pins=pins,
                              exclusions=draw(st.sets(pair, max_size=2)))
    unit = st.sampled_from([0.0, 0.1, 0.25, 0.5, 1.0, 0.333])
    weights = Weights(*(draw(unit) for _ in CRITERIA),
                      department_preference=draw(st.sampled_from(["same", "cross", "none"])))
    return mentees, mentors, constraints, weights


@SMALL
@given(instances())
def test_match_reaches_brute_force_optimum(instance):
    result = match(*instance)
    count, total = brute_force(*instance)
    assert result.matched_count == count
    assert result.total_score == pytest.approx(total, abs=1e-9)


@SMALL
@given(instances(with_pins=True))
def test_match_with_pins_reaches_brute_force_optimum(instance):
    mentees, mentors, constraints, _ = instance
    result = match(*instance)
    pins, _ = reference_pins(mentees, mentors, constraints)
    assert {(p.mentee_id, p.mentor_id) for p in result.proposals if p.pinned} == set(pins.items())
    assert len(result.pin_errors) == len(constraints.pins) - len(pins)
    assert (result.matched_count, pytest.approx(result.total_score, abs=1e-9)) == \
        brute_force(*instance)


@SMALL
@given(instances(with_pins=True))
def test_match_pairs_are_allowed_scored_and_explained(instance):
    mentees, mentors, constraints, weights = instance
    by_id = {m.id: m for m in [*mentees, *mentors]}
    result = match(*instance)
    for proposal in result.proposals:
        pair = by_id[proposal.mentee_id], by_id[proposal.mentor_id]
        assert reference_allowed(*pair, constraints)
        assert proposal.score == pytest.approx(reference_score(*pair, weights), abs=1e-12)
        assert sum(proposal.contributions.values()) == proposal.score
        assert len(proposal.runners_up) <= 3
        assert all(reference_allowed(pair[0], by_id[other], constraints)
                   for other, _ in proposal.runners_up)
    matched = {p.mentee_id for p in result.proposals}
    assert matched.isdisjoint(u.mentee_id for u in result.unmatched)
    assert len(matched) + len(result.unmatched) == len(mentees)


@SMALL
@given(instances(with_pins=True))
def test_match_is_at_least_as_good_as_greedy(instance):
    engine, greedy = match(*instance), greedy_match(*instance)
    assert engine.matched_count >= greedy.matched_count
    if engine.matched_count == greedy.matched_count:
        assert engine.total_score >= greedy.total_score - 1e-9


@SMALL
@given(instances(with_pins=True), st.randoms(use_true_random=False))
def test_match_output_does_not_depend_on_input_order(instance, rng):
    mentees, mentors, constraints, weights = instance
    expected = match(mentees, mentors, constraints, weights)
    rng.shuffle(mentees)
    rng.shuffle(mentors)
    assert match(mentees, mentors, constraints, weights) == expected
    assert greedy_match(mentees, mentors, constraints, weights) == \
        greedy_match(list(reversed(mentees)), mentors, constraints, weights)
