"""Domain exceptions, mapped to HTTP responses in one place.

Messages are English msgids with %(name)s placeholders, translated when shown.
"""
from datetime import timedelta

from flask import Flask, jsonify, render_template, request
from flask_babel import format_timedelta
from flask_babel import gettext as _
from sqlalchemy.exc import DataError, IntegrityError
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    """Base of the errors operations raise; views never build status codes themselves."""

    status = 400

    def __init__(self, message: str, field: str | None = None, **params):
        super().__init__(message % params if params else message)
        self.msgid = message
        self.field = field
        self.params = params

    @property
    def message(self) -> str:
        """Return the message translated into the current language."""
        return _(self.msgid, **self.params)


def N_(message: str) -> str:
    """Mark a message for translation without translating it now."""
    return message


class ValidationFailed(DomainError):
    """The input is not acceptable."""

    status = 400


class NotFound(DomainError):
    """The object does not exist or is not visible to the user."""

    status = 404


class PermissionDenied(DomainError):
    """The user may not do this."""

    status = 403


class Conflict(DomainError):
    """The request conflicts with the current state (duplicate, already used...)."""

    status = 409


def _rollback() -> None:
    from bridge.core.db import db

    db.session.rollback()


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json" or request.path.startswith("/api/")


def _render(status: int, message: str):
    if _wants_json():
        return jsonify(error=message, status=status), status
    return render_template("errors/error.html", status=status, message=message), status


MESSAGES = {
    400: lambda: _("The request could not be understood. Please check what you entered."),
    403: lambda: _("You do not have permission to open this page."),
    404: lambda: _("This page does not exist, or you cannot see it."),
    405: lambda: _("This action is not allowed here."),
    413: lambda: _("The upload is too large."),
    429: lambda: _("Too many attempts. Please wait a while and try again."),
    500: lambda: _("Something went wrong on our side. The error has been logged."),
}


def _window_seconds(exc) -> int:
    """Return the length of the window of the rate limit that was exceeded (Flask-Limiter's 429), or 0."""
    try:
        return int(exc.limit.limit.get_expiry())
    except (AttributeError, TypeError, ValueError):
        return 0


def register_error_handlers(app: Flask) -> None:
    """Map domain exceptions and HTTP errors to friendly pages."""

    @app.errorhandler(DomainError)
    def handle_domain_error(exc: DomainError):
        return _render(exc.status, exc.message)

    @app.errorhandler(HTTPException)
    def handle_http(exc: HTTPException):
        code = exc.code or 500
        message = MESSAGES.get(code, lambda: exc.description)()
        if code == 429 and _window_seconds(exc):
            message = _("Too many attempts. Please wait %(time)s and try again.",
                        time=format_timedelta(timedelta(seconds=_window_seconds(exc)), threshold=1))
        if code == 400 and exc.description and "CSRF" in exc.description:
            message = _("Your form expired or was sent from elsewhere. Please reload the page and try again.")
        return _render(code, message)

    @app.errorhandler(IntegrityError)
    def handle_duplicate(exc: IntegrityError):
        # another request did the same thing first: the unique constraint held; say so instead of a 500
        _rollback()
        return _render(409, _("This was already done, or changed by someone else at the same moment. "
                              "Please check the page."))

    @app.errorhandler(DataError)
    @app.errorhandler(OverflowError)
    def handle_out_of_range(exc: Exception):
        _rollback()
        return _render(400, _("A value you entered is out of range (for example a number that is too large)."))

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        return _render(500, MESSAGES[500]())
