"""Pages of the community area: Q&A, good practices, workshops and scenarios."""
from flask import Blueprint, abort
from flask_babel import get_locale
from flask_login import current_user

from bridge.core.competences import competence_keys, competence_label
from bridge.core.db import db
from bridge.core.errors import ValidationFailed
from bridge.core.forms import apply_domain_error
from bridge.modules.community import util

bp = Blueprint("community", __name__, url_prefix="/community")
PAGE_SIZE = 20


def locale() -> str:
    """Return the two-letter interface language."""
    return str(get_locale() or "en")[:2]


def me():
    """Return the logged-in person."""
    return current_user.person


def get_or_404(model, object_id: int):
    """Return the object or abort with 404."""
    return db.session.get(model, object_id) or abort(404)


def run_form(form, action):
    """Validate the form and run the operation; commit and return its result, or None with errors on the form."""
    if not form.validate_on_submit():
        return None
    try:
        result = action()
    except ValidationFailed as exc:
        db.session.rollback()
        if not apply_domain_error(form, exc):
            form.form_errors.append(exc.message)
        return None
    db.session.commit()
    return result


def status_of(form) -> int:
    """Return 400 when the form was sent with errors, else 200."""
    return 400 if form.errors else 200


def tag_label(tag) -> str:
    """Return a tag's label: the competence name in the interface language, or the free tag."""
    return competence_label(tag.name, locale()) if tag.name in competence_keys() else tag.name


@bp.context_processor
def helpers():
    """Give the community templates their labels and permission checks."""
    return {"tag_label": tag_label, "competence_label": competence_label, "state_labels": util.STATE_LABELS,
            "kind_labels": util.KIND_LABELS, "can_contribute": util.can_contribute,
            "can_edit_post": util.can_edit_post, "can_edit_scenarios": util.can_edit_scenarios,
            "can_facilitate": util.can_facilitate}


from bridge.modules.community.views import practices, qa, workshops  # noqa: E402,F401  (routes on bp)
