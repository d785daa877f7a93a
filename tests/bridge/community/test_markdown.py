from html.parser import HTMLParser

import pytest

from bridge.core.markdown import render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=1></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=https://evil.example></iframe>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](https://tracker.example/pixel.png)",
    "![x\" onerror=\"alert(1)](https://example.org/a.png)",
    "[x](https://example.org \"title\" onmouseover=\"alert(1)\")",
    "<http://example.org/\"onmouseover=\"alert(1)>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<!-- <script>alert(1)</script> -->",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "<details open ontoggle=alert(1)>",
]
SAFE_TAGS = {"p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "h3", "h4", "h5",
             "h6", "a", "table", "thead", "tbody", "tr", "th", "td"}
SAFE_ATTRIBUTES = {"href", "title", "rel"}


class ElementCollector(HTMLParser):
    """Collect the real elements and attributes of an HTML fragment (escaped text is not markup)."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(html: str):
    parser = ElementCollector()
    parser.feed(html)
    return parser.elements


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_render_markdown_leaves_no_executable_content(payload):
    html = str(render_markdown(payload))
    for tag, attrs in _elements(html):
        assert tag in SAFE_TAGS, html
        assert set(attrs) <= SAFE_ATTRIBUTES, html
        if "href" in attrs:
            assert attrs["href"].startswith(("http://", "https://", "mailto:")), html
    assert "<script" not in html.lower() and "<svg" not in html.lower() and "<iframe" not in html.lower()


def test_render_markdown_keeps_ordinary_formatting_and_safe_links():
    html = str(render_markdown("# Title\n\n**bold** and *it*\n\n- one\n- two\n\n[site](https://example.org)"))
    assert "<h3>Title</h3>" in html and "<strong>bold</strong>" in html and "<li>one</li>" in html
    assert '<a href="https://example.org" rel="nofollow noopener">site</a>' in html


def test_render_markdown_shows_raw_html_as_text():
    assert "&lt;b&gt;hi&lt;/b&gt;" in str(render_markdown("<b>hi</b>"))


def test_render_markdown_accepts_empty_input():
    assert str(render_markdown(None)) == ""
