"""The one PDF renderer: HTML from our own templates to PDF with WeasyPrint, never fetching anything outside."""


def refuse_fetch(url: str, *args, **kwargs):
    """Refuse every resource a document asks for: our PDFs embed what they need (data: URIs, decoded locally)."""
    if url.startswith("data:"):
        from weasyprint import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"external resources are not loaded: {url}")


def url_fetcher():
    """Return a fetcher that only decodes embedded data: URIs (no file, no network)."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 66 takes a plain function
        return refuse_fetch
    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    """Return the PDF of a self-contained HTML document."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None, url_fetcher=url_fetcher()).write_pdf()
