"""The printable agreement: HTML rendered to a paginated PDF by WeasyPrint (no external resources)."""
from flask import render_template
from flask_babel import force_locale

from bridge.modules.agreements.defaults import SECTION_LABELS, SECTIONS


def render_pdf(version, signatures=()) -> bytes:
    """Return the PDF of an agreement version, in the agreement's language, with the fingerprint in the footer."""
    from weasyprint import HTML

    with force_locale(version.agreement.language):
        html = render_template("agreements/pdf.html", version=version, content=version.content,
                               pair=version.agreement.pair, signatures=signatures, sections=SECTIONS,
                               section_labels=SECTION_LABELS)
    return HTML(string=html, base_url=None, url_fetcher=_no_fetch).write_pdf()


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"external resources are not loaded: {url}")
