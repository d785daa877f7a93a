"""Input normalisation in one place: every form and query value loses NUL and other control characters.

Tab, newline and carriage return stay (multi-line text needs them); everything else in Unicode category Cc
(C0, DEL, C1) is removed before any form sees the value, so no validator, database or YAML file meets it.
"""
import re

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """Return the text without control characters other than tab and line breaks."""
    return CONTROL.sub("", value)


def _clean(value):
    return clean_text(value) if isinstance(value, str) else value


def _pairs(mapping):
    if mapping is None:
        return []
    if isinstance(mapping, MultiDict):
        return list(mapping.items(multi=True))
    if isinstance(mapping, dict):
        return [(key, item) for key, value in mapping.items()
                for item in (value if isinstance(value, (list, tuple)) else [value])]
    return list(mapping)


class CleanMultiDict(ImmutableMultiDict):
    """The request's parameter storage: values (and keys) cleaned of control characters."""

    def __init__(self, mapping=None):
        super().__init__([(_clean(key), _clean(value)) for key, value in _pairs(mapping)])


class CleanRequest(Request):
    """The app's request class: query string and form values arrive cleaned."""

    parameter_storage_class = CleanMultiDict
