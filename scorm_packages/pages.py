"""Load and check the Markdown pages and media files of one language folder."""
from __future__ import annotations

import re
from pathlib import Path

from .errors import ContentError
from .model import MediaFile, Page

PAGE_NAME_RE = re.compile(r"^\d{2}-[a-z0-9][a-z0-9-]*\.md$")
TITLE_RE = re.compile(r"^# +(\S.*?)\s*(\{[^}]*\})?\s*$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN_RE = re.compile(r"`+[^`]*`+")
RAW_HTML_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
MEDIA_NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$")


def load_media(lang_dir: Path) -> tuple[tuple[MediaFile, ...], list[ContentError]]:
    """Return the files under `lang_dir/media/` (sorted) and any badly named ones."""
    media_dir = lang_dir / "media"
    if not media_dir.is_dir():
        return (), []
    files, errors = [], []
    for path in sorted(p for p in media_dir.rglob("*") if p.is_file()):
        name = path.relative_to(media_dir).as_posix()
        if MEDIA_NAME_RE.match(name):
            files.append(MediaFile(name=name, path=path))
        else:
            errors.append(ContentError(path, 0, "media file names may use only letters, "
                                                "digits, '.', '-' and '_' (no spaces)"))
    return tuple(files), errors


def load_pages(lang_dir: Path,
               media: tuple[MediaFile, ...]) -> tuple[list[Page], list[ContentError]]:
    """Return the pages of `lang_dir` in file-name order and every problem found in them."""
    pages, errors = [], []
    media_names = {m.name for m in media}
    for path in sorted(lang_dir.glob("*.md")):
        if not PAGE_NAME_RE.match(path.name):
            errors.append(ContentError(path, 0, "page file names look like 01-some-slug.md "
                                                "(two digits, lowercase letters, digits, -)"))
            continue
        page, page_errors = load_page(path, media_names)
        errors.extend(page_errors)
        if page is not None:
            pages.append(page)
    return pages, errors


def load_page(path: Path, media_names: set[str]) -> tuple[Page | None, list[ContentError]]:
    """Read one page, checking its title line, raw HTML and images."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [ContentError(path, 0, f"not UTF-8 text ({exc.reason})")]
    lines = text.splitlines()
    match = TITLE_RE.match(lines[0]) if lines else None
    errors = [] if match else [ContentError(
        path, 1, "the first line must be the page title as a level-1 heading: '# Title'")]
    errors += _check_body(path, lines, media_names)
    if errors:
        return None, errors
    page = Page(slug=path.stem, title=match.group(1), markdown=text, path=path)
    return page, []


def _check_body(path: Path, lines: list[str], media_names: set[str]) -> list[ContentError]:
    """Return errors for raw HTML and bad images outside code blocks."""
    errors, in_fence = [], False
    for number, line in enumerate(lines, start=1):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        prose = CODE_SPAN_RE.sub("", line)
        if RAW_HTML_RE.search(prose):
            errors.append(ContentError(path, number, "raw HTML is not allowed; use Markdown"))
        errors += [ContentError(path, number, msg) for msg in _image_problems(prose, media_names)]
    return errors


def _image_problems(line: str, media_names: set[str]) -> list[str]:
    """Return the problems of the Markdown images on one line."""
    problems = []
    for alt, src in IMAGE_RE.findall(line):
        if not alt.strip():
            problems.append(f"image {src!r} needs alt text: ![what it shows]({src})")
        if not src.startswith("media/"):
            problems.append(f"image {src!r} must be a file in this language's media/ folder")
        elif src[len("media/"):] not in media_names:
            problems.append(f"image {src!r} does not exist in media/")
    return problems
