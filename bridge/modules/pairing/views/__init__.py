"""Pages of the pairing domain: profiles, the coordinator's matching workflow and tandems."""
from flask import Blueprint

from bridge.core.competences import competence_keys, competence_label
from bridge.core.vocabulary import module_title
from bridge.modules.pairing import util

bp = Blueprint("pairing", __name__, url_prefix="/pairing")


@bp.context_processor
def labels():
    """Give the pairing templates the vocabulary's labels."""
    return {"competence_keys": competence_keys, "competence_label": competence_label,
            "criterion_labels": util.CRITERION_LABELS, "state_labels": util.STATE_LABELS,
            "source_labels": util.SOURCE_LABELS, "proposal_labels": util.PROPOSAL_LABELS,
            "note_labels": util.NOTE_LABELS,
            "category_labels": util.CATEGORY_LABELS, "slot_labels": util.SLOT_LABELS,
            "mode_labels": util.MODE_LABELS, "module_title": module_title,
            "module_status_labels": util.MODULE_STATUS_LABELS,
            "unmatched_reasons": util.UNMATCHED_REASONS,
            "department_preferences": util.DEPARTMENT_PREFERENCE_LABELS, "pin_problems": util.PIN_PROBLEMS}


from bridge.modules.pairing.views import members, pairs, runs, setup  # noqa: E402,F401  (routes on bp)
