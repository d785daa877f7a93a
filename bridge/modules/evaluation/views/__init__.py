"""Evaluation pages under /evaluations: the tandems' forms and responses, and the coordinators' tools."""
from flask import Blueprint

from bridge.core.db import db
from bridge.modules.evaluation.operations.definitions import ensure_forms
from bridge.modules.evaluation.util import ASPECT_LABELS, ROLE_LABELS, STATUS_LABELS, TYPE_LABELS, VISIBILITY_LABELS

bp = Blueprint("evaluation", __name__, url_prefix="/evaluations")


@bp.app_context_processor
def labels():
    """Give the evaluation templates the vocabulary's labels."""
    return {"aspect_labels": ASPECT_LABELS, "evaluation_type_labels": TYPE_LABELS,
            "evaluation_status_labels": STATUS_LABELS, "evaluation_role_labels": ROLE_LABELS,
            "visibility_labels": VISIBILITY_LABELS}


@bp.before_request
def forms_loaded():
    """Load and keep the shipped forms the first time any evaluation page is opened."""
    if ensure_forms():
        db.session.commit()


from bridge.modules.evaluation.views import admin, tandem  # noqa: E402,F401
