"""Workspace vocabulary labels (settings live in bridge.config)."""
from bridge.core.errors import N_

MODE_LABELS = {"onsite": N_("on site"), "online": N_("online"), "phone": N_("by phone")}
RATING_LABELS = {1: N_("1 – not helpful"), 2: N_("2 – somewhat helpful"), 3: N_("3 – helpful"),
                 4: N_("4 – very helpful")}
