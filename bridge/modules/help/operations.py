"""Load help pages from Markdown files per language, render them safely, and print them to PDF."""
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from bridge.core.errors import N_, NotFound
from bridge.core.markdown import render_markdown
from bridge.core.pdf import html_to_pdf
from bridge.core.vocabulary import expand

PAGES_DIR = Path(__file__).resolve().parent / "data" / "pages"
LANGUAGES = ("en", "de")
# (slug, section msgid); the order is the order of the help index.
PAGES = (
    ("getting-started", N_("User manual")),
    ("coordinators", N_("User manual")),
    ("mentors", N_("User manual")),
    ("mentees", N_("User manual")),
    ("moodle-courses", N_("User manual")),
    ("external-professionals", N_("User manual")),
    ("job-shadowing", N_("Job-shadowing toolkit")),
    ("job-shadowing-introduction", N_("Job-shadowing toolkit")),
    ("job-shadowing-training-path", N_("Job-shadowing toolkit")),
    ("job-shadowing-checklist", N_("Job-shadowing toolkit")),
    ("job-shadowing-observation-sheet", N_("Job-shadowing toolkit")),
    ("job-shadowing-feedback-guide", N_("Job-shadowing toolkit")),
)
SLUGS = tuple(slug for slug, _section in PAGES)


@dataclass(frozen=True)
class HelpPage:
    """One help page in one language."""

    slug: str
    lang: str
    title: str
    body: Markup
    section: str


def _language(locale: str) -> str:
    return locale[:2] if locale[:2] in LANGUAGES else "en"


def load_page(slug: str, locale: str = "en") -> HelpPage:
    """Return a help page in the locale (English if there is no translation)."""
    if slug not in SLUGS:
        raise NotFound(N_("This help page does not exist."))
    lang = _language(locale)
    path = PAGES_DIR / lang / f"{slug}.md"
    if not path.exists():
        lang, path = "en", PAGES_DIR / "en" / f"{slug}.md"
    title, body = _rendered(str(path), lang, path.stat().st_mtime_ns)
    return HelpPage(slug, lang, title, body, dict(PAGES)[slug])


@lru_cache(maxsize=4 * len(PAGES) * len(LANGUAGES))
def _rendered(path: str, lang: str, _mtime_ns: int) -> tuple[str, Markup]:
    """Return a page file's title and HTML, rendered once per file version: the help index lists every page's title,
    and rendering twelve Markdown files on each visit cost 20 ms."""
    title, _sep, text = expand(Path(path).read_text(encoding="utf-8"), lang).partition("\n")
    return title.lstrip("# ").strip(), render_markdown(text)


def all_pages(locale: str = "en") -> list[HelpPage]:
    """Return every help page in the locale, in index order."""
    return [load_page(slug, locale) for slug in SLUGS]


def page_pdf(html: str) -> bytes:
    """Return a standalone HTML page printed to PDF."""
    return html_to_pdf(html)
