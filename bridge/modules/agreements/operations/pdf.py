"""The printable agreement: HTML rendered to a paginated PDF by WeasyPrint (no external resources)."""
from flask import render_template
from flask_babel import force_locale

from bridge.core.pdf import html_to_pdf
from bridge.modules.agreements.util import SECTION_LABELS, SECTIONS


def render_pdf(version, signatures=()) -> bytes:
    """Return the PDF of an agreement version, in the agreement's language, with the fingerprint in the footer."""
    with force_locale(version.agreement.language):
        html = render_template("agreements/pdf.html", version=version, content=version.content,
                               pair=version.agreement.pair, signatures=signatures, sections=SECTIONS,
                               section_labels=SECTION_LABELS)
    return html_to_pdf(html)

