"""Count, mean, median and distribution of Likert answers per aspect, overall and per department."""
from collections import defaultdict

from bridge.modules.evaluation.operations.export_columns import ASPECT_NAMES
from bridge.modules.evaluation.models import ASPECTS

VALUES = range(1, 6)


def median(distribution: dict[int, int]) -> float | None:
    """Return the median of values given as {value: count}."""
    total = sum(distribution.values())
    if not total:
        return None
    ordered = sorted(distribution.items())

    def nth(n: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if seen > n:
                return value
        return ordered[-1][0]

    return (nth((total - 1) // 2) + nth(total // 2)) / 2


def stats(distribution: dict[int, int]) -> tuple:
    """Return count, mean, median and the counts of 1..5."""
    count = sum(distribution.values())
    mean = round(sum(v * c for v, c in distribution.items()) / count, 2) if count else None
    return (count, mean, median(distribution), *(distribution.get(v, 0) for v in VALUES))


def summary_rows(counts: list[tuple]) -> list[tuple]:
    """Return summary rows from (department, aspect, value, count) tuples: overall first, then departments."""
    scopes: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for department, aspect, value, count in counts:
        scopes["overall"][aspect][value] += count
        scopes[department or "(no department)"][aspect][value] += count
    rows = []
    for scope in ["overall", *sorted(s for s in scopes if s != "overall")]:
        for aspect in ASPECTS:
            rows.append((scope, aspect, str(ASPECT_NAMES[aspect]), *stats(scopes[scope][aspect])))
    return rows
