"""Who may act in a tandem's workspace, and whether the tandem is still open for changes."""
from flask import current_app

from bridge.core.auth import is_coordinator
from bridge.core.errors import N_, Conflict, PermissionDenied
from bridge.modules.pairing.models import FINAL_STATES, Pair


def require_member(actor, pair: Pair) -> None:
    """Raise unless the actor is the tandem's mentor or mentee."""
    if not pair.has_member(actor):
        raise PermissionDenied(N_("Only the two members of the tandem can do this."))


def require_open(pair: Pair) -> None:
    """Raise if the tandem has ended (its workspace is then read-only)."""
    if pair.state in FINAL_STATES:
        raise Conflict(N_("This tandem has ended; its workspace can be read but not changed."))


def coordinators_read_messages() -> bool:
    """Return whether this organisation lets coordinators read tandem messages (default: no)."""
    return current_app.config["COORDINATORS_READ_MESSAGES"]


def can_read_messages(person, pair: Pair) -> bool:
    """Return whether the person may read the tandem's messages."""
    return pair.has_member(person) or (is_coordinator(person) and coordinators_read_messages())
