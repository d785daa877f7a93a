"""Outgoing mail: one function, an SMTP backend and a development file backend."""
import smtplib
import time
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale, gettext


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    """Return a plain-text mail."""
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_SENDER"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain="qser.local")
    msg.set_content(body)
    return msg


def _send_file(msg: EmailMessage) -> None:
    folder = Path(current_app.instance_path) / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{time.time_ns()}-{msg['To'].replace('@', '_at_')}.eml"
    (folder / name).write_bytes(bytes(msg))
    current_app.logger.info("Mail to %s: %s\n%s", msg["To"], msg["Subject"], msg.get_content())


def _send_smtp(msg: EmailMessage) -> None:
    cfg = current_app.config
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=30) as smtp:
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls()
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        smtp.send_message(msg)


BACKENDS = {"file": _send_file, "smtp": _send_smtp}


def send_mail(recipient, subject: str, template: str, **context) -> EmailMessage:
    """Render a text template in the recipient's language and send it.

    recipient is a Person (their preferred language is used) or an email address;
    subject is an English msgid, translated here.
    """
    email = getattr(recipient, "email", recipient)
    locale = getattr(recipient, "preferred_locale", None) or context.pop("locale", None) or "en"
    with force_locale(locale):
        body = render_template(template, **context)
        msg = build_message(email, gettext(subject), body)
    BACKENDS[current_app.config["MAIL_BACKEND"]](msg)
    return msg
