"""Time the matching engine against the greedy baseline on 2,000 mentees x 500 mentors.

Run: python benchmarks/bench_matching.py [--seeds 3] [--mentees 2000] [--mentors 500]
Goals: the engine runs in under 2 s and under 500 MB; it matches at least as many mentees as the
greedy baseline and, when both match as many, scores at least as high.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bridge.modules.pairing.engine.solver import greedy_match, match  # noqa: E402
from bridge.modules.pairing.engine.types import (  # noqa: E402
    COMPETENCE_KEYS, Constraints, MenteeInput, MentorInput,
)

TIME_GOAL_S = 2.0
MEMORY_GOAL_MB = 500.0
DEPARTMENTS = ["social", "youth", "kindergarten", "housing", "registry", "health", "jobcentre",
               "education", "immigration", "finance", "culture", "it"]
HOME_LANGUAGES = ["tr", "ar", "ru", "uk", "fa", "pl", "ro", "ku", "sq", "es"]
SLOTS = [f"{day}-{half}" for day in ("mon", "tue", "wed", "thu", "fri") for half in ("am", "pm")]
MODE_CHOICES = [("online",), ("onsite",), ("online", "onsite")]


def department(rng: np.random.Generator) -> str:
    """Draw a department with a Zipf-like size distribution."""
    weights = 1.0 / np.arange(1, len(DEPARTMENTS) + 1)
    return DEPARTMENTS[rng.choice(len(DEPARTMENTS), p=weights / weights.sum())]


def languages(rng: np.random.Generator) -> tuple[str, ...]:
    """Draw an ordered language list: mostly German first, English often, a home language."""
    home = HOME_LANGUAGES[rng.integers(len(HOME_LANGUAGES))]
    spoken = ["de", home] if rng.random() < 0.85 else [home, "de"] if rng.random() < 0.7 else [home]
    if rng.random() >= 0.3:
        spoken = [lang for lang in spoken if lang != home] or [home]
    if rng.random() < 0.55:
        spoken.append("en")
    return tuple(spoken)


def logistics(rng: np.random.Generator) -> dict:
    """Draw the fields mentees and mentors share: languages, department, slots, modes."""
    slots = rng.choice(SLOTS, size=rng.integers(2, 7), replace=False)
    modes = MODE_CHOICES[rng.choice(3, p=[0.3, 0.2, 0.5])]
    return {"languages": languages(rng), "department": department(rng),
            "availability": frozenset(slots.tolist()), "modes": frozenset(modes)}


def make_mentee(rng: np.random.Generator, index: int, mentor_people: int) -> MenteeInput:
    """Draw one mentee wanting 1-4 competences; 30% report to one of the mentors."""
    keys = rng.choice(COMPETENCE_KEYS, size=rng.integers(1, 5), replace=False)
    wanted = {str(key): int(rng.integers(1, 4)) for key in keys}
    manager = f"m{rng.integers(mentor_people)}" if rng.random() < 0.3 else None
    return MenteeInput(id=index, person_id=f"e{index}", wanted=wanted, line_manager_id=manager,
                       **logistics(rng))


def make_mentor(rng: np.random.Generator, index: int, mentees: int) -> MentorInput:
    """Draw one mentor with 3-9 competence levels, capacity 1-4, 92% eligible."""
    keys = rng.choice(COMPETENCE_KEYS, size=rng.integers(3, 10), replace=False)
    levels = {str(key): int(rng.choice(4, p=[0.1, 0.25, 0.35, 0.3]) + 1) for key in keys}
    eligible = bool(rng.random() < 0.92)
    conflicts = {f"e{p}" for p in rng.integers(mentees, size=2)} if rng.random() < 0.05 else set()
    person = f"e{index}" if index < 20 else f"m{index}"  # a few mentees are mentors too
    return MentorInput(
        id=index, person_id=person, competences=levels,
        experience_years=round(min(float(rng.gamma(2.0, 4.0)), 35.0), 1),
        capacity=int(rng.integers(1, 5)), eligible=eligible,
        ineligible_reason="" if eligible else "training not completed",
        conflict_ids=frozenset(conflicts), **logistics(rng))


def random_pairs(rng: np.random.Generator, count: int, mentees: int, mentors: int) -> frozenset:
    """Draw up to count distinct (mentor_id, mentee_id) pairs."""
    return frozenset(zip(rng.integers(mentors, size=count).tolist(),
                         rng.integers(mentees, size=count).tolist()))


def make_instance(seed: int, mentees: int, mentors: int):
    """Return mentees, mentors and constraints (previous pairs, exclusions, some pins)."""
    rng = np.random.default_rng(seed)
    people = [make_mentee(rng, i, mentors) for i in range(mentees)]
    guides = [make_mentor(rng, j, mentees) for j in range(mentors)]
    pins = {mentee: mentor for mentor, mentee in random_pairs(rng, 20, mentees, mentors)}
    return people, guides, Constraints(previous_pairs=random_pairs(rng, 300, mentees, mentors),
                                       exclusions=random_pairs(rng, 50, mentees, mentors),
                                       pins=pins)


def rss_mb() -> float:
    """Return the process's peak resident set size so far in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(function, instance) -> tuple[object, float, float, float]:
    """Return the result, wall time (s), peak RSS so far and traced peak (MB) of one run."""
    start = time.perf_counter()
    result = function(*instance)
    elapsed, rss = time.perf_counter() - start, rss_mb()
    tracemalloc.start()
    function(*instance)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, elapsed, rss, peak


def run(seed: int, mentees: int, mentors: int) -> bool:
    """Benchmark one instance; print a line per algorithm; return whether engine >= greedy."""
    instance = make_instance(seed, mentees, mentors)
    engine, *engine_figures = measure(match, instance)
    greedy, *greedy_figures = measure(greedy_match, instance)
    for name, res, (seconds, rss, traced) in (("engine", engine, engine_figures),
                                              ("greedy", greedy, greedy_figures)):
        print(f"seed {seed}  {name:6}  {seconds:6.3f} s  traced peak {traced:6.1f} MB  "
              f"RSS high-water {rss:6.1f} MB  matched {res.matched_count:5d}/{mentees}  "
              f"total {res.total_score:10.4f}  pin errors {len(res.pin_errors)}")
    if engine.matched_count != greedy.matched_count:
        return engine.matched_count > greedy.matched_count
    return engine.total_score >= greedy.total_score - 1e-9


def main() -> int:
    """Run the benchmark over several seeds and print a verdict against the goals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--mentees", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=500)
    args = parser.parse_args()
    match([], [])  # warm up imports outside the timings
    started = time.perf_counter()
    verdicts = [run(seed, args.mentees, args.mentors) for seed in range(args.seeds)]
    print(f"process peak RSS (ru_maxrss, includes tracemalloc's own overhead) {rss_mb():.1f} MB;"
          f" whole benchmark {time.perf_counter() - started:.1f} s")
    print(f"engine >= greedy on every instance: {'yes' if all(verdicts) else 'NO'}")
    print(f"goals: < {TIME_GOAL_S} s and < {MEMORY_GOAL_MB:.0f} MB per engine run (the first"
          " engine line's RSS high-water mark is measured before any traced or greedy run)")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
