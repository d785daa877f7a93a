"""LTI pages: the tool's endpoints under /lti/ and the coordinators' registry under /admin/lti."""
from flask import Blueprint, Flask

from bridge.config import ConfigError

bp = Blueprint("lti", __name__)


def init_app(app: Flask) -> None:
    """Let the session cookie work inside Moodle's frame when the operator chose embedding."""
    if not app.config.get("LTI_IFRAME_COOKIES"):
        return
    if not app.config.get("SESSION_COOKIE_SECURE"):
        raise ConfigError("QSER_LTI_IFRAME_COOKIES needs HTTPS cookies (QSER_ENV=production).")
    app.config.update(SESSION_COOKIE_SAMESITE="None", REMEMBER_COOKIE_SAMESITE="None")


from bridge.modules.lti.views import admin, tool  # noqa: E402,F401
