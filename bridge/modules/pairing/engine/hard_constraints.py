"""Hard constraints as mentee x mentor masks, and the honest reasons derived from them.

A pair is allowed only if: the two are different people; neither is the other's line manager;
neither declared a conflict with the other; they were not paired before; the coordinator did not
exclude the pair; they share at least one language; the mentor is eligible and has free capacity.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from bridge.modules.pairing.engine.scoring import shared_counts
from bridge.modules.pairing.engine.types import Constraints, Id, MenteeInput, MentorInput

# Relation constraints, in the order a violation is reported.
RELATIONS = ("same_person", "line_manager", "conflict", "previous_pair", "excluded")
RELATION_LABELS = {
    "same_person": "same person",
    "line_manager": "line manager or direct report",
    "conflict": "declared conflict",
    "previous_pair": "previous pair",
    "excluded": "excluded by the coordinator",
}


@dataclass(frozen=True)
class ConstraintMasks:
    """Boolean masks of the hard constraints; True in ``relations`` means violated."""

    relations: dict[str, np.ndarray]
    shared_language: np.ndarray
    eligible: np.ndarray
    capacity: np.ndarray
    allowed: np.ndarray

    def violation(self, row: int, column: int) -> str | None:
        """Return the first hard constraint the pair breaks, or None if it is allowed."""
        for name in RELATIONS:
            if self.relations[name][row, column]:
                return name
        if not self.shared_language[row, column]:
            return "no_shared_language"
        if not self.eligible[column]:
            return "mentor_ineligible"
        return None if self.capacity[column] > 0 else "mentor_at_capacity"


def _indices(ids: Iterable[Id]) -> dict[Id, list[int]]:
    """Return the positions at which each id occurs."""
    positions: dict[Id, list[int]] = defaultdict(list)
    for index, value in enumerate(ids):
        positions[value].append(index)
    return positions


def _person_codes(mentees, mentors) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return integer codes of person ids and line-manager ids (-1/-2 where none is known)."""
    people = {p.person_id for p in [*mentees, *mentors]}
    codes = {person: index for index, person in enumerate(people)}
    persons = [np.array([codes[p.person_id] for p in group], int) for group in (mentees, mentors)]
    managers = [np.array([codes.get(p.line_manager_id, missing) for p in group], int)
                for group, missing in ((mentees, -1), (mentors, -2))]
    return persons[0], persons[1], managers[0], managers[1]


def _relation_masks(mentees, mentors) -> dict[str, np.ndarray]:
    """Return the same-person, line-manager and declared-conflict masks."""
    mentee_person, mentor_person, mentee_manager, mentor_manager = _person_codes(mentees, mentors)
    manages = (mentee_manager[:, None] == mentor_person[None, :]) | (
        mentor_manager[None, :] == mentee_person[:, None])
    conflict = np.zeros(manages.shape, bool)
    mentee_rows = _indices(m.person_id for m in mentees)
    mentor_columns = _indices(m.person_id for m in mentors)
    for column, mentor in enumerate(mentors):
        for person in mentor.conflict_ids:
            conflict[mentee_rows.get(person, []), column] = True
    for row, mentee in enumerate(mentees):
        for person in mentee.conflict_ids:
            conflict[row, mentor_columns.get(person, [])] = True
    same = mentee_person[:, None] == mentor_person[None, :]
    return {"same_person": same, "line_manager": manages, "conflict": conflict}


def _pair_mask(pairs, mentees, mentors) -> np.ndarray:
    """Return a mask with True at each listed (mentor_id, mentee_id) pair."""
    mask = np.zeros((len(mentees), len(mentors)), bool)
    rows = {m.id: index for index, m in enumerate(mentees)}
    columns = {m.id: index for index, m in enumerate(mentors)}
    for mentor_id, mentee_id in pairs:
        if mentee_id in rows and mentor_id in columns:
            mask[rows[mentee_id], columns[mentor_id]] = True
    return mask


def build_masks(mentees: Sequence[MenteeInput], mentors: Sequence[MentorInput],
                constraints: Constraints) -> ConstraintMasks:
    """Evaluate every hard constraint for every mentee x mentor pair."""
    relations = _relation_masks(mentees, mentors)
    relations["previous_pair"] = _pair_mask(constraints.previous_pairs, mentees, mentors)
    relations["excluded"] = _pair_mask(constraints.exclusions, mentees, mentors)
    shared = shared_counts([m.languages for m in mentees], [m.languages for m in mentors]) > 0
    eligible = np.array([m.eligible for m in mentors], bool)
    capacity = np.array([m.capacity for m in mentors], int)
    allowed = shared & (eligible & (capacity > 0))[None, :]
    for name in RELATIONS:
        allowed &= ~relations[name]
    return ConstraintMasks(relations, shared, eligible, capacity, allowed)


def _related(masks: ConstraintMasks, row: int) -> np.ndarray:
    """Return which mentors a relation constraint rules out for one mentee."""
    return np.any([masks.relations[name][row] for name in RELATIONS], axis=0)


def _exclusion_detail(masks: ConstraintMasks, row: int, speaking: np.ndarray) -> str:
    """Describe which relation constraints rule out the mentors who share a language."""
    counts = {name: 0 for name in RELATIONS}
    for column in np.flatnonzero(speaking):
        counts[masks.violation(row, int(column))] += 1
    parts = [f"{RELATION_LABELS[name]} ({count})" for name, count in counts.items() if count]
    return (f"all {int(speaking.sum())} eligible mentors who share a language are excluded: "
            + ", ".join(parts))


def _capacity_detail(initial: np.ndarray) -> str:
    """Describe why the compatible mentors have no slot left."""
    if not initial.any():
        return f"all {initial.size} compatible mentors have no free capacity"
    return (f"the free slots of all {initial.size} compatible mentors went to other mentees "
            "(pinned or matched); no re-assignment matches more mentees")


def unmatched_reason(masks: ConstraintMasks, row: int) -> tuple[str, str]:
    """Return the reason code and an English detail of why a mentee has no proposal."""
    if not masks.eligible.any():
        return "no_eligible_mentor", "no eligible mentor in this run"
    speaking = masks.shared_language[row] & masks.eligible
    if not speaking.any():
        return "no_shared_language", "no eligible mentor shares a language with the mentee"
    compatible = speaking & ~_related(masks, row)
    if not compatible.any():
        return "excluded_by_constraints", _exclusion_detail(masks, row, speaking)
    return "mentors_at_capacity", _capacity_detail(masks.capacity[compatible])


PIN_DETAILS = {
    "unknown_mentee": "pin ignored: no such mentee in this run",
    "unknown_mentor": "pin ignored: no such mentor in this run",
    "no_shared_language": "pin ignored: mentor and mentee share no language",
    "mentor_ineligible": "pin ignored: the mentor is not eligible",
    "mentor_at_capacity": "pin ignored: the mentor has no free slot left",
    **{name: f"pin ignored: {label}" for name, label in RELATION_LABELS.items()},
}


def pin_problem(masks: ConstraintMasks, row: int | None, column: int | None,
                free: np.ndarray) -> str | None:
    """Return why a pin cannot be applied given the slots still free, or None if it can."""
    if row is None:
        return "unknown_mentee"
    if column is None:
        return "unknown_mentor"
    problem = masks.violation(row, column)
    if problem is None and free[column] <= 0:
        return "mentor_at_capacity"
    return problem
