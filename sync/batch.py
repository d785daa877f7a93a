"""Run many per-user calls: batched through tool_mobile_call_external_functions, or concurrently."""
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable

from sync.client import BATCH_FUNCTION
from sync.exceptions import MoodleAuthError, MoodleProtocolError, MoodleWSError, error_from_body

# PHP's default max_input_vars is 1000; each inner call takes two form fields.
MAX_BATCH_CALLS = 400


def _identity(value):
    """Return value unchanged (the default parser of a Call)."""
    return value


@dataclass(frozen=True)
class Call:
    """One web-service call to make, with the function that turns its result into a typed value."""

    wsfunction: str
    args: dict
    parse: Callable[[Any], Any] = field(default=_identity, compare=False)
    key: Any = None


@dataclass(frozen=True)
class CallResult:
    """The outcome of one Call: a parsed value or the Moodle error it met."""

    call: Call
    value: Any = None
    error: MoodleWSError | None = None

    @property
    def ok(self):
        """Tell whether the call succeeded."""
        return self.error is None


def run_calls(client, calls, batching=None, per_request=None):
    """Run calls and return one CallResult per call, in order; auth and outage errors propagate."""
    calls = list(calls)
    use_batch = client.batching if batching is None else batching
    if not calls:
        return []
    if use_batch:
        size = spread(len(calls), per_request or client.batch_size, client.concurrency)
        chunks = [calls[i:i + size] for i in range(0, len(calls), size)]
        done = map_concurrently(client, _run_batch, chunks)
        return [result for chunk in done for result in chunk]
    return list(map_concurrently(client, _run_single, calls))


def spread(count, most, workers):
    """Return how many calls to put in one batch so that count calls keep every worker busy."""
    return max(1, min(most, MAX_BATCH_CALLS, -(-count // max(1, workers))))


def map_concurrently(client, function, items):
    """Apply function(client, item) to items with the client's bounded concurrency, in order."""
    if client.concurrency == 1 or len(items) == 1:
        return [function(client, item) for item in items]
    with ThreadPoolExecutor(max_workers=client.concurrency) as pool:
        return list(pool.map(lambda item: function(client, item), items))


def _run_single(client, call):
    """Make one call as its own HTTP request."""
    try:
        return CallResult(call, value=call.parse(client.call(call.wsfunction, call.args)))
    except MoodleWSError as exc:
        return CallResult(call, error=exc)


def _run_batch(client, calls):
    """Send calls in batch requests, resuming after the inner call that stopped a batch."""
    results = []
    while len(results) < len(calls):
        pending = calls[len(results):]
        responses = _send_batch(client, pending)
        for call, response in zip(pending, responses):
            results.append(_inner_result(call, response))
    return results


def _send_batch(client, calls):
    """POST one batch request and return its list of inner responses."""
    requests = [{"function": c.wsfunction, "arguments": json.dumps(c.args)} for c in calls]
    body = client.call(BATCH_FUNCTION, {"requests": requests}, inner=len(calls))
    responses = body.get("responses") if isinstance(body, dict) else None
    if not isinstance(responses, list) or not responses or len(responses) > len(calls):
        raise MoodleProtocolError("unexpected batch answer", BATCH_FUNCTION)
    return responses


def _inner_result(call, response):
    """Decode one inner response (data and exception are JSON strings) into a CallResult."""
    if not response.get("error"):
        data = response.get("data")
        return CallResult(call, value=call.parse(None if data is None else json.loads(data)))
    try:
        body = json.loads(response.get("exception") or "{}")
    except ValueError:
        body = {}
    body.setdefault("message", body.get("errorcode") or "inner call failed")
    body.setdefault("errorcode", "unknown")
    error = error_from_body({"exception": None, **body}, call.wsfunction)
    if isinstance(error, MoodleAuthError):
        raise error
    return CallResult(call, error=error)
