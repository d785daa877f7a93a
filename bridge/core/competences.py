"""The nine intercultural competences (oer/competences.yaml): keys and labels in English and German."""
from functools import lru_cache

from scorm_packages.content import load_competences
from scorm_packages.model import Competence


@lru_cache(maxsize=1)
def competences() -> tuple[Competence, ...]:
    """Return the competences in file order (read once, by the one loader in scorm_packages)."""
    return load_competences()


def competence_keys() -> tuple[str, ...]:
    """Return the competence keys in file order."""
    return tuple(competence.key for competence in competences())


def competence_label(key: str, locale: str | None = None) -> str:
    """Return the label of a competence in the locale (English, or the key itself if unknown)."""
    if locale is None:
        from flask_babel import get_locale

        locale = str(get_locale() or "en")
    for competence in competences():
        if competence.key == key:
            return competence.label(locale[:2])
    return key
