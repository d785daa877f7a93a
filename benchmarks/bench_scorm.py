"""Time building every real module x language x standard package, twice, and compare hashes.

Run: python benchmarks/bench_scorm.py [--oer-dir oer] [--out DIR]
Goal: the whole set builds in under 5 s; the two consecutive builds give identical sha256s.
Each build starts from a cold package cache (content loaded and every zip rendered again).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scorm_packages import (  # noqa: E402
    STANDARDS, clear_cache, default_oer_dir, load_modules, package_sha256, write_package,
)

TIME_GOAL_S = 5.0


def build_all(oer_dir: Path, out_dir: Path) -> tuple[float, dict[str, str]]:
    """Load the content and write every package; return seconds taken and sha256 per file."""
    clear_cache()
    started = time.perf_counter()
    hashes = {}
    for module in load_modules(oer_dir):
        for lang in module.languages:
            for standard in STANDARDS:
                path = write_package(module, lang, standard, out_dir)
                hashes[path.name] = package_sha256(module, lang, standard)
    return time.perf_counter() - started, hashes


def main() -> int:
    """Run two builds, print the figures and return 0 when both goals are met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oer-dir", type=Path, default=default_oer_dir())
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: temp)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-scorm-") as temp:
        out_dir = args.out or Path(temp)
        first_s, first = build_all(args.oer_dir, out_dir / "first")
        second_s, second = build_all(args.oer_dir, out_dir / "second")
    if not first:
        print(f"no modules found in {args.oer_dir}")
        return 1
    for name in sorted(first):
        same = "same" if first[name] == second.get(name) else "DIFFERENT"
        print(f"{name}\n  build 1 sha256 {first[name]}\n  build 2 sha256 "
              f"{second.get(name, '-')}  {same}")
    identical = first == second
    print(f"packages: {len(first)}  build 1: {first_s:.3f} s  build 2: {second_s:.3f} s  "
          f"total: {first_s + second_s:.3f} s  (goal: each build < {TIME_GOAL_S:.0f} s)")
    print(f"deterministic: {'yes' if identical else 'NO'}")
    return 0 if identical and max(first_s, second_s) < TIME_GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
