"""Helpers for the packaging tests: edit fixture files and find line numbers."""
from pathlib import Path

FIXTURE_OER = Path(__file__).parent / "data" / "oer"
MODULE_DIR = "01-intercultural-basics"
REPO = Path(__file__).resolve().parents[2]
REAL_OER = REPO / "oer"

def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in the file at `path`, failing if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """Return the 1-based line number of the `occurrence`-th line containing `needle`."""
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if needle in line]
    return hits[occurrence - 1]
