"""Database ids taken from requests: digits only and within the range of an integer column."""
import re

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER; larger values would fail in the database, not as bad input
_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(value) -> int | None:
    """Return value as a positive id, or None when it is not one (empty, not ASCII digits, too large)."""
    text = str(value if value is not None else "").strip()
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def in_range(value) -> bool:
    """Return whether an int fits an integer column."""
    return isinstance(value, int) and -MAX_ID - 1 <= value <= MAX_ID


class BoundedIntConverter(IntegerConverter):
    """The `<int:...>` URL converter, limited to what an integer column holds (larger ids answer 404)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
