"""Workspace settings (app config, else QSER_* environment, else default) and vocabulary labels."""
import os

from flask import current_app

from bridge.core.errors import N_

# name: (default, cast). Set in the app config or as QSER_<name> in the environment.
SETTINGS = {
    "REMINDER_PAIR_DAYS": (30, int),
    "REMINDER_COORDINATOR_DAYS": (45, int),
    "UPLOAD_MAX_BYTES": (10 * 1024 * 1024, int),
    "COORDINATORS_READ_MESSAGES": (False, lambda v: str(v).lower() in {"1", "true", "yes", "on"}),
}
MODE_LABELS = {"onsite": N_("on site"), "online": N_("online"), "phone": N_("by phone")}
RATING_LABELS = {1: N_("1 – not helpful"), 2: N_("2 – somewhat helpful"), 3: N_("3 – helpful"),
                 4: N_("4 – very helpful")}


def setting(name: str):
    """Return a workspace setting from the app config, the QSER_ environment or its default."""
    default, cast = SETTINGS[name]
    if name in current_app.config:
        return cast(current_app.config[name])
    raw = os.environ.get(f"QSER_{name}")
    return cast(raw) if raw not in (None, "") else default
