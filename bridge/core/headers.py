"""Security headers on every response: CSP, framing, referrer, HSTS, nosniff and no-store for private pages.

One after-request hook instead of a library: the rules are few, and the SCORM preview needs its own
policy. Framing is refused unless QSER_FRAME_ANCESTORS names origins (the Moodle site, for LTI).
"""
from flask import Flask, request

# Endpoints whose responses are public and may be cached (static files, packages Moodle downloads).
CACHEABLE_ENDPOINTS = frozenset({"static", "bootstrap.static", "training.package", "training.preview"})
PREVIEW_ENDPOINTS = frozenset({"training.preview"})
HSTS = "max-age=31536000; includeSubDomains"


def content_security_policy(frame_ancestors: str, preview: bool = False) -> str:
    """Return the CSP: scripts and styles from this site only (style attributes allowed), no plugins."""
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'" if preview else "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "media-src 'self'",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ]
    return "; ".join(directives)


def frame_ancestors(app: Flask, preview: bool) -> str:
    """Return the frame-ancestors source list: none, or the configured Moodle origins (and self for previews)."""
    origins = " ".join(app.config.get("FRAME_ANCESTORS") or [])
    if preview:
        return f"'self' {origins}".strip()
    return origins or "'none'"


def add_security_headers(app: Flask, response):
    """Set the security headers on one response."""
    preview = request.endpoint in PREVIEW_ENDPOINTS
    ancestors = frame_ancestors(app, preview)
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(ancestors, preview))
    if ancestors == "'none'":
        headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if app.config.get("ENV_NAME") == "production":
        headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint not in CACHEABLE_ENDPOINTS:
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Register the hook on the app."""
    app.after_request(lambda response: add_security_headers(app, response))
