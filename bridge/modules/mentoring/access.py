"""Whether the actor is a member of the tandem, and whether the tandem is still open for changes."""
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
