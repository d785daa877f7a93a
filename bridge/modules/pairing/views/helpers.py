"""Shared view helpers: loading objects or 404, and running an operation for a form."""
from flask import abort, flash

from bridge.core.db import db
from bridge.core.errors import DomainError
from bridge.core.forms import apply_domain_error
from bridge.modules.people.models import Person


def get_or_404(model, object_id: int):
    """Return the object with this id, or answer 404."""
    return db.session.get(model, object_id) or abort(404)


def attempt(form, operation, *args, **kwargs):
    """Run an operation and commit; on a domain error roll back, show it on the form and return None."""
    try:
        result = operation(*args, **kwargs)
    except DomainError as exc:
        db.session.rollback()
        if form is None or not apply_domain_error(form, exc):
            flash(exc.message, "danger")
        return None
    db.session.commit()
    return True if result is None else result


def chosen_people(form) -> tuple:
    """Return the mentor and mentee a validated pair form names."""
    return db.session.get(Person, int(form.mentor_id.data)), db.session.get(Person, int(form.mentee_id.data))


def flash_notices(notices) -> None:
    """Show the non-fatal problems an operation reported."""
    for notice in notices:
        flash(notice.message, "warning")
