"""The tandem's private message thread."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from bridge.core.web import get_permitted, submit
from bridge.modules.mentoring.forms import MessageForm
from bridge.modules.mentoring.operations import messages as ops
from bridge.modules.mentoring.views import bp
from bridge.modules.pairing.models import Pair
from bridge.modules.pairing.util import coordinators_read_messages


@bp.route("/pairs/<int:pair_id>/messages", methods=["GET", "POST"])
@login_required
def messages(pair_id: int):
    """Show the thread to the members (and coordinators where allowed) and take a new message."""
    pair, form = get_permitted(Pair, pair_id), MessageForm()
    thread = ops.pair_messages(current_user.person, pair)
    if form.is_submitted():
        if submit(form, ops.post_message, current_user.person, pair, form.body.data):
            flash(_("Your message has been sent."), "success")
            return redirect(url_for("mentoring.messages", pair_id=pair.id))
        status = 400
    else:
        status = 200
    return render_template("mentoring/messages.html", pair=pair, form=form, thread=thread,
                           coordinators_read=coordinators_read_messages()), status
