"""The one PDF renderer: HTML from our own templates to PDF with WeasyPrint, never fetching anything outside."""


def refuse_fetch(url: str, *args, **kwargs):
    """Refuse every resource a document asks for: our PDFs embed what they need."""
    raise ValueError(f"external resources are not loaded: {url}")


def html_to_pdf(html: str) -> bytes:
    """Return the PDF of a self-contained HTML document."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None, url_fetcher=refuse_fetch).write_pdf()
