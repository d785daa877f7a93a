"""Retry policy: exponential backoff with jitter, honouring Retry-After."""
import random
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from typing import Callable

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def parse_retry_after(value, now=None):
    """Return the delay in seconds a Retry-After header asks for (seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait before retrying a transient failure."""

    attempts: int = 4
    backoff: float = 0.5
    max_backoff: float = 30.0
    jitter: float = 0.5
    max_retry_after: float = 120.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, attempt, retry_after=None):
        """Return the seconds to wait after failed attempt number `attempt` (0-based)."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        base = min(self.max_backoff, self.backoff * (2 ** attempt))
        return base * (1 - self.jitter * self.rng.random())

    def should_retry(self, attempt):
        """Tell whether another attempt is allowed after attempt number `attempt` (0-based)."""
        return attempt + 1 < self.attempts


NO_RETRY = RetryPolicy(attempts=1)
