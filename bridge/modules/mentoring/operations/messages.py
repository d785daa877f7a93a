"""The tandem's private message thread, with a mail notification to the partner."""
from bridge.core import audit
from bridge.core.db import db
from bridge.core.effects import after_commit
from bridge.core.errors import N_, ValidationFailed
from bridge.core.mail import send_mail
from bridge.core.permissions import require
from bridge.core.urls import external_url
from bridge.modules.pairing.util import require_member, require_open
from bridge.modules.mentoring.models import Message
from bridge.modules.pairing.models import Pair

MAX_BODY = 5000


def pair_messages(viewer, pair: Pair) -> list[Message]:
    """Return the thread, oldest first, if the viewer may read it."""
    require(viewer, "read_messages", pair, N_("The messages of a tandem are private to its two members."))
    return db.session.scalars(db.select(Message).where(Message.pair_id == pair.id)
                              .order_by(Message.created_at, Message.id)).all()


def post_message(actor, pair: Pair, body: str) -> Message:
    """Add a message to the thread and, after the commit, tell the partner by mail (without the text)."""
    require_member(actor, pair)
    require_open(pair)
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(N_("Please write a message."), field="body")
    if len(body) > MAX_BODY:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field="body", n=MAX_BODY)
    message = Message(pair_id=pair.id, author_id=actor.id, body=body)
    db.session.add(message)
    db.session.flush()
    audit.record(actor, "message.posted", message, "", pair=pair.id)
    after_commit(mail_partner, message.id)
    return message


def mail_partner(message_id: int) -> None:
    """Tell the author's partner that a message is waiting (an after-commit effect)."""
    message = db.session.get(Message, message_id)
    if message is None or message.author is None:
        return
    pair = db.session.get(Pair, message.pair_id)
    partner = pair.partner_of(message.author)
    send_mail(partner, N_("New message in your tandem"), "mail/pair_message.txt", person=partner,
              author=message.author, link=external_url(f"/pairs/{pair.id}/messages"))
