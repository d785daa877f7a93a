"""Plain inputs and outputs of the matching engine (no Flask, no database).

Protected characteristics (age, gender, nationality, religion, name) are never inputs: none of
these dataclasses has such a field, so no criterion can use them. Ids are ints or strings; a
mentee or mentor ``id`` is its profile id, ``person_id`` the human behind it (line managers and
declared conflicts name person ids). Pairs in ``Constraints`` are ``(mentor_id, mentee_id)``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Union

Id = Union[int, str]

# The nine competence keys of oer/competences.yaml (a test checks they agree).
COMPETENCE_KEYS = (
    "culture_concept",
    "self_awareness",
    "knowledge_of_cultures",
    "adaptability",
    "organisational_skills",
    "intercultural_communication",
    "humility_respect",
    "relationship_building",
    "commitment",
)
CRITERIA = ("competence", "availability", "experience", "department", "languages")
MODES = frozenset({"online", "onsite"})
DEPARTMENT_PREFERENCES = ("same", "cross", "none")


def id_key(value: Id) -> tuple[str, Id]:
    """Return a sort key that orders ints and strings without comparing them to each other."""
    return (type(value).__name__, value)


def _check_scale(values: Mapping[str, int], low: int, high: int, what: str) -> dict[str, int]:
    """Return a copy of a competence mapping after checking its keys and its scale."""
    unknown = set(values) - set(COMPETENCE_KEYS)
    if unknown:
        raise ValueError(f"unknown competence keys in {what}: {sorted(unknown)}")
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{what}[{key!r}] must be an integer {low}-{high}, got {value!r}")
    return dict(values)


def _check_modes(modes: frozenset[str]) -> None:
    """Reject meeting modes other than online and onsite."""
    if not modes <= MODES:
        raise ValueError(f"unknown modes {sorted(modes - MODES)}; use {sorted(MODES)}")


def _collection(values, what: str):
    """Reject a bare string where a collection of strings is expected, then return the values."""
    if isinstance(values, str):
        raise TypeError(f"{what} must be a collection of strings, not the string {values!r}")
    return values


def _logistics(obj) -> dict:
    """Return the normalised languages (ordered, distinct), slots, modes and conflicts."""
    return {"languages": tuple(dict.fromkeys(_collection(obj.languages, "languages"))),
            "availability": frozenset(_collection(obj.availability, "availability")),
            "modes": frozenset(_collection(obj.modes, "modes")),
            "conflict_ids": frozenset(obj.conflict_ids)}


def _freeze(obj: object, **values: object) -> None:
    """Set normalised values on a frozen dataclass instance."""
    for name, value in values.items():
        object.__setattr__(obj, name, value)


@dataclass(frozen=True)
class MenteeInput:
    """What the engine knows of a mentee: wanted competences with priority 1-3 and logistics."""

    id: Id
    person_id: Id
    wanted: Mapping[str, int] = field(default_factory=dict, hash=False)
    languages: tuple[str, ...] = ()
    department: str | None = None
    availability: frozenset[str] = frozenset()
    modes: frozenset[str] = frozenset()
    line_manager_id: Id | None = None
    conflict_ids: frozenset[Id] = frozenset()

    def __post_init__(self) -> None:
        """Normalise collections and validate scales."""
        _freeze(self, wanted=_check_scale(self.wanted, 1, 3, "wanted"), **_logistics(self))
        _check_modes(self.modes)


@dataclass(frozen=True)
class MentorInput:
    """What the engine knows of a mentor: competence levels 1-4, experience and free capacity."""

    id: Id
    person_id: Id
    competences: Mapping[str, int] = field(default_factory=dict, hash=False)
    experience_years: float = 0.0
    languages: tuple[str, ...] = ()
    department: str | None = None
    availability: frozenset[str] = frozenset()
    modes: frozenset[str] = frozenset()
    capacity: int = 1
    eligible: bool = True
    ineligible_reason: str = ""
    line_manager_id: Id | None = None
    conflict_ids: frozenset[Id] = frozenset()

    def __post_init__(self) -> None:
        """Normalise collections and validate scales, experience and capacity."""
        _freeze(self, competences=_check_scale(self.competences, 1, 4, "competences"),
                **_logistics(self))
        _check_modes(self.modes)
        if not math.isfinite(self.experience_years) or self.experience_years < 0:
            raise ValueError(f"experience_years must be >= 0, got {self.experience_years!r}")
        if isinstance(self.capacity, bool) or not isinstance(self.capacity, int) \
                or self.capacity < 0:
            raise ValueError(f"capacity must be an integer >= 0, got {self.capacity!r}")


@dataclass(frozen=True)
class Constraints:
    """Coordinator decisions and history: previous pairs, pins {mentee: mentor}, exclusions."""

    previous_pairs: frozenset[tuple[Id, Id]] = frozenset()
    pins: Mapping[Id, Id] = field(default_factory=dict, hash=False)
    exclusions: frozenset[tuple[Id, Id]] = frozenset()

    def __post_init__(self) -> None:
        """Normalise the collections."""
        _freeze(self, previous_pairs=frozenset(self.previous_pairs), pins=dict(self.pins),
                exclusions=frozenset(self.exclusions))


@dataclass(frozen=True)
class Weights:
    """Weights of the five criteria (each criterion is normalised to 0-1).

    Defaults sum to 1, so with them a score lies in 0-1; weights need not sum to 1 (a score
    is then at most their sum). ``department_preference`` rewards the same department
    ("same"), a different one ("cross") or neither ("none": the criterion is 0 for all pairs).
    """

    competence: float = 0.40
    availability: float = 0.25
    experience: float = 0.10
    department: float = 0.10
    languages: float = 0.15
    department_preference: str = "none"

    def __post_init__(self) -> None:
        """Reject negative or non-finite weights and unknown department preferences."""
        for name, value in self.as_dict().items():
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"weight {name} must be a finite number >= 0, got {value!r}")
        if self.department_preference not in DEPARTMENT_PREFERENCES:
            raise ValueError(f"department_preference must be one of {DEPARTMENT_PREFERENCES}")

    def as_dict(self) -> dict[str, float]:
        """Return the weights by criterion, in CRITERIA order."""
        return {name: float(getattr(self, name)) for name in CRITERIA}


@dataclass(frozen=True)
class Proposal:
    """One proposed pair with its score broken down by criterion and the runner-up mentors."""

    mentee_id: Id
    mentor_id: Id
    score: float
    contributions: Mapping[str, float] = field(hash=False)
    runners_up: tuple[tuple[Id, float], ...] = ()
    pinned: bool = False


@dataclass(frozen=True)
class UnmatchedMentee:
    """A mentee left without a proposal, with a reason code and an English detail sentence."""

    mentee_id: Id
    reason: str
    detail: str


@dataclass(frozen=True)
class PinError:
    """A coordinator pin that was not applied because it breaks a hard constraint."""

    mentee_id: Id
    mentor_id: Id
    reason: str
    detail: str


@dataclass(frozen=True)
class MatchResult:
    """Proposals (by mentee id), unmatched mentees with reasons, total score and pin errors."""

    proposals: tuple[Proposal, ...]
    unmatched: tuple[UnmatchedMentee, ...]
    total_score: float
    pin_errors: tuple[PinError, ...] = ()

    @property
    def matched_count(self) -> int:
        """Return the number of proposed pairs."""
        return len(self.proposals)
