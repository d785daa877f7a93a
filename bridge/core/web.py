"""The one way a view runs an operation: load or 404, run, commit, show domain errors where they belong.

Policy: `ValidationFailed` and `Conflict` (and a unique-constraint violation, which means another request
did the same thing first) are shown to the person, on the form field they name, otherwise as a flash;
the transaction is rolled back and the view gets None. `PermissionDenied` and `NotFound` are not caught:
the error handler answers 403/404. On success the view commits once; outside effects run after it.
"""
import sqlalchemy as sa
from flask import abort, current_app, flash, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from flask_sqlalchemy.pagination import SelectPagination
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError

from bridge.core import cache
from bridge.core.db import db
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.core.forms import apply_domain_error
from bridge.core.permissions import require
from bridge.core.ids import in_range

ALREADY_DONE = N_("This was already done, or changed by someone else at the same moment. Please check the page.")


def get_or_404(model, object_id, options=()):
    """Return the object with this primary key, or answer 404 (also for ids no integer column holds); options are
    loader options (what to load with it)."""
    if isinstance(object_id, int) and not in_range(object_id):
        abort(404)
    return db.session.get(model, object_id, options=list(options)) or abort(404)


def show_error(form, exc) -> None:
    """Show a domain error on the form field it names, or as a flash message."""
    if form is None or not apply_domain_error(form, exc):
        flash(exc.message, "danger")


def run_operation(form, operation, *args, **kwargs):
    """Run an operation and commit; return its result (True if it returns None), or None after showing why not."""
    try:
        result = operation(*args, **kwargs)
        db.session.commit()
    except (ValidationFailed, Conflict) as exc:
        db.session.rollback()
        show_error(form, exc)
        return None
    except IntegrityError:
        db.session.rollback()
        show_error(form, Conflict(ALREADY_DONE))
        return None
    return True if result is None else result


def submit(form, operation, *args, **kwargs):
    """Validate a posted form and run the operation for it; None when not posted, invalid or refused."""
    if not form.validate_on_submit():
        return None
    return run_operation(form, operation, *args, **kwargs)


def form_status(form) -> int:
    """Return 400 when the form was sent with errors, else 200."""
    return 400 if form.errors else 200


def get_permitted(model, object_id, action: str = "view", options=()):
    """Return the object with this primary key if the current person may do the action with it; else 404/403."""
    return require(current_user.person, action, get_or_404(model, object_id, options))


def get_child_or_404(model, object_id, **parent):
    """Return the object with this primary key if it belongs to the given parent (e.g. pair_id=3), else 404."""
    obj = db.session.get(model, object_id)
    if obj is None or any(getattr(obj, name) != value for name, value in parent.items()):
        abort(404)
    return obj


def private_download(response):
    """Mark a file response as a private download that browsers must not sniff or cache."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


class _Pagination(SelectPagination):
    """A page of a select: ORM entities for a one-entity select, rows for a select of several columns (a list page's
    read model, which costs a fraction of loading entities); the total is counted once until the next write."""

    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        result = self._query_args["session"].execute(select)
        return list(result.unique().scalars() if len(result.keys()) == 1 else result.all())

    def _query_count(self) -> int:
        select = self._query_args["select"]
        return cache.remember(("count", *self._query_args["key"]), lambda: self._query_args["session"].scalar(
            sa.select(sa.func.count()).select_from(select.order_by(None).subquery())) or 0)


def paginate(stmt, per_page: int, key: tuple, page: int | None = None):
    """Return one page of the statement's rows; the total (for "989 people" and the page links) is counted once and
    kept until the next write (bridge.core.cache) under the list's key and filters, since counting every match of a
    large programme costs more than the page itself. A page past the end is empty (no error). `page` is the page
    number when it is not the query string's "page" (a page with two lists)."""
    return _Pagination(select=stmt, session=db.session(), key=key, per_page=per_page, error_out=False, count=True,
                       page=page, max_per_page=None)


def kept_html(name: str, key: tuple, render) -> Markup:
    """Return render() as HTML, rendered once per app, name, language, mount point and key: parts that are on many
    pages and the same for many readers (the main menu, the GET filter forms) cost milliseconds to render each time."""
    kept = current_app.extensions.setdefault("qser_kept_html", {})
    full = (name, str(get_locale()), request.script_root, *key)
    html = kept.get(full)
    if html is None:
        if len(kept) > 4096:  # roles x languages x pages, or queries: bounded, but never let odd keys grow the process
            kept.clear()
        html = kept[full] = Markup(render())
    return html


def kept_form_html(name: str, template: str, form, **context) -> Markup:
    """Return a GET filter form rendered as HTML once per language and query string (and extra context): the selects
    with their translated options cost as much as a page of rows. A form with errors is always rendered."""
    def render():
        return render_template(template, form=form, **context)

    if form.errors:
        return Markup(render())
    return kept_html(name, (request.query_string, tuple(sorted(context.items()))), render)
