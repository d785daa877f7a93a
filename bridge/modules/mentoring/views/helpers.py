"""Helpers shared by workspace views: loading a tandem with its permission check, running operations."""
from flask import abort, flash
from flask_login import current_user

from bridge.core.permissions import require
from bridge.core.db import db
from bridge.core.errors import Conflict, ValidationFailed
from bridge.core.forms import apply_domain_error
from bridge.modules.pairing.models import Pair


def load_pair(pair_id: int) -> Pair:
    """Return the tandem if the current person may see it (members and coordinators), else 404/403."""
    pair = db.session.get(Pair, pair_id) or abort(404)
    return require(current_user.person, "view", pair)


def load_child(model, object_id: int, pair: Pair):
    """Return an object of the tandem by id, or 404 if it belongs to another tandem."""
    obj = db.session.get(model, object_id)
    if obj is None or obj.pair_id != pair.id:
        abort(404)
    return obj


def attempt(form, operation, *args, **kwargs):
    """Run an operation and commit; on bad input or a conflict roll back, show why and return None."""
    try:
        result = operation(*args, **kwargs)
    except (ValidationFailed, Conflict) as exc:
        db.session.rollback()
        if form is None or not apply_domain_error(form, exc):
            flash(exc.message, "danger")
        return None
    db.session.commit()
    return True if result is None else result


def no_sniff(response):
    """Mark a file response as a download that browsers must not sniff."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
