"""Checks of the public application (CV files, HTML in text, the anti-spam time stamp) and who reviews it."""
import re
import time

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from bridge.core import uploads
from bridge.core.auth import is_coordinator
from bridge.core.errors import N_, ValidationFailed
from bridge.core.permissions import policy
from bridge.modules.externals.models import ExternalApplication

# The consent text shown on the form; its version is stored with every application.
CONSENT_TEXT_VERSION = "2026-11"
HTML_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
STATE_LABELS = {
    "submitted": N_("submitted"),
    "info_requested": N_("more information requested"),
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
    "anonymised": N_("anonymised"),
}
KIND_LABELS = {"text": N_("Free text"), "choice": N_("Choice"), "yesno": N_("Yes / no")}


def reject_html(value: str, field: str) -> str:
    """Return the text stripped; reject text that contains HTML tags."""
    # Rejected rather than stored: the public form treats markup as a bad input. Output escapes anyway.
    text = (value or "").strip()
    if HTML_TAG.search(text):
        raise ValidationFailed(N_("Please write plain text: HTML tags such as <script> are not accepted."),
                               field=field)
    return text


def check_cv(file_storage) -> bytes:
    """Return the CV's bytes; reject a CV that is missing, too large or not a PDF (by its content)."""
    limit = current_app.config["APPLY_CV_MAX_BYTES"]
    if file_storage is None or not getattr(file_storage, "filename", ""):
        raise ValidationFailed(N_("Please attach your CV as a PDF file."), field="cv")
    try:
        return uploads.check_upload(file_storage, {"pdf"}, limit)[2]
    except ValidationFailed as exc:
        raise ValidationFailed(exc.msgid, field="cv", **exc.params) from None


def store_cv(data: bytes) -> tuple[str, int, str]:
    """Store the CV under a random name outside static files; return (name, size, sha256)."""
    return uploads.store(data, "applications"), len(data), uploads.sha256_hex(data)


def cv_path(name: str):
    """Return the path of a stored CV in the local store."""
    return uploads.path_of(name)


def open_cv(name: str):
    """Return the stored CV open for reading (404 when it is gone)."""
    return uploads.open_stored(name)


def delete_cv(name: str | None) -> None:
    """Delete a stored CV if it is there."""
    if name:
        uploads.remove(name)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="externals.apply")


def form_stamp() -> str:
    """Return a signed time stamp for the form, to tell humans from bots."""
    return _serializer().dumps(time.time())


def check_human(stamp: str, honeypot: str) -> None:
    """Reject a submission with the hidden field filled, a forged stamp, or one sent too fast."""
    if honeypot:
        raise ValidationFailed(N_("Your application could not be accepted because a hidden field was filled "
                                  "in, as automated programs do. Please reload the page and send the form again."))
    try:
        started = float(_serializer().loads(stamp or ""))
    except (BadSignature, ValueError, TypeError):
        raise ValidationFailed(N_("The form has expired. Please reload the page and fill it in again.")) from None
    if time.time() - started < current_app.config["APPLY_MIN_SECONDS"]:
        raise ValidationFailed(N_("The form was sent too quickly. Please check your entries and send it "
                                  "again."))


@policy(ExternalApplication)
def application_policy(person, action: str, application) -> bool:
    """Only coordinators see and decide applications; applicants have no login until accepted."""
    return action in ("view", "review") and is_coordinator(person)
