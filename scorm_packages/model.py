"""Immutable dataclasses for OER modules as loaded from oer/."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Competence:
    """One of the nine competences; `labels` holds (lang, label) pairs."""

    key: str
    labels: tuple[tuple[str, str], ...]

    def label(self, lang: str) -> str:
        """Return the label in `lang`, falling back to English, then the key."""
        found = dict(self.labels)
        return found.get(lang) or found.get("en") or self.key


@dataclass(frozen=True)
class Objective:
    """A learning objective and the competence keys it builds."""

    text: str
    competences: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """One Markdown page; `slug` is the file stem (e.g. `01-who-is-a-migrant`)."""

    slug: str
    title: str
    markdown: str
    path: Path


@dataclass(frozen=True)
class Option:
    """An answer option of a quiz question."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """A quiz question of type `single` or `multiple`."""

    id: str
    type: str
    prompt: str
    options: tuple[Option, ...]

    @property
    def correct_indexes(self) -> tuple[int, ...]:
        """Return the positions of the correct options."""
        return tuple(i for i, option in enumerate(self.options) if option.correct)


@dataclass(frozen=True)
class Quiz:
    """The knowledge check of one language of a module."""

    questions: tuple[Question, ...]
    path: Path


@dataclass(frozen=True)
class MediaFile:
    """A file under `<lang>/media/`; `name` is its POSIX path relative to `media/`."""

    name: str
    path: Path


@dataclass(frozen=True)
class Translation:
    """Everything of a module in one language."""

    lang: str
    title: str
    description: str
    objectives: tuple[Objective, ...]
    pages: tuple[Page, ...]
    quiz: Quiz
    media: tuple[MediaFile, ...]


@dataclass(frozen=True)
class Module:
    """An OER module in all its languages; `fingerprint` is a sha256 over its source files.

    `attempts` is how many checks a learner gets before the option feedback is shown.
    """

    id: str
    order: int
    version: int
    mastery_score: int
    duration_minutes: int
    competences: tuple[Competence, ...]
    translations: tuple[Translation, ...]
    path: Path
    fingerprint: str
    attempts: int = 3

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the language codes of the module, in source order."""
        return tuple(t.lang for t in self.translations)

    def translation(self, lang: str) -> Translation:
        """Return the content in `lang`, or raise KeyError naming the available languages."""
        for translation in self.translations:
            if translation.lang == lang:
                return translation
        raise KeyError(f"module {self.id!r} has no language {lang!r} (has {self.languages})")
