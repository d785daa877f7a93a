"""Who may see a tandem: its two members (coordinators see everything, see core.auth)."""
from bridge.core.auth import view_rule
from bridge.modules.pairing.models import CONFIRMED_STATES, Pair


@view_rule(Pair)
def view_pair(viewer, pair: Pair) -> bool:
    """Allow the mentor and the mentee to see their tandem once it is confirmed."""
    return pair.has_member(viewer) and pair.state in CONFIRMED_STATES
