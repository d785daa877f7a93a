"""Labels (msgids) of the mentor database."""
from bridge.core.errors import N_

TRAINING_LABELS = {
    "not_attempted": N_("not started"),
    "incomplete": N_("in progress"),
    "completed": N_("completed"),
    "passed": N_("passed"),
    "failed": N_("failed"),
}
