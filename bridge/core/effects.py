"""Outside effects (mail, Moodle calls, files, jobs) run after a successful commit, never inside it.

An operation registers an effect with `after_commit(fn, *args, **kwargs)`. The effect runs once the
session's transaction has committed; a rollback or a failed commit drops it. Effects take plain data
(ids, strings), so a job queue can later run them elsewhere: `set_runner()` replaces the inline runner.
An effect that fails after the commit is logged; the committed data stays.
An outside change that must happen inside the transaction (a file the row refers to) registers its undo
with `on_rollback(fn, *args)`: it runs if the transaction rolls back or its commit fails.
"""
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app, flash, has_request_context
from flask_sqlalchemy.session import Session as FlaskSession

from bridge.core import cache

log = logging.getLogger(__name__)
PENDING = "qser_pending_effects"
UNDO = "qser_undo_on_rollback"


@dataclass(frozen=True)
class Effect:
    """A call to make after the commit."""

    fn: Callable
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        """Return the dotted name of the function (how a queue refers to it)."""
        return f"{self.fn.__module__}.{self.fn.__qualname__}"


def after_commit(fn: Callable, *args, **kwargs) -> None:
    """Register fn(*args, **kwargs) to run after the current transaction commits."""
    from bridge.core.db import db

    db.session().info.setdefault(PENDING, []).append(Effect(fn, args, kwargs))


def on_rollback(fn: Callable, *args, **kwargs) -> None:
    """Register fn(*args, **kwargs) to undo an outside change if the current transaction does not commit."""
    from bridge.core.db import db

    db.session().info.setdefault(UNDO, []).append(Effect(fn, args, kwargs))


def _undo(session) -> None:
    """The transaction did not commit: forget its effects, its writes and its memo; undo its outside changes."""
    session.info.pop(PENDING, None)
    session.info.pop(cache.WROTE, None)
    cache.forget_transaction(session)
    for effect in reversed(session.info.pop(UNDO, [])):
        run_inline(effect)


def pending_effects(session) -> list[Effect]:
    """Return the effects registered on the session and not yet run."""
    return list(session.info.get(PENDING, ()))


def run_inline(effect: Effect) -> None:
    """Run one effect now, logging (not raising) its failure."""
    try:
        effect.fn(*effect.args, **effect.kwargs)
    except Exception:  # an outside effect must never undo or hide the committed change
        log.exception("After-commit effect %s failed", effect.name)


def set_runner(app, runner: Callable[[Effect], None]) -> None:
    """Make the app hand its effects to runner (e.g. a job queue) instead of running them inline."""
    app.extensions["qser_effect_runner"] = runner


def _runner() -> Callable[[Effect], None]:
    return current_app.extensions.get("qser_effect_runner", run_inline)


def notify(message: str, category: str = "warning") -> None:
    """Tell the person who caused the effect about a problem (a flash in a request, the log otherwise)."""
    if has_request_context():
        flash(message, category)
    else:
        log.warning("%s", message)


class Session(FlaskSession):
    """The app's session: runs registered effects after commit, drops them on rollback."""

    def commit(self) -> None:
        """Commit, then run the effects registered during the transaction."""
        try:
            super().commit()
        except Exception:
            _undo(self)
            raise
        self.info.pop(UNDO, None)
        cache.forget_transaction(self)
        if self.info.pop(cache.WROTE, False):
            cache.bump()  # kept figures (overview counts, dashboard) are computed afresh by their next reader
        effects = self.info.pop(PENDING, [])
        runner = _runner()
        for effect in effects:
            runner(effect)

    def rollback(self) -> None:
        """Roll back, forget the effects of the transaction and undo its outside changes."""
        _undo(self)
        super().rollback()

    def close(self) -> None:
        """Close, forgetting any effects never committed and undoing their outside changes."""
        _undo(self)
        super().close()


cache.install(Session)
