"""Load YAML with the line number of every mapping, key and list item kept for error messages."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ContentError


class LineDict(dict):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        """Return the line of `key`, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A YAML sequence that remembers its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        """Return the line of item `index`."""
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class DuplicateKey(yaml.MarkedYAMLError):
    """A mapping repeats a key (plain PyYAML would silently keep the last one)."""


class LineLoader(yaml.SafeLoader):
    """SafeLoader that builds LineDict/LineList and rejects duplicate keys."""

    def construct_mapping(self, node, deep=False):
        """Build a LineDict from a mapping node."""
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in result:
                raise DuplicateKey(None, None, f"duplicate key {key!r}", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node, deep=False):
        """Build a LineList from a sequence node."""
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping
)
LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, LineLoader.construct_sequence
)


def load_yaml(path: Path):
    """Parse `path`, raising ContentError with the file and line of a syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, 0, "file is missing") from None
    except UnicodeDecodeError as exc:
        raise ContentError(path, 0, f"not UTF-8 text ({exc.reason})") from None
    try:
        return yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise ContentError(path, line, f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise ContentError(path, 0, f"invalid YAML: {exc}") from None
