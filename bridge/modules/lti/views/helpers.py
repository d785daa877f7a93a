"""Run one operation per request: commit on success; roll back and show the message on a domain error.

Kept local so that it can be swapped for the shared helper in bridge/core/web.py.
"""
from flask import flash

from bridge.core.db import db
from bridge.core.errors import DomainError
from bridge.core.forms import apply_domain_error


def run_operation(operation, *args, form=None, **kwargs) -> tuple[bool, object]:
    """Run the operation and commit; return (ok, result); on failure the message goes to the form or a flash."""
    try:
        result = operation(*args, **kwargs)
    except DomainError as exc:
        db.session.rollback()
        if form is None or not apply_domain_error(form, exc):
            flash(exc.message, "danger")
        return False, None
    db.session.commit()
    return True, result
