"""Rate-limit keys beside the per-address limit: failed logins count per account (the e-mail tried)."""
import hashlib

from flask import request


def login_account_key() -> str:
    """Return the limiter key for the account a login form names (a hash of the normalised e-mail)."""
    email = (request.form.get("email") or "").strip().lower()
    return "login-account:" + hashlib.sha256(email.encode()).hexdigest()


def failed_login(response) -> bool:
    """Return whether a login attempt failed (only failures count against the account)."""
    return response.status_code != 302


class Quota:
    """A rate limit that only successful actions use up, checked by the view before it acts.

    Flask-Limiter's decorators count every request and answer the one over the limit with a bare 429 page.
    A form such as the public application instead asks `wait_seconds()` first, so that it can show the
    visitor how long to wait above the form they typed (kept), and calls `use()` only once the action
    succeeded: failed validations never count. The same storage as the other limits is used (memory or Redis).
    """

    def __init__(self, scope: str, limit: str):
        from limits import parse_many

        self.scope, self.items = scope, parse_many(limit)

    def _key(self) -> str:
        from flask_limiter.util import get_remote_address

        return get_remote_address() or "unknown"

    def _active(self) -> bool:
        from bridge.extensions import limiter

        return bool(limiter.enabled)

    def wait_seconds(self) -> int:
        """Return the seconds until this address may act again (0: it may act now)."""
        if not self._active():
            return 0
        import time

        from bridge.extensions import limiter

        wait = 0
        for item in self.items:
            if not limiter.limiter.test(item, self.scope, self._key()):
                reset_at = limiter.limiter.get_window_stats(item, self.scope, self._key()).reset_time
                wait = max(wait, int(reset_at - time.time()) + 1)
        return wait

    def use(self) -> None:
        """Count one successful action of this address."""
        if self._active():
            from bridge.extensions import limiter

            for item in self.items:
                limiter.limiter.hit(item, self.scope, self._key())
