"""Language selection and compiling the translation catalogues."""
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, has_request_context, request, session
from flask_login import current_user

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def select_locale() -> str:
    """Pick the language: explicit choice, then the person's preference, then the browser (default outside one)."""
    if not has_request_context():  # CLI and background jobs: messages for the log, in the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    person = getattr(current_user, "person", None) if current_user else None
    if person is not None and person.preferred_locale in languages:
        return person.preferred_locale
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def compile_catalogues(root: Path = TRANSLATIONS) -> None:
    """Compile every messages.po to messages.mo when the .mo is missing or older."""
    for po_path in root.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as f:
            catalog = read_po(f)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, catalog)
        tmp.replace(mo_path)
