"""The OER modules as the bridge sees them (ids, titles per language, durations), read from oer/."""
from __future__ import annotations

import re
from functools import lru_cache

from scorm_packages.content import load_modules


@lru_cache(maxsize=1)
def _modules() -> tuple:
    """Return the modules of oer/ in catalogue order (read once per process)."""
    return tuple(load_modules())


@lru_cache(maxsize=1)
def module_ids() -> tuple[str, ...]:
    """Return the module ids in catalogue order, read from each module.yaml alone: the models need them when they
    are imported, and reading the whole content there cost every web worker almost a second at start-up."""
    import yaml

    from scorm_packages.content import default_oer_dir, module_dirs

    entries = []
    for module_dir in module_dirs(default_oer_dir()):
        try:
            data = yaml.safe_load((module_dir / "module.yaml").read_text(encoding="utf-8"))
            entries.append((int(data["order"]), str(data["id"])))
        except (OSError, yaml.YAMLError, TypeError, KeyError, ValueError):
            return tuple(module.id for module in _modules())  # the full reader explains what is wrong
    return tuple(module_id for _order, module_id in sorted(entries))


def module_title(module_id: str, locale: str | None = None) -> str:
    """Return a module's title in the locale (English fallback; the id itself if unknown)."""
    lang = _lang(locale)
    for module in _modules():
        if module.id == module_id:
            titles = {t.lang: t.title for t in module.translations}
            return titles.get(lang) or titles.get("en") or module_id
    return module_id


def module_titles(locale: str | None = None) -> dict[str, str]:
    """Return {module id: title} in the locale, in catalogue order."""
    return {module_id: module_title(module_id, locale) for module_id in module_ids()}


def module_minutes(module_id: str) -> int:
    """Return a module's typical duration in minutes (0 if unknown)."""
    return next((m.duration_minutes for m in _modules() if m.id == module_id), 0)


def total_minutes() -> int:
    """Return the typical duration of all modules together, in minutes."""
    return sum(module.duration_minutes for module in _modules())


PLACEHOLDER = re.compile(r"\[\[(module|hours):?([a-z0-9-]*)\]\]")


def expand(text: str, lang: str) -> str:
    """Replace `[[module:ID]]` by the module's title and `[[hours]]` by the modules' total hours."""
    def value(match: re.Match) -> str:
        kind, module_id = match.groups()
        if kind == "module":
            return module_title(module_id, lang)
        return f"{total_minutes() / 60:g}".replace(".", "," if lang == "de" else ".")
    return PLACEHOLDER.sub(value, text)


def _lang(locale: str | None) -> str:
    """Return the two-letter language of `locale`, or of the request's locale when None."""
    if locale is None:
        from flask_babel import get_locale

        locale = str(get_locale() or "en")
    return locale[:2]
