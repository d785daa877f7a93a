"""MoodleClient: protocol, error mapping, retries with backoff, token hygiene, probe."""
import logging
import socket

import pytest

from sync.client import MoodleClient
from sync.exceptions import (MoodleAuthError, MoodleCapabilityError, MoodleProtocolError,
                             MoodleUnavailable, MoodleWSError)
from sync.retry import RetryPolicy, parse_retry_after

NEW_USER = {"username": "ada@example.org", "firstname": "Ada", "lastname": "Lovelace",
            "email": "ada@example.org", "createpassword": True, "idnumber": "qser-1"}


def test_call_posts_form_and_decodes_json(moodle, fake_moodle):
    """A call sends wstoken/wsfunction/moodlewsrestformat and nested params, and decodes JSON."""
    created = moodle.users.create([NEW_USER])
    assert created == {"ada@example.org": 11}
    assert fake_moodle.state.users[11].idnumber == "qser-1"
    assert moodle.stats.requests == fake_moodle.requests == 1


def test_invalid_token_raises_auth_error_without_retry(moodle, fake_moodle):
    """invalidtoken maps to MoodleAuthError, is not retried, and says what to check."""
    fake_moodle.invalidate_token()
    with pytest.raises(MoodleAuthError) as info:
        moodle.site.info()
    assert info.value.errorcode == "invalidtoken"
    assert "QSER_MOODLE_TOKEN" in str(info.value)
    assert fake_moodle.requests == 1


def test_function_missing_from_service_raises_auth_error(moodle, fake_moodle):
    """accessexception maps to MoodleAuthError naming the function to add."""
    fake_moodle.state.service.discard("core_user_create_users")
    with pytest.raises(MoodleAuthError) as info:
        moodle.users.create([NEW_USER])
    assert info.value.errorcode == "accessexception"
    assert "add core_user_create_users" in str(info.value)


def test_parameter_errors_raise_ws_error_once(moodle, fake_moodle):
    """invalidparameter (HTTP 200 body) is a MoodleWSError with its errorcode, never retried."""
    moodle.users.create([NEW_USER])
    with pytest.raises(MoodleWSError) as info:
        moodle.users.create([NEW_USER])
    assert info.value.errorcode == "invalidparameter" and info.value.is_invalid_parameter
    assert fake_moodle.requests == 2


def test_html_errorcode_is_shown_as_text(moodle):
    """A weak password yields an HTML errorcode; the message a person reads has no tags."""
    with pytest.raises(MoodleWSError) as info:
        moodle.users.create([{**NEW_USER, "createpassword": False, "password": "abc"}])
    assert "<div>" in info.value.errorcode
    assert "<" not in str(info.value) and "8 characters" in str(info.value)


def test_debuginfo_is_kept_when_the_site_sends_it(moodle, fake_moodle):
    """With site debugging on, the real reason of invalidparameter is on the exception."""
    fake_moodle.state.debug = True
    moodle.users.create([NEW_USER])
    with pytest.raises(MoodleWSError) as info:
        moodle.users.create([NEW_USER])
    assert info.value.debuginfo == "Username already exists: ada@example.org"


def test_5xx_is_retried_with_exponential_backoff(moodle, fake_moodle, sleeps):
    """Two 503s then success: three requests and two growing delays."""
    fake_moodle.fail_next(2, status=503)
    assert moodle.site.info().release.startswith("4.5")
    assert fake_moodle.requests == 3
    assert len(sleeps.delays) == 2 and sleeps.delays[0] < sleeps.delays[1]


def test_persistent_5xx_raises_unavailable(moodle, fake_moodle):
    """When every attempt fails, MoodleUnavailable carries the HTTP status."""
    fake_moodle.fail_next(5, status=502)
    with pytest.raises(MoodleUnavailable) as info:
        moodle.site.info()
    assert info.value.status == 502 and fake_moodle.requests == 3


def test_429_honours_retry_after(moodle, fake_moodle, sleeps):
    """A 429 with Retry-After waits exactly that long before retrying."""
    fake_moodle.fail_next(1, status=429, retry_after=7)
    moodle.site.info()
    assert sleeps.delays == [7]


def test_timeout_is_retried(fake_moodle, sleeps):
    """A stalled answer times out and the call is retried."""
    client = MoodleClient(fake_moodle.url, fake_moodle.token, timeout=0.2,
                          retry=RetryPolicy(attempts=2, sleep=sleeps))
    fake_moodle.stall_next(1, seconds=0.6)
    assert client.site.info().userid == 3
    assert len(sleeps.delays) == 1


def test_connection_refused_raises_unavailable(sleeps):
    """Nobody listening: retried, then MoodleUnavailable."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = MoodleClient(f"http://127.0.0.1:{port}", "t", timeout=1,
                          retry=RetryPolicy(attempts=3, sleep=sleeps))
    with pytest.raises(MoodleUnavailable):
        client.site.info()
    assert len(sleeps.delays) == 2


def test_non_json_answer_is_a_protocol_error(fake_moodle, sleeps):
    """An HTML page (wrong URL, proxy page) is reported, not parsed."""
    client = MoodleClient(fake_moodle.url, fake_moodle.token,
                          retry=RetryPolicy(attempts=1, sleep=sleeps))
    fake_moodle.fail_next(1, status=200)
    with pytest.raises(MoodleProtocolError):
        client.site.info()


def test_token_never_appears_in_logs_or_errors(moodle, fake_moodle, caplog):
    """Debug logs, warnings, repr and error text never contain the token."""
    caplog.set_level(logging.DEBUG)
    fake_moodle.fail_next(1, status=503)
    moodle.site.info()
    fake_moodle.invalidate_token()
    with pytest.raises(MoodleAuthError) as info:
        moodle.site.info()
    texts = [r.getMessage() for r in caplog.records] + [repr(moodle), str(info.value)]
    assert caplog.records and not any(fake_moodle.token in t for t in texts)


def test_backoff_grows_and_is_capped_with_jitter():
    """Delays double per attempt, stay within the jitter band and respect the cap."""
    policy = RetryPolicy(backoff=1, max_backoff=5, jitter=0.5)
    for attempt, base in enumerate([1, 2, 4, 5, 5]):
        assert base * 0.5 <= policy.delay(attempt) <= base
    assert policy.delay(3, retry_after=500) == policy.max_retry_after


def test_retry_after_accepts_seconds_and_http_dates():
    """Retry-After may be delta-seconds or an HTTP date."""
    from datetime import datetime, timezone
    now = datetime(2026, 11, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("30") == 30
    assert parse_retry_after("Sun, 01 Nov 2026 12:00:10 GMT", now=now) == 10
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_probe_reports_missing_functions_by_name(moodle, fake_moodle):
    """The probe names each missing function and where to add it."""
    fake_moodle.state.service -= {"enrol_manual_enrol_users", "core_user_create_users"}
    with pytest.raises(MoodleCapabilityError) as info:
        moodle.site.probe(["enrol_manual_enrol_users", "core_user_create_users",
                           "core_user_update_users"])
    assert info.value.missing == ["core_user_create_users", "enrol_manual_enrol_users"]
    assert str(info.value) == ("the token's service lacks core_user_create_users, "
                               "enrol_manual_enrol_users: add it under Site administration > "
                               "Server > Web services > External services")


def test_probe_detects_batching(moodle, fake_moodle):
    """Batching is used only where the service offers tool_mobile_call_external_functions."""
    fake_moodle.state.service.discard("tool_mobile_call_external_functions")
    assert moodle.site.probe([]).can_batch is False and moodle.batching is False
