"""Moodle web-service client and sync jobs (users, enrolments, completions)."""
from sync.batch import Call, CallResult, run_calls
from sync.client import MoodleClient, flatten_params
from sync.exceptions import (MoodleAuthError, MoodleCapabilityError, MoodleConfigError, MoodleError,
                             MoodleProtocolError, MoodleTimeout, MoodleUnavailable,
                             MoodleWSError)
from sync.retry import RetryPolicy

__all__ = [
    "Call", "CallResult", "MoodleAuthError", "MoodleCapabilityError", "MoodleClient",
    "MoodleConfigError", "MoodleError", "MoodleProtocolError", "MoodleTimeout",
    "MoodleUnavailable", "MoodleWSError",
    "RetryPolicy", "flatten_params", "run_calls",
]
