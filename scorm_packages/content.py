"""Load oer/ modules into dataclasses, checking them and naming file and line of each problem."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .checks import ID_RE, Report
from .errors import ContentError, InvalidContent
from .model import Competence, Module, Objective, Translation
from .pages import load_media, load_pages
from .quizload import load_quiz
from .yamlload import LineDict, load_yaml

MODULE_KEYS = {"id", "order", "version", "mastery_score", "duration_minutes", "competences",
               "languages", "attempts"}
LANGUAGE_KEYS = {"title", "description", "objectives"}
LANG_RE = re.compile(r"^[a-z]{2}$")
FOLDER_RE = re.compile(r"^\d+-(.+)$")
MIN_PAGES, MAX_PAGES = 6, 10
DEFAULT_ATTEMPTS = 3


def default_oer_dir() -> Path:
    """Return `<repo>/oer`, the content root next to this package."""
    return Path(__file__).resolve().parent.parent / "oer"


def load_competences(oer_dir: Path | None = None) -> tuple[Competence, ...]:
    """Return the competences of `oer_dir/competences.yaml`, raising InvalidContent if broken."""
    competences, errors = _competences(Path(oer_dir or default_oer_dir()))
    if errors:
        raise InvalidContent(errors)
    return competences


def _competences(oer_dir: Path) -> tuple[tuple[Competence, ...], list[ContentError]]:
    """Read competences.yaml, returning what is usable and every problem."""
    path = oer_dir / "competences.yaml"
    try:
        data = load_yaml(path)
    except ContentError as error:
        return (), [error]
    report = Report(path)
    items = report.sequence(data, 1, "competences.yaml") or []
    found: dict[str, Competence] = {}
    for index, item in enumerate(items):
        entry = report.mapping(item, items.line_of(index), "a competence")
        key = report.text(entry, "key", "a competence") if entry is not None else None
        if key is None:
            continue
        if not re.match(r"^[a-z][a-z_]*$", key) or key in found:
            report.add(entry.line_of("key"), f"competence key {key!r} is malformed or repeated")
        labels = tuple((k, str(v)) for k, v in entry.items() if k != "key")
        found[key] = Competence(key=key, labels=labels)
    return tuple(found.values()), report.errors


def module_dirs(oer_dir: Path) -> list[Path]:
    """Return the module folders of `oer_dir` (those with module.yaml or named NN-...), sorted."""
    if not oer_dir.is_dir():
        return []
    return sorted(p for p in oer_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
                  and ((p / "module.yaml").exists() or FOLDER_RE.match(p.name)))


def load_module(module_dir: Path, competences: tuple[Competence, ...] | None = None) -> Module:
    """Load one module folder, raising InvalidContent with all its problems."""
    module_dir = Path(module_dir)
    if competences is None:
        competences = load_competences(module_dir.parent)
    module, errors = _load_module(module_dir, competences)
    if errors:
        raise InvalidContent(errors)
    return module


def load_modules(oer_dir: Path | None = None) -> list[Module]:
    """Load every module of `oer_dir` sorted by `order`, raising InvalidContent on any problem."""
    modules, errors = _load_all(Path(oer_dir or default_oer_dir()))
    if errors:
        raise InvalidContent(errors)
    return modules


def validate_all(oer_dir: Path | None = None) -> list[ContentError]:
    """Return every problem in the content under `oer_dir` (empty when all is well)."""
    return _load_all(Path(oer_dir or default_oer_dir()))[1]


def _load_all(oer_dir: Path) -> tuple[list[Module], list[ContentError]]:
    """Load all modules, collecting errors across files and modules."""
    if not oer_dir.is_dir():
        return [], [ContentError(oer_dir, 0, "content folder does not exist")]
    competences, errors = _competences(oer_dir)
    modules = []
    for module_dir in module_dirs(oer_dir):
        module, module_errors = _load_module(module_dir, competences)
        errors += module_errors
        if module is not None:
            modules.append(module)
    errors += _check_unique(modules)
    return sorted(modules, key=lambda m: (m.order, m.id)), errors


def _check_unique(modules: list[Module]) -> list[ContentError]:
    """Return errors for module ids or orders used twice."""
    errors, ids, orders = [], {}, {}
    for module in modules:
        path = module.path / "module.yaml"
        for attr, seen in (("id", ids), ("order", orders)):
            value = getattr(module, attr)
            if value in seen:
                errors.append(
                    ContentError(path, 0, f"{attr} {value!r} is also used by {seen[value]}"))
            seen.setdefault(value, module.path.name)
    return errors


def _load_module(module_dir: Path, competences) -> tuple[Module | None, list[ContentError]]:
    """Read module.yaml and each language folder of `module_dir`."""
    path = module_dir / "module.yaml"
    try:
        data = load_yaml(path)
    except ContentError as error:
        return None, [error]
    report = Report(path)
    root = report.mapping(data, 1, "module.yaml")
    if root is None:
        return None, report.errors
    known = {c.key for c in competences}
    fields = _module_fields(report, root, module_dir, known)
    translations = _translations(report, root, module_dir, known)
    if report.errors:
        return None, report.errors
    keys = fields.pop("competences")
    chosen = tuple(c for c in competences if c.key in keys)
    module = Module(**fields, competences=chosen, translations=translations, path=module_dir,
                    fingerprint=fingerprint(module_dir))
    return module, []


def _module_fields(report: Report, root: LineDict, module_dir: Path, known: set[str]) -> dict:
    """Check the top-level keys of module.yaml and return them."""
    report.only_keys(root, MODULE_KEYS, "module.yaml")
    module_id = report.text(root, "id", "module.yaml")
    if module_id is not None and not ID_RE.match(module_id):
        report.add(root.line_of("id"), f"id {module_id!r} must be lowercase letters, digits and "
                                       "hyphens, starting with a letter")
    folder = FOLDER_RE.match(module_dir.name)
    if module_id and (not folder or folder.group(1) != module_id):
        report.add(root.line_of("id"), f"folder {module_dir.name!r} must be named NN-{module_id}")
    return {
        "id": module_id,
        "order": report.integer(root, "order", 1, 999, "module.yaml"),
        "version": report.integer(root, "version", 1, 9999, "module.yaml"),
        "mastery_score": report.integer(root, "mastery_score", 0, 100, "module.yaml"),
        "duration_minutes": report.integer(root, "duration_minutes", 1, 6000, "module.yaml"),
        "competences": report.keys(root, "competences", known, "module.yaml"),
        "attempts": (report.integer(root, "attempts", 1, 99, "module.yaml")
                     if "attempts" in root else DEFAULT_ATTEMPTS),
    }


def _translations(report: Report, root: LineDict, module_dir: Path, known) -> tuple:
    """Check `languages` and load each language folder."""
    if not report.present(root, "languages", "module.yaml"):
        return ()
    languages = report.mapping(root["languages"], root.line_of("languages"), "'languages'")
    if languages is None:
        return ()
    if not languages:
        report.add(root.line_of("languages"), "'languages' must list at least one language")
    for folder in sorted(p for p in module_dir.iterdir() if p.is_dir()):
        if LANG_RE.match(folder.name) and folder.name not in languages:
            report.add(root.line_of("languages"),
                       f"folder {folder.name}/ has no entry under 'languages'")
    return tuple(filter(None, (
        _translation(report, lang, languages, module_dir, known) for lang in languages)))


def _translation(report: Report, lang, languages: LineDict, module_dir: Path, known):
    """Check one `languages.<lang>` entry and load its folder."""
    line, what = languages.line_of(lang), f"languages.{lang}"
    if not isinstance(lang, str) or not LANG_RE.match(lang):
        report.add(line, f"language code {lang!r} must be two lowercase letters (en, de)")
        return None
    entry = report.mapping(languages[lang], line, what)
    if entry is None:
        return None
    report.only_keys(entry, LANGUAGE_KEYS, what)
    title = report.text(entry, "title", what)
    description = report.text(entry, "description", what)
    objectives = _objectives(report, entry, what, known)
    folder = _language_folder(report, module_dir / lang, line, lang)
    if folder is None or None in (title, description):
        return None
    return Translation(lang=lang, title=title, description=description, objectives=objectives,
                       **folder)


def _language_folder(report: Report, lang_dir: Path, line: int, lang: str) -> dict | None:
    """Load the pages, media and quiz of one language folder (None if any is broken)."""
    if not lang_dir.is_dir():
        report.add(line, f"language {lang!r} has no folder {lang}/ with pages and quiz.yaml")
        return None
    media, media_errors = load_media(lang_dir)
    pages, page_errors = load_pages(lang_dir, media)
    quiz, quiz_errors = _quiz(lang_dir, line, lang, report)
    report.errors += media_errors + page_errors + quiz_errors
    _check_page_count(report, line, lang, len(list(lang_dir.glob("*.md"))))
    if quiz is None or media_errors or page_errors:
        return None
    return {"pages": tuple(pages), "quiz": quiz, "media": media}


def _quiz(lang_dir: Path, line: int, lang: str, report: Report):
    """Load `<lang>/quiz.yaml`, reporting a missing file at the language's line."""
    path = lang_dir / "quiz.yaml"
    if not path.exists():
        report.add(line, f"language {lang!r} has no quiz: {lang}/quiz.yaml is missing")
        return None, []
    return load_quiz(path)


def _check_page_count(report: Report, line: int, lang: str, count: int) -> None:
    """Record an error unless the language has 6 to 10 pages."""
    if count == 0:
        report.add(line, f"language {lang!r} has no pages: add {lang}/01-<slug>.md files")
    elif not MIN_PAGES <= count <= MAX_PAGES:
        report.add(line, f"language {lang!r} needs {MIN_PAGES} to {MAX_PAGES} pages, "
                         f"found {count}")


def _objectives(report: Report, entry: LineDict, what: str, known) -> tuple[Objective, ...]:
    """Check and build the objectives of one language."""
    if not report.present(entry, "objectives", what):
        return ()
    items = report.sequence(entry["objectives"], entry.line_of("objectives"), "'objectives'")
    if not items:
        report.add(entry.line_of("objectives"), f"{what} needs at least one objective")
        return ()
    objectives = []
    for index, item in enumerate(items):
        data = report.mapping(item, items.line_of(index), "an objective")
        if data is None:
            continue
        report.only_keys(data, {"text", "competences"}, "an objective")
        text = report.text(data, "text", "an objective")
        keys = report.keys(data, "competences", known, "an objective")
        if text:
            objectives.append(Objective(text=text, competences=keys))
    return tuple(objectives)


def fingerprint(module_dir: Path) -> str:
    """Return a sha256 over the module's files and the competences file next to it."""
    digest = hashlib.sha256()
    files = [p for p in module_dir.rglob("*") if p.is_file()]
    files.append(module_dir.parent / "competences.yaml")
    for path in sorted(files):
        name = path.relative_to(module_dir.parent).as_posix().encode()
        data = path.read_bytes() if path.exists() else b""
        digest.update(len(name).to_bytes(4, "big") + name + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()
