"""Pages of the tandem workspace under /pairs/<pair_id>/ (members of the tandem and coordinators only)."""
from flask import Blueprint

from bridge.core.competences import competence_label
from bridge.modules.mentoring.util import MODE_LABELS, RATING_LABELS
from bridge.modules.pairing.util import STATE_LABELS

bp = Blueprint("mentoring", __name__)


@bp.app_context_processor
def labels():
    """Give the workspace templates the vocabulary's labels."""
    return {"session_mode_labels": MODE_LABELS, "rating_labels": RATING_LABELS,
            "pair_state_labels": STATE_LABELS, "competence_name": competence_label}


from bridge.modules.mentoring.views import documents, messages, sessions, workspace  # noqa: E402,F401
