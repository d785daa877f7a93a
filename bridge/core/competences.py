"""The nine intercultural competences (oer/competences.yaml): keys and labels in English and German."""
from functools import lru_cache
from pathlib import Path

import yaml

COMPETENCES_FILE = Path(__file__).resolve().parents[2] / "oer" / "competences.yaml"


@lru_cache(maxsize=4)
def load_competences(path: Path = COMPETENCES_FILE) -> tuple[dict, ...]:
    """Return the competences in file order, each as {"key", "en", "de"} (read once)."""
    with Path(path).open(encoding="utf-8") as f:
        entries = yaml.safe_load(f) or []
    return tuple({"key": e["key"], "en": e["en"], "de": e.get("de") or e["en"]} for e in entries)


def competence_keys() -> tuple[str, ...]:
    """Return the competence keys in file order."""
    return tuple(entry["key"] for entry in load_competences())


def competence_label(key: str, locale: str | None = None) -> str:
    """Return the label of a competence in the locale (English, or the key itself if unknown)."""
    if locale is None:
        from flask_babel import get_locale

        locale = str(get_locale() or "en")
    for entry in load_competences():
        if entry["key"] == key:
            return entry.get(locale[:2]) or entry["en"]
    return key
