"""The printable agreement: HTML rendered to a paginated PDF by WeasyPrint (no external resources)."""
import base64
import logging
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

from bridge.core.pdf import html_to_pdf
from bridge.core.uploads import MIMETYPES, detect_kind
from bridge.modules.agreements.util import SECTION_LABELS, SECTIONS


log = logging.getLogger(__name__)
LOGO_MAX_BYTES = 512 * 1024


def logo_data_uri() -> str | None:
    """Return the organisation's logo (QSER_ORGANISATION_LOGO: a PNG or JPEG file) as a data: URI, or None.

    The PDF renderer fetches nothing, so the logo is embedded. A missing, oversized or unknown file is logged and
    left out: the agreement is still printed with the organisation's name.
    """
    path = current_app.config.get("ORGANISATION_LOGO")
    if not path:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        log.warning("QSER_ORGANISATION_LOGO cannot be read (%s): printed without a logo", exc)
        return None
    kind = detect_kind(data)
    if len(data) > LOGO_MAX_BYTES or kind not in ("png", "jpeg"):
        log.warning("QSER_ORGANISATION_LOGO must be a PNG or JPEG of at most 512 KB: printed without a logo")
        return None
    return f"data:{MIMETYPES[kind]};base64,{base64.b64encode(data).decode('ascii')}"


def render_pdf(version, signatures=()) -> bytes:
    """Return the PDF of an agreement version, in the agreement's language, with the fingerprint in the footer."""
    with force_locale(version.agreement.language):
        html = render_template("agreements/pdf.html", version=version, content=version.content,
                               pair=version.agreement.pair, signatures=signatures, sections=SECTIONS,
                               section_labels=SECTION_LABELS, logo=logo_data_uri())
    return html_to_pdf(html)

