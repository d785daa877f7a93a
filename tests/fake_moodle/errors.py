"""Moodle's error bodies (always sent with HTTP 200), as the fake raises them."""
import json

INVALID_PARAMETER = "core\\exception\\invalid_parameter_exception"
MOODLE_EXCEPTION = "core\\exception\\moodle_exception"


class FakeMoodleError(Exception):
    """An exception a Moodle web-service function throws."""

    def __init__(self, errorcode, message, exception=MOODLE_EXCEPTION, debuginfo=None, module=None):
        super().__init__(message)
        self.errorcode = errorcode
        self.message = message
        self.exception = exception
        self.debuginfo = debuginfo
        self.module = module

    def body(self, debug=False):
        """Return the top-level error object of the REST protocol."""
        body = {"exception": self.exception, "errorcode": self.errorcode, "message": self.message}
        if debug and self.debuginfo:
            body["debuginfo"] = self.debuginfo
        return body

    def inner_json(self, siteurl):
        """Return the JSON string tool_mobile_call_external_functions puts in an inner error."""
        if self.errorcode == "accessexception":
            return json.dumps({"errorcode": "accessexception", "module": "webservice"})
        more = f"https://docs.moodle.org/405/en/error/moodle/{self.errorcode}"
        return json.dumps({"message": self.message, "errorcode": self.errorcode,
                           "link": siteurl + "/", "moreinfourl": more})


def invalid_parameter(debuginfo):
    """Moodle's generic validation failure; the reason only shows in debuginfo."""
    return FakeMoodleError("invalidparameter", "Invalid parameter value detected",
                           INVALID_PARAMETER, debuginfo)


def missing_record(table, debuginfo=None):
    """A MUST_EXIST lookup that found nothing."""
    return FakeMoodleError("invalidrecord", f"Can't find data record in database table {table}.",
                           "dml_missing_record_exception", debuginfo)


def access_exception(wsfunction):
    """The token's service does not include the function."""
    return FakeMoodleError("accessexception", "Access control exception",
                           "webservice_access_exception",
                           f"Access to the function {wsfunction}() is not allowed.")


def invalid_token():
    """The token is unknown or empty."""
    return FakeMoodleError("invalidtoken", "Invalid token - token not found")


def coding_error(detail):
    """A coding_exception, e.g. an unsupported search field."""
    message = "Coding error detected, it must be fixed by a programmer: " + detail
    return FakeMoodleError("codingerror", message, "core\\exception\\coding_exception")


def invalid_user():
    """core_user::get_user(..., MUST_EXIST) in a function that reports it as invaliduser."""
    return FakeMoodleError("invaliduser", "Invalid user")


def user_deleted():
    """A user deleted in Moodle (kept as a deleted row): the grade report says userdeleted."""
    return FakeMoodleError("userdeleted", "error/userdeleted", "core\\exception\\moodle_exception")
