"""Matching engine: propose mentor/mentee pairs under hard constraints (pure Python + numpy/scipy).

Protected characteristics (age, gender, nationality, religion, name) are never inputs: the input
dataclasses have no such fields, so no criterion can depend on them.

Objective (DESIGN section 5): as many mentees matched as the hard constraints and capacities
allow; among all such matchings, the highest total score. Coordinator pins are applied first
(each consumes one of the mentor's slots; a pin that breaks a hard constraint is reported in
``pin_errors`` and not applied, and its mentee is matched like any other). Each mentor is then
expanded into one column per free slot and ``scipy.optimize.linear_sum_assignment`` minimises a
cost of -(BIG + score) for allowed pairs and 0 for forbidden ones. BIG exceeds the largest
possible difference of total scores, so one more matched mentee always outweighs any score gain;
assignments to forbidden cells are dummies and are dropped.

Determinism: mentees and mentors are sorted by id before any matrix is built, so the matrices do
not depend on input order and the (deterministic) solver returns the same matching for the same
input in any order. Among matchings with exactly equal totals, the one returned is therefore a
fixed function of the id-sorted input; runners-up with equal scores are listed by mentor id.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from bridge.modules.pairing.engine.hard_constraints import (
    PIN_DETAILS, ConstraintMasks, build_masks, pin_problem, unmatched_reason,
)
from bridge.modules.pairing.engine.scoring import (
    contributions, criterion_matrices, max_pair_score, score_matrix,
)
from bridge.modules.pairing.engine.types import (
    Constraints, Id, MatchResult, MenteeInput, MentorInput, PinError, Proposal,
    UnmatchedMentee, Weights, id_key,
)

__all__ = ["greedy_match", "match"]

RUNNERS_UP = 3
Pair = tuple[int, int]


@dataclass(frozen=True)
class _Problem:
    """Id-sorted inputs with their criterion, score and constraint matrices and applied pins."""

    mentees: list[MenteeInput]
    mentors: list[MentorInput]
    weights: Weights
    criteria: dict[str, np.ndarray]
    scores: np.ndarray
    masks: ConstraintMasks
    pins: list[Pair]
    pin_errors: list[PinError]
    free: np.ndarray


def _sorted_unique(items: Sequence, what: str) -> list:
    """Return the items sorted by id, rejecting duplicate ids."""
    ordered = sorted(items, key=lambda item: id_key(item.id))
    if len({item.id for item in ordered}) != len(ordered):
        raise ValueError(f"duplicate {what} ids")
    return ordered


def _apply_pins(pins, mentees, mentors, masks: ConstraintMasks):
    """Apply valid pins in mentee-id order; return them, the pin errors and the free slots."""
    rows = {mentee.id: row for row, mentee in enumerate(mentees)}
    columns = {mentor.id: column for column, mentor in enumerate(mentors)}
    free = masks.capacity.copy()
    applied, errors = [], []
    for mentee_id, mentor_id in sorted(pins.items(), key=lambda item: id_key(item[0])):
        row, column = rows.get(mentee_id), columns.get(mentor_id)
        problem = pin_problem(masks, row, column, free)
        if problem is not None:
            errors.append(PinError(mentee_id, mentor_id, problem, PIN_DETAILS[problem]))
            continue
        free[column] -= 1
        applied.append((row, column))
    return applied, errors, free


def _prepare(mentees, mentors, constraints, weights) -> _Problem:
    """Sort the inputs, build every matrix once and apply the pins."""
    mentees = _sorted_unique(mentees, "mentee")
    mentors = _sorted_unique(mentors, "mentor")
    constraints = constraints or Constraints()
    weights = weights or Weights()
    criteria = criterion_matrices(mentees, mentors, weights)
    masks = build_masks(mentees, mentors, constraints)
    pins, errors, free = _apply_pins(constraints.pins, mentees, mentors, masks)
    return _Problem(mentees, mentors, weights, criteria, score_matrix(criteria, weights), masks,
                    pins, errors, free)


def _open_allowed(problem: _Problem) -> np.ndarray:
    """Return the allowed pairs among unpinned mentees and mentors with a free slot."""
    allowed = problem.masks.allowed & (problem.free > 0)[None, :]
    allowed[[row for row, _ in problem.pins], :] = False
    return allowed


def _solve_optimal(problem: _Problem) -> list[Pair]:
    """Return the maximum-cardinality, then maximum-score assignment of the unpinned mentees."""
    allowed = _open_allowed(problem)
    rows = np.flatnonzero(allowed.any(axis=1))
    mentors = np.flatnonzero(allowed.any(axis=0))
    if rows.size == 0:
        return []
    slots = np.repeat(mentors, problem.free[mentors])
    sub_allowed = allowed[np.ix_(rows, slots)]
    big = max_pair_score(problem.weights) * (min(rows.size, slots.size) + 1) + 1.0
    cost = np.where(sub_allowed, -(big + problem.scores[np.ix_(rows, slots)]), 0.0)
    from scipy.optimize import linear_sum_assignment  # imported here: scipy costs every web worker a second to load

    chosen_rows, chosen_slots = linear_sum_assignment(cost)
    real = sub_allowed[chosen_rows, chosen_slots]  # forbidden cells are dummies: drop them
    return list(zip(rows[chosen_rows[real]].tolist(), slots[chosen_slots[real]].tolist()))


def _solve_greedy(problem: _Problem) -> list[Pair]:
    """Return pairs taken best score first (ties by mentee id, then mentor id)."""
    allowed = _open_allowed(problem)
    rows, columns = np.nonzero(allowed)
    order = np.lexsort((columns, rows, -problem.scores[rows, columns]))
    free, done, chosen = problem.free.copy(), set(), []
    for row, column in zip(rows[order].tolist(), columns[order].tolist()):
        if row in done or free[column] <= 0:
            continue
        free[column] -= 1
        done.add(row)
        chosen.append((row, column))
    return chosen


def _verify(problem: _Problem, pairs: list[Pair]) -> None:
    """Raise if a pair is forbidden, a mentee is matched twice or a mentor over capacity."""
    rows = [row for row, _ in pairs]
    used = np.bincount([column for _, column in pairs], minlength=len(problem.mentors))
    allowed = all(problem.masks.allowed[row, column] for row, column in pairs)
    if not allowed or len(set(rows)) != len(rows) or np.any(used > problem.masks.capacity):
        raise RuntimeError("matching broke a hard constraint")


def _runners_up(problem: _Problem, row: int, column: int) -> tuple[tuple[Id, float], ...]:
    """Return the best other allowed mentors of a mentee, by score then mentor id."""
    candidates = np.flatnonzero(problem.masks.allowed[row])
    candidates = candidates[candidates != column]
    order = np.lexsort((candidates, -problem.scores[row, candidates]))[:RUNNERS_UP]
    return tuple((problem.mentors[c].id, float(problem.scores[row, c]))
                 for c in candidates[order].tolist())


def _proposal(problem: _Problem, row: int, column: int, pinned: bool) -> Proposal:
    """Explain one pair: score, contribution per criterion and runners-up."""
    return Proposal(
        mentee_id=problem.mentees[row].id, mentor_id=problem.mentors[column].id,
        score=float(problem.scores[row, column]),
        contributions=contributions(problem.criteria, problem.weights, row, column),
        runners_up=_runners_up(problem, row, column), pinned=pinned)


def _result(problem: _Problem, solved: list[Pair]) -> MatchResult:
    """Assemble proposals in mentee-id order, the unmatched mentees and the total score."""
    pairs = [(row, column, True) for row, column in problem.pins]
    pairs += [(row, column, False) for row, column in solved]
    _verify(problem, [(row, column) for row, column, _ in pairs])
    proposals = tuple(_proposal(problem, *pair) for pair in sorted(pairs))
    matched = {row for row, _, _ in pairs}
    unmatched = tuple(UnmatchedMentee(mentee.id, *unmatched_reason(problem.masks, row))
                      for row, mentee in enumerate(problem.mentees) if row not in matched)
    total = math.fsum(proposal.score for proposal in proposals)
    return MatchResult(proposals, unmatched, total, tuple(problem.pin_errors))


def match(mentees: Sequence[MenteeInput], mentors: Sequence[MentorInput],
          constraints: Constraints | None = None, weights: Weights | None = None) -> MatchResult:
    """Match as many mentees as possible, then maximise the total score."""
    problem = _prepare(mentees, mentors, constraints, weights)
    return _result(problem, _solve_optimal(problem))


def greedy_match(mentees: Sequence[MenteeInput], mentors: Sequence[MentorInput],
                 constraints: Constraints | None = None,
                 weights: Weights | None = None) -> MatchResult:
    """Match best pair first under the same constraints and pins (the baseline)."""
    problem = _prepare(mentees, mentors, constraints, weights)
    return _result(problem, _solve_greedy(problem))
