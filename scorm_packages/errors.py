"""Errors raised by the packaging code: content problems (with file and line) and bad manifests."""
from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """One problem in the OER content source, located by file and line (0 = whole file)."""

    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(message)
        self.path = Path(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"ContentError({str(self)!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, ContentError) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


class InvalidContent(Exception):
    """The content has one or more ContentErrors; `errors` lists them all."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        lines = "\n".join(f"  {error}" for error in self.errors)
        super().__init__(f"{len(self.errors)} content error(s):\n{lines}")


class ManifestInvalid(Exception):
    """A generated manifest does not validate against its XML schemas."""

    def __init__(self, standard: str, messages: list[str]):
        self.standard = standard
        self.messages = list(messages)
        super().__init__(f"{standard} manifest is invalid:\n  " + "\n  ".join(self.messages))


class SchemasMissing(Exception):
    """The XSD folder needed for manifest validation is not there."""
