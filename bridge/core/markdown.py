"""Markdown rendered safely: raw HTML is escaped, the result is sanitised with an allow-list."""
import markdown as _markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
                "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _converter() -> _markdown.Markdown:
    md = _markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML blocks become escaped text
    md.inlinePatterns.deregister("html")  # so do inline tags
    return md


def _shift_headings(html: str) -> str:
    # Posts sit under the page's h1/h2: their headings start at h3.
    for level in range(4, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(f"</h{level}>", f"</h{level + 2}>")
    return html


def render_markdown(text: str | None) -> Markup:
    """Render Markdown to sanitised HTML (no scripts, no raw HTML, safe links only)."""
    html = _shift_headings(_converter().convert(text or ""))
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="nofollow noopener", strip_comments=True)
    return Markup(clean)
