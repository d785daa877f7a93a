"""Labels (msgids) of the mentor database."""
from bridge.core.errors import N_

MODULE_LABELS = {
    "multiculturalism": N_("Introduction to multiculturalism and immigration"),
    "diversity": N_("Diversity as a source of cultural wealth"),
    "intercultural-communication": N_("Intercultural communication: towards mutual understanding"),
}
TRAINING_LABELS = {
    "not_attempted": N_("not started"),
    "incomplete": N_("in progress"),
    "completed": N_("completed"),
    "passed": N_("passed"),
    "failed": N_("failed"),
}
