"""Shared helpers for managers: chunking within PHP's max_input_vars, tolerant field reading."""
from dataclasses import fields

# PHP's default max_input_vars; every flattened form field counts, keep a margin for the rest.
MAX_INPUT_VARS = 1000
VARS_MARGIN = 10


def chunked(items, size):
    """Yield consecutive slices of items with at most size elements."""
    items = list(items)
    for start in range(0, len(items), max(1, size)):
        yield items[start:start + size]


def chunk_size(vars_per_item, limit=None):
    """Return how many items fit in one request given the form fields each item takes."""
    room = (MAX_INPUT_VARS - VARS_MARGIN) // max(1, vars_per_item)
    return max(1, min(room, limit or room))


def from_dict(cls, data):
    """Build a dataclass from a Moodle dict, ignoring keys it does not declare."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


class Manager:
    """A group of web-service calls for one Moodle area."""

    def __init__(self, client):
        self.client = client

    def call(self, wsfunction, params=None):
        """Call a function through the client."""
        return self.client.call(wsfunction, params)
