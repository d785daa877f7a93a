"""Introduce the two members of a new tandem to each other, after the commit: by mail, and in Moodle."""
import smtplib

from flask import current_app, render_template
from flask_babel import force_locale

from bridge.core.competences import competence_label
from bridge.core.db import db
from bridge.core.effects import notify
from bridge.core.errors import N_
from bridge.core.mail import send_mail
from bridge.core.urls import external_url
from bridge.modules.pairing.models import Pair
from bridge.modules.pairing.operations.profiles import find_profile
from bridge.modules.pairing.util import MODE_LABELS, SLOT_LABELS, Notice

SUBJECT = N_("Your mentoring tandem: an introduction")


def _context(pair: Pair, recipient, partner, partner_role: str) -> dict:
    return {"pair": pair, "person": recipient, "partner": partner, "partner_role": partner_role,
            "profile": find_profile(partner, partner_role), "competence_label": competence_label,
            "slot_labels": SLOT_LABELS, "mode_labels": MODE_LABELS,
            "link": external_url("/pairing/my")}


def send_introductions(pair: Pair) -> list[Notice]:
    """Mail both members of the tandem with each other's profile summary; return failures."""
    notices = []
    for recipient, partner, role in ((pair.mentee, pair.mentor, "mentor"), (pair.mentor, pair.mentee, "mentee")):
        try:
            send_mail(recipient, SUBJECT, "mail/pair_introduction.txt", **_context(pair, recipient, partner, role))
        except (OSError, smtplib.SMTPException) as exc:
            current_app.logger.warning("Introduction mail to %s failed: %s", recipient.email, exc)
            notices.append(Notice(N_("The introduction mail to %(name)s could not be sent: %(error)s"),
                                  {"name": recipient.full_name, "error": str(exc)}))
    return notices


def moodle_message(pair: Pair, recipient) -> str:
    """Return the introductory Moodle message (HTML) for one member, in their language."""
    partner = pair.partner_of(recipient)
    with force_locale(recipient.preferred_locale or "en"):
        return render_template("mail/pair_moodle_message.html", person=recipient, partner=partner,
                               partner_role="mentee" if partner.id == pair.mentee_id else "mentor")


def tandem_discussion(pair: Pair) -> tuple[str, str]:
    """Return the subject and HTML message of the tandem's private forum discussion, in both members' languages."""
    locales = list(dict.fromkeys(p.preferred_locale or current_app.config["BABEL_DEFAULT_LOCALE"]
                                 for p in (pair.mentor, pair.mentee)))
    parts = []
    for locale in locales:
        with force_locale(locale):
            parts.append(render_template("mail/tandem_forum_discussion.html", pair=pair))
    with force_locale(locales[0]):
        subject = render_template("mail/tandem_forum_subject.txt", pair=pair).strip()
    return subject, "\n<hr>\n".join(parts)


def introduce(pair_ids: list[int]) -> None:
    """After-commit effect: mail the new tandems, set them up in Moodle, keep their groups, report problems."""
    from bridge.modules.pairing.operations.moodle import introduce_in_moodle

    pairs = [pair for pair in (db.session.get(Pair, i) for i in pair_ids) if pair is not None]
    notices = [notice for pair in pairs for notice in send_introductions(pair)]
    notices += introduce_in_moodle(pairs)
    db.session.commit()  # the Moodle group ids of the tandems
    for notice in notices:
        notify(notice.message)
