"""Typed field readers that record ContentErrors (file and line) instead of raising."""
from __future__ import annotations

import re
from pathlib import Path

from .errors import ContentError
from .yamlload import LineDict, LineList

ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")


class Report:
    """Collects the ContentErrors of one source file."""

    def __init__(self, path: Path):
        self.path = path
        self.errors: list[ContentError] = []

    def add(self, line: int, message: str) -> None:
        """Record one error at `line` of this file."""
        self.errors.append(ContentError(self.path, line, message))

    def mapping(self, value, line: int, what: str) -> LineDict | None:
        """Return `value` if it is a mapping, else record an error naming `what`."""
        if isinstance(value, LineDict):
            return value
        self.add(line, f"{what} must be a mapping (key: value lines)")
        return None

    def sequence(self, value, line: int, what: str) -> LineList | None:
        """Return `value` if it is a list, else record an error naming `what`."""
        if isinstance(value, LineList):
            return value
        self.add(line, f"{what} must be a list (lines starting with '- ')")
        return None

    def only_keys(self, data: LineDict, allowed: set[str], what: str) -> None:
        """Record an error for every key of `data` not in `allowed`."""
        for key in data:
            if key not in allowed:
                names = ", ".join(sorted(allowed))
                self.add(data.line_of(key), f"unknown key {key!r} in {what} (allowed: {names})")

    def present(self, data: LineDict, key: str, what: str) -> bool:
        """Return whether `key` is in `data`, recording an error when it is missing."""
        if key in data and data[key] is not None:
            return True
        self.add(data.line_of(key), f"{what} is missing required key {key!r}")
        return False

    def text(self, data: LineDict, key: str, what: str) -> str | None:
        """Return a non-empty string field, or record why it is not one."""
        if not self.present(data, key, what):
            return None
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            self.add(data.line_of(key), f"{key!r} of {what} must be non-empty text")
            return None
        return value.strip()

    def integer(self, data: LineDict, key: str, low: int, high: int, what: str) -> int | None:
        """Return an integer field within [low, high], or record why it is not one."""
        if not self.present(data, key, what):
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(data.line_of(key), f"{key!r} must be a whole number from {low} to {high}")
            return None
        return value

    def boolean(self, data: LineDict, key: str, what: str) -> bool | None:
        """Return a true/false field, or record why it is not one."""
        if not self.present(data, key, what):
            return None
        if not isinstance(data[key], bool):
            self.add(data.line_of(key), f"{key!r} of {what} must be true or false")
            return None
        return data[key]

    def keys(self, data: LineDict, key: str, known: set[str], what: str) -> tuple[str, ...]:
        """Return a non-empty list of competence keys, recording unknown or malformed ones."""
        if not self.present(data, key, what):
            return ()
        items = self.sequence(data[key], data.line_of(key), f"{key!r} of {what}")
        if items is None:
            return ()
        if not items:
            self.add(data.line_of(key), f"{key!r} of {what} must name at least one competence")
        found = []
        for index, item in enumerate(items):
            if item in known:
                found.append(item)
            else:
                self.add(items.line_of(index),
                         f"unknown competence {item!r} (see competences.yaml)")
        return tuple(found)
