"""Pages of the community area: Q&A, good practices, workshops and scenarios."""
from flask import Blueprint
from flask_babel import get_locale
from flask_login import current_user

from bridge.core.competences import competence_keys, competence_label
from bridge.core.db import utcnow
from bridge.modules.community import util
from bridge.modules.community.models import GoodPractice, Question, Scenario, Workshop

bp = Blueprint("community", __name__, url_prefix="/community")
PAGE_SIZE = 20


def locale() -> str:
    """Return the two-letter interface language."""
    return str(get_locale() or "en")[:2]


def me():
    """Return the logged-in person."""
    return current_user.person


def tag_label(tag) -> str:
    """Return a tag's label: the competence name in the interface language, or the free tag."""
    return competence_label(tag.name, locale()) if tag.name in competence_keys() else tag.name


@bp.context_processor
def helpers():
    """Give the community templates their labels and the models their permission checks are asked about."""
    return {"tag_label": tag_label, "competence_label": competence_label, "state_labels": util.STATE_LABELS,
            "kind_labels": util.KIND_LABELS, "Question": Question, "GoodPractice": GoodPractice,
            "Scenario": Scenario, "Workshop": Workshop, "now_utc": utcnow()}


from bridge.modules.community.views import practices, qa, workshops  # noqa: E402,F401  (routes on bp)
