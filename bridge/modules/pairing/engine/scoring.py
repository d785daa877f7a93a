"""Vectorised criterion matrices (mentee x mentor, each value in 0-1) and the weighted score.

Criteria, each normalised to 0-1:

- competence: priority-weighted mean of the mentor's level (out of 4) over the competences the
  mentee wants; a competence the mentor did not declare counts 0; 0 if the mentee wants none.
- availability: 0.75 x slot overlap + 0.25 x mode overlap. Slot overlap is the number of shared
  time slots over min(the mentee's slot count, 3), capped at 1 (three shared slots are plenty);
  mode overlap is 1 when they share a meeting mode (online/onsite).
- experience: min(years / 10, 1).
- department: 1 for the same department ("same") or a different one ("cross"), per the
  weights' ``department_preference``; 0 when either department is unknown or the preference is
  "none".
- languages: 0.5 if the mentor speaks the mentee's preferred (first) language, plus 0.25 per
  shared language beyond the first shared one, up to two.

Score = sum over criteria of weight x value, summed in CRITERIA order so that a proposal's
contributions add up to its score exactly.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from bridge.modules.pairing.engine.types import (
    COMPETENCE_KEYS, CRITERIA, MenteeInput, MentorInput, Weights,
)

SLOTS_ENOUGH = 3
SLOT_SHARE = 0.75
EXPERIENCE_SATURATION_YEARS = 10.0
EXTRA_LANGUAGES_COUNTED = 2


def incidence(groups: Sequence[Iterable[str]], vocabulary: dict[str, int]) -> np.ndarray:
    """Return a 0/1 float matrix with one row per group and one column per vocabulary word."""
    matrix = np.zeros((len(groups), len(vocabulary)))
    for row, group in enumerate(groups):
        matrix[row, [vocabulary[word] for word in group]] = 1.0
    return matrix


def shared_counts(left: Sequence[Iterable[str]], right: Sequence[Iterable[str]]) -> np.ndarray:
    """Return how many words each left group shares with each right group."""
    words = sorted({word for group in [*left, *right] for word in group})
    vocabulary = {word: index for index, word in enumerate(words)}
    return incidence(left, vocabulary) @ incidence(right, vocabulary).T


def competence_matrix(mentees: Sequence[MenteeInput], mentors: Sequence[MentorInput]):
    """Return the priority-weighted mean mentor level (out of 4) over each mentee's wishes."""
    keys = {key: index for index, key in enumerate(COMPETENCE_KEYS)}
    wanted = np.zeros((len(mentees), len(keys)))
    levels = np.zeros((len(mentors), len(keys)))
    for row, mentee in enumerate(mentees):
        wanted[row, [keys[k] for k in mentee.wanted]] = list(mentee.wanted.values())
    for row, mentor in enumerate(mentors):
        levels[row, [keys[k] for k in mentor.competences]] = list(mentor.competences.values())
    total = wanted.sum(axis=1, keepdims=True)
    covered = wanted @ (levels / 4.0).T
    return np.divide(covered, total, out=np.zeros_like(covered), where=total > 0)


def availability_matrix(mentees: Sequence[MenteeInput], mentors: Sequence[MentorInput]):
    """Return 0.75 x the slot overlap plus 0.25 x the mode overlap."""
    shared = shared_counts([m.availability for m in mentees], [m.availability for m in mentors])
    needed = np.array([min(len(m.availability), SLOTS_ENOUGH) for m in mentees], float)[:, None]
    slots = np.divide(np.minimum(shared, needed), needed, out=np.zeros_like(shared),
                      where=needed > 0)
    modes = shared_counts([m.modes for m in mentees], [m.modes for m in mentors]) > 0
    return SLOT_SHARE * slots + (1.0 - SLOT_SHARE) * modes


def experience_matrix(mentees: Sequence[MenteeInput], mentors: Sequence[MentorInput]):
    """Return min(years / 10, 1) of each mentor, repeated for every mentee."""
    years = np.array([m.experience_years for m in mentors], float)
    row = np.minimum(years / EXPERIENCE_SATURATION_YEARS, 1.0)
    return np.broadcast_to(row, (len(mentees), len(mentors)))


def department_matrix(mentees, mentors, preference: str) -> np.ndarray:
    """Return 1 where the departments agree with the preference ("same" or "cross"), else 0."""
    zeros = np.zeros((len(mentees), len(mentors)))
    if preference == "none":
        return zeros
    names = sorted({p.department for p in [*mentees, *mentors] if p.department is not None})
    codes = {name: index for index, name in enumerate(names)}
    left = np.array([codes.get(m.department, -1) for m in mentees])[:, None]
    right = np.array([codes.get(m.department, -2) for m in mentors])[None, :]
    known = (left >= 0) & (right >= 0)
    agrees = (left == right) if preference == "same" else (left != right)
    return (known & agrees).astype(float)


def language_matrix(mentees: Sequence[MenteeInput], mentors: Sequence[MentorInput]):
    """Return 0.5 for the mentee's preferred language plus 0.25 per extra shared one (max 2)."""
    shared = shared_counts([m.languages for m in mentees], [m.languages for m in mentors])
    preferred = shared_counts([m.languages[:1] for m in mentees], [m.languages for m in mentors])
    extra = np.clip(shared - 1.0, 0.0, EXTRA_LANGUAGES_COUNTED) / EXTRA_LANGUAGES_COUNTED
    return 0.5 * (preferred > 0) + 0.5 * extra


def criterion_matrices(mentees, mentors, weights: Weights) -> dict[str, np.ndarray]:
    """Return every criterion as a mentee x mentor matrix of values in 0-1, in CRITERIA order."""
    return {
        "competence": competence_matrix(mentees, mentors),
        "availability": availability_matrix(mentees, mentors),
        "experience": experience_matrix(mentees, mentors),
        "department": department_matrix(mentees, mentors, weights.department_preference),
        "languages": language_matrix(mentees, mentors),
    }


def score_matrix(criteria: dict[str, np.ndarray], weights: Weights) -> np.ndarray:
    """Return the weighted sum of the criteria, added in CRITERIA order."""
    factors = weights.as_dict()
    total = np.zeros(next(iter(criteria.values())).shape)
    for name in CRITERIA:
        total = total + factors[name] * criteria[name]
    return total


def contributions(criteria: dict[str, np.ndarray], weights: Weights, row: int, column: int):
    """Return weight x value per criterion for one pair; they add up to its score exactly."""
    factors = weights.as_dict()
    return {name: float(factors[name] * criteria[name][row, column]) for name in CRITERIA}


def max_pair_score(weights: Weights) -> float:
    """Return an upper bound of any pair's score (every criterion is at most 1)."""
    return float(sum(weights.as_dict().values()))
