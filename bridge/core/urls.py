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


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})


def base_url() -> str:
    """Return the public address for links read outside a page (mails, LTI), without a trailing slash.

    QSER_BASE_URL when set (always in production). In development without it: the host and port this
    request came to when that is a loopback address (the server actually serving), else the address
    `qser run` serves (set at start). A request's Host header is never trusted for any other host, so a
    forged header cannot redirect mailed links elsewhere.
    """
    from flask import current_app, has_request_context, request

    config = current_app.config
    if not config.get("BASE_URL_EXPLICIT") and config.get("ENV_NAME") != "production" and has_request_context():
        if request.host.rsplit(":", 1)[0] in LOOPBACK_HOSTS:
            return request.host_url.rstrip("/")
    return str(config["BASE_URL"]).rstrip("/")


def external_url(path: str) -> str:
    """Return the absolute address of a path on this site (see base_url)."""
    return base_url() + "/" + path.lstrip("/")
