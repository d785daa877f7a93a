"""Session reports: list, log and confirm."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core.web import get_child_or_404, get_permitted, submit
from bridge.modules.mentoring.forms import ConfirmForm, SessionForm
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.mentoring.operations import sessions as ops
from bridge.modules.mentoring.views import bp
from bridge.modules.pairing.models import Pair


def _render(pair, form=None, confirm_form=None, status=200):
    return render_template("mentoring/sessions.html", pair=pair, form=form or SessionForm(),
                           confirm_form=confirm_form or ConfirmForm(), sessions=ops.pair_sessions(pair)), status


@bp.route("/pairs/<int:pair_id>/sessions", methods=["GET", "POST"])
@login_required
def sessions(pair_id: int):
    """List the tandem's session reports and log a new one."""
    pair, form = get_permitted(Pair, pair_id), SessionForm()
    if not form.is_submitted():
        return _render(pair, form)
    data = {name: form[name].data for name in ("held_on", "duration_minutes", "mode", "competences", "topics",
                                               "notes", "next_steps", "rating")}
    if submit(form, ops.log_session, current_user.person, pair, data):
        flash(_("The session report has been saved. Your partner can now confirm it."), "success")
        return redirect(url_for("mentoring.sessions", pair_id=pair.id))
    return _render(pair, form=form, status=400)


@bp.route("/pairs/<int:pair_id>/sessions/<int:session_id>/confirm", methods=["POST"])
@login_required
def confirm(pair_id: int, session_id: int):
    """Confirm the partner's session report with a rating and comment."""
    pair = get_permitted(Pair, pair_id)
    session, form = get_child_or_404(MentoringSession, session_id, pair_id=pair.id), ConfirmForm()
    if submit(form, ops.confirm_session, current_user.person, pair, session, form.rating.data, form.comment.data):
        flash(_("Thank you, the report is confirmed."), "success")
        return redirect(url_for("mentoring.sessions", pair_id=pair.id))
    return _render(pair, confirm_form=form, status=400)
