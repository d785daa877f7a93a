"""MoodleClient: one requests.Session speaking Moodle's REST protocol, retries, typed errors."""
import logging
import threading
import time
from collections import Counter
from collections.abc import Mapping

import requests
from requests.adapters import HTTPAdapter

from sync.exceptions import (MoodleProtocolError, MoodleTimeout, MoodleUnavailable,
                             error_from_body, is_error_body)
from sync.retry import RETRY_STATUSES, RetryPolicy, parse_retry_after

log = logging.getLogger(__name__)
REST_PATH = "/webservice/rest/server.php"
BATCH_FUNCTION = "tool_mobile_call_external_functions"
TIMED_OUT = "timed out"
# A call that timed out is retried once, with this many times the timeout; then it fails.
TIMEOUT_RETRY_FACTOR = 2


def flatten_params(params):
    """Flatten nested dicts and lists into Moodle's form keys (users[0][customfields][0][type])."""
    if not isinstance(params, Mapping):
        raise TypeError("Moodle parameters must be a mapping at the top level")
    flat = {}
    for key, value in params.items():
        _flatten_into(flat, str(key), value)
    return flat


def _flatten_into(flat, key, value):
    """Add the form fields of one (possibly nested) value under key."""
    if value is None:
        return
    if isinstance(value, Mapping):
        for sub, item in value.items():
            _flatten_into(flat, f"{key}[{sub}]", item)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _flatten_into(flat, f"{key}[{index}]", item)
    elif isinstance(value, bool):
        flat[key] = "1" if value else "0"
    elif isinstance(value, (int, float, str)):
        flat[key] = str(value)
    else:
        raise TypeError(f"cannot send {type(value).__name__} to Moodle ({key})")


class RequestStats:
    """Thread-safe counts of HTTP requests and calls made by one client."""

    def __init__(self):
        self._lock = threading.Lock()
        self.requests = 0
        self.calls = Counter()

    def count(self, wsfunction, inner=1):
        """Record one HTTP request for wsfunction carrying `inner` calls."""
        with self._lock:
            self.requests += 1
            self.calls[wsfunction] += inner


class MoodleClient:
    """Call Moodle web-service functions over REST (POST, form-encoded, JSON answers)."""

    def __init__(self, url, token, timeout=30.0, retry=None, *, concurrency=4, batch_size=50,
                 batching=None, session=None, retry_timeouts=True):
        self.url = url.rstrip("/")
        # A call that timed out may have been carried out: a client that writes what must not happen twice (a forum
        # post) passes False and checks before it tries again (sync.forums).
        self.retry_timeouts = retry_timeouts
        self.endpoint = self.url + REST_PATH
        self._token = token
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.concurrency = max(1, int(concurrency))
        self.batch_size = max(1, int(batch_size))
        self.batching = batching
        self.site_info = None
        self.stats = RequestStats()
        self.session = session or self._new_session()
        from sync.managers import attach_managers
        attach_managers(self)

    def _new_session(self):
        """Create the one session this client uses, with a pool sized for its concurrency."""
        session = requests.Session()
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=max(10, self.concurrency))
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def __repr__(self):
        return f"MoodleClient({self.url!r})"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Close the underlying session."""
        self.session.close()

    def call(self, wsfunction, params=None, *, inner=1):
        """Call one web-service function and return its decoded result (or raise a typed error)."""
        data = {"wstoken": self._token, "wsfunction": wsfunction, "moodlewsrestformat": "json"}
        data.update(flatten_params(params or {}))
        payload = self._decode(self._post(data, wsfunction, inner), wsfunction)
        if is_error_body(payload):
            raise error_from_body(payload, wsfunction)
        return payload

    def _decode(self, response, wsfunction):
        """Return the JSON body of a response, or raise MoodleProtocolError."""
        try:
            return response.json()
        except ValueError:
            snippet = response.text[:120].replace("\n", " ")
            raise MoodleProtocolError(f"answer is not JSON (HTTP {response.status_code}): "
                                      f"{snippet!r}", wsfunction) from None

    def _post(self, data, wsfunction, inner):
        """POST, retrying connection errors, 5xx and 429; a timeout is retried once, longer."""
        attempt, timeout = 0, self.timeout
        while True:
            self.stats.count(wsfunction, inner)
            response, failure, retry_after, status = self._attempt(data, wsfunction, timeout)
            if response is not None:
                return response
            if failure is TIMED_OUT:
                if not self.retry_timeouts or timeout > self.timeout or not self.retry.should_retry(attempt):
                    raise MoodleTimeout(wsfunction, self.timeout, timeout, inner)
                timeout = self.timeout * TIMEOUT_RETRY_FACTOR
            if not self.retry.should_retry(attempt):
                raise MoodleUnavailable(f"{failure} after {attempt + 1} attempt(s)", wsfunction,
                                        status=status)
            delay = self.retry.delay(attempt, retry_after)
            log.warning("Moodle %s: %s; retrying in %.1fs", wsfunction, failure, delay)
            self.retry.sleep(delay)
            attempt += 1

    def _attempt(self, data, wsfunction, timeout):
        """Make one POST and return (response or None, failure, retry_after, status)."""
        started = time.monotonic()
        try:
            response = self.session.post(self.endpoint, data=data, timeout=timeout)
        except requests.Timeout:
            return None, TIMED_OUT, None, None
        except requests.ConnectionError as exc:
            return None, f"connection failed ({type(exc).__name__})", None, None
        status = response.status_code
        log.debug("Moodle %s: HTTP %s in %.0f ms", wsfunction, status,
                  (time.monotonic() - started) * 1000)
        if status in RETRY_STATUSES:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            return None, f"HTTP {status}", retry_after, status
        if status >= 400:
            raise MoodleUnavailable(f"HTTP {status} from {self.endpoint}: check QSER_MOODLE_URL "
                                    "and that the REST protocol is enabled", wsfunction,
                                    status=status)
        return response, None, None, status
