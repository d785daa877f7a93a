"""Redirect targets taken from requests (`next`): only local paths, checked as the browser will read them."""
import unicodedata
from urllib.parse import urlsplit

from flask import url_for

# Control, format, separator, private-use and unassigned characters: browsers strip or reinterpret some
# of them (a tab or newline anywhere, leading spaces), which turns "/\t/evil.example" into "//evil.example".
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})
MAX_LENGTH = 2000


def is_safe_path(target: str | None) -> bool:
    """Return whether target is a path on this site (no scheme, no host, no tricks a browser would undo)."""
    if not target or len(target) > MAX_LENGTH or not target.startswith("/"):
        return False
    if "\\" in target or target.startswith("//"):
        return False
    if any(unicodedata.category(char) in REFUSED_CATEGORIES for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/")


def safe_next(target: str | None, default_endpoint: str = "home.index") -> str:
    """Return target when it is a safe local path, else the URL of the default endpoint."""
    return target if is_safe_path(target) else url_for(default_endpoint)
