"""Render a module language to the HTML, CSS, JavaScript and media files of a package.

SCORM packages get one launch document, `index.html`, holding every page as a `<section>`;
the runtime shows one section at a time, so changing page never reloads the SCO and never
ends the LMS session. IMS packages (no runtime) get one HTML file per page plus `quiz.html`,
each listed as its own item, so the LMS's table of contents can open any page.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .answerkey import encoded_quiz
from .markup import page_body
from .model import Module, Page, Translation
from .standards import check_standard, is_scorm
from .strings import strings_for

HERE = Path(__file__).resolve().parent
RUNTIME_FILES = {f"assets/{name}": HERE / "runtime" / name
                 for name in ("qser.css", "qser-key.js", "qser-lms.js", "qser-scorm.js")}
LAUNCH = "index.html"
QUIZ_SLUG = "quiz"


@dataclass(frozen=True)
class Entry:
    """One stop in the page sequence (a content page or the quiz)."""

    slug: str
    title: str
    href: str


def page_file(slug: str) -> str:
    """Return the file name of a page in a one-file-per-page package."""
    return f"{slug}.html"


def entries(translation: Translation, standard: str) -> list[Entry]:
    """Return the pages and the quiz in order, with links suited to `standard`."""
    strings = strings_for(translation.lang)
    stops = [(page.slug, page.title) for page in translation.pages]
    stops.append((QUIZ_SLUG, strings["quiz"]))
    if is_scorm(standard):
        return [Entry(slug, title, f"#page-{slug}") for slug, title in stops]
    return [Entry(slug, title, page_file(slug)) for slug, title in stops]


def launch_href(translation: Translation, standard: str) -> str:
    """Return the file the LMS opens first."""
    return LAUNCH if is_scorm(standard) else entries(translation, standard)[0].href


def file_names(module: Module, lang: str, standard: str) -> list[str]:
    """Return the sorted names of all files the package holds besides imsmanifest.xml."""
    translation = module.translation(lang)
    if is_scorm(check_standard(standard)):
        pages = [LAUNCH]
    else:
        pages = [entry.href for entry in entries(translation, standard)]
    media = [f"media/{item.name}" for item in translation.media]
    return sorted([*pages, *RUNTIME_FILES, *media])


def render_files(module: Module, lang: str, standard: str) -> dict[str, bytes]:
    """Return every file of the package except the manifest, keyed by its path in the zip."""
    translation = module.translation(lang)
    files = dict(_render_html(module, translation, check_standard(standard)))
    files.update({name: _read(path) for name, path in RUNTIME_FILES.items()})
    files.update({f"media/{item.name}": item.path.read_bytes() for item in translation.media})
    return files


def _render_html(module: Module, translation: Translation, standard: str):
    """Yield (file name, bytes) for the HTML documents of the package."""
    stops = entries(translation, standard)
    context = {"module": module, "t": translation, "lang": translation.lang,
               "standard": standard if is_scorm(standard) else "none",
               "s": strings_for(translation.lang), "entries": stops,
               "js_strings": strings_for(translation.lang),
               "answer_key": encoded_quiz(module, translation.lang)}
    bodies = [_body(page, translation.lang) for page in translation.pages]
    if is_scorm(standard):
        html = _env().get_template("sco.html").render(
            context, bodies=bodies, current=stops[0].slug, single=True)
        yield LAUNCH, html.encode("utf-8")
        return
    template = _env().get_template("page.html")
    for index, stop in enumerate(stops):
        page = translation.pages[index] if index < len(translation.pages) else None
        html = template.render(context, page=page, body=bodies[index] if page else "",
                               index=index, current=stop.slug, single=False)
        yield stop.href, html.encode("utf-8")


@functools.lru_cache(maxsize=1024)
def _body(page: Page, lang: str) -> str:
    """Return the rendered body of `page`, cached per page content."""
    return page_body(page, lang)


def clear_render_cache() -> None:
    """Forget rendered page bodies."""
    _body.cache_clear()


@functools.lru_cache(maxsize=None)
def _read(path: Path) -> bytes:
    """Return the bytes of a runtime file (read once per process)."""
    return path.read_bytes()


@functools.lru_cache(maxsize=None)
def _env() -> jinja2.Environment:
    """Return the Jinja environment for the package templates."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
