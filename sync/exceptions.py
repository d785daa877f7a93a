"""Typed errors of the Moodle web-service client (python-gitlab style: one class per kind)."""
import re

AUTH_ERRORCODES = frozenset({"invalidtoken", "accessexception"})
SERVICES_PATH = "Site administration > Server > Web services > External services"
_TAG = re.compile(r"<[^>]+>")


def plain_text(text):
    """Return text with HTML tags turned into spaces (Moodle puts HTML in some error codes)."""
    return " ".join(_TAG.sub(" ", text or "").split())


class MoodleError(Exception):
    """Base class of every error raised by the sync client."""

    def __init__(self, message, wsfunction=None):
        super().__init__(message)
        self.message = message
        self.wsfunction = wsfunction

    def __str__(self):
        where = f"{self.wsfunction}: " if self.wsfunction else ""
        return f"{where}{plain_text(self.message)}"


class MoodleConfigError(MoodleError):
    """The bridge is not configured to reach Moodle; the message says which variables to set."""

    def __str__(self):
        return self.message


class MoodleRemoteError(MoodleError):
    """Moodle answered with an exception body (HTTP 200): errorcode, exception class, debuginfo."""

    def __init__(self, message, wsfunction=None, errorcode=None, exception=None, debuginfo=None):
        super().__init__(message, wsfunction)
        self.errorcode = errorcode
        self.exception = exception
        self.debuginfo = debuginfo

    @property
    def is_invalid_parameter(self):
        """Tell whether this is Moodle's generic validation failure (reason only in debuginfo)."""
        return self.errorcode == "invalidparameter"

    def __str__(self):
        text = super().__str__()
        code = plain_text(self.errorcode)
        suffix = f" ({plain_text(self.debuginfo)})" if self.debuginfo else ""
        if code and code not in text:
            text = f"{text} [{code}]"
        return text + suffix


class MoodleWSError(MoodleRemoteError):
    """A Moodle error about this call or record (anything but authentication): the run goes on."""


class MoodleAuthError(MoodleRemoteError):
    """The token is invalid or its service lacks the function: stop, nothing will succeed."""

    def __str__(self):
        text = super().__str__()
        if self.errorcode == "invalidtoken":
            return (f"{text}: check QSER_MOODLE_TOKEN "
                    "(Site administration > Server > Web services > Manage tokens)")
        if self.errorcode == "accessexception" and self.wsfunction:
            return f"{text}: add {self.wsfunction} to the token's service under {SERVICES_PATH}"
        return text


class MoodleUnavailable(MoodleError):
    """Moodle could not be reached (connection error, timeout, 5xx or 429) even after retries."""

    def __init__(self, message, wsfunction=None, status=None):
        super().__init__(message, wsfunction)
        self.status = status


class MoodleTimeout(MoodleUnavailable):
    """A request got no answer in time, even when retried once with a longer timeout."""

    def __init__(self, wsfunction, timeout, last_timeout, inner=1, context=""):
        self.timeout, self.last_timeout, self.inner, self.context = (timeout, last_timeout,
                                                                     inner, context)
        carried = f" carrying {inner} calls" if inner > 1 else ""
        retried = f", then {last_timeout:g} s" if last_timeout != timeout else ""
        super().__init__(f"no answer within {timeout:g} s{retried} (one request{carried})"
                         f"{context}; set QSER_MOODLE_TIMEOUT higher (now {timeout:g}) "
                         "or QSER_MOODLE_BATCH_SIZE lower, or give Moodle more PHP workers",
                         wsfunction)

    def about(self, context):
        """Return the same timeout with what the request was about (e.g. the course size)."""
        return MoodleTimeout(self.wsfunction, self.timeout, self.last_timeout, self.inner,
                             f" for {context}")


class MoodleProtocolError(MoodleError):
    """Moodle answered with something that is not the JSON the protocol promises."""


class MoodleCapabilityError(MoodleError):
    """The token's service lacks functions a job needs."""

    def __init__(self, missing):
        self.missing = sorted(missing)
        names = ", ".join(self.missing)
        super().__init__(f"the token's service lacks {names}: add it under {SERVICES_PATH}")


def error_from_body(body, wsfunction=None):
    """Build the typed exception for an error body {exception, errorcode, message, debuginfo}."""
    errorcode = body.get("errorcode")
    cls = MoodleAuthError if errorcode in AUTH_ERRORCODES else MoodleWSError
    message = body.get("message") or errorcode or "Moodle error"
    return cls(message, wsfunction, errorcode=errorcode, exception=body.get("exception"),
               debuginfo=body.get("debuginfo"))


def is_error_body(payload):
    """Tell whether a decoded response is Moodle's error object rather than a result."""
    return isinstance(payload, dict) and "exception" in payload and "errorcode" in payload
