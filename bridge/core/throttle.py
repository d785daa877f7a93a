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
