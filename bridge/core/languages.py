"""Languages staff and clients commonly speak (ISO 639 codes), for profiles and matching."""
from flask_babel import get_locale, lazy_gettext as _l

LANGUAGES = {
    "de": _l("German"),
    "en": _l("English"),
    "ar": _l("Arabic"),
    "tr": _l("Turkish"),
    "ru": _l("Russian"),
    "uk": _l("Ukrainian"),
    "fa": _l("Persian (Farsi)"),
    "prs": _l("Dari"),
    "ps": _l("Pashto"),
    "ku": _l("Kurdish"),
    "sq": _l("Albanian"),
    "bs": _l("Bosnian/Croatian/Serbian"),
    "pl": _l("Polish"),
    "ro": _l("Romanian"),
    "bg": _l("Bulgarian"),
    "ti": _l("Tigrinya"),
    "so": _l("Somali"),
    "fr": _l("French"),
    "es": _l("Spanish"),
    "it": _l("Italian"),
    "el": _l("Greek"),
    "vi": _l("Vietnamese"),
}


_NAMES: dict[str, dict[str, str]] = {}


def language_names() -> dict[str, str]:
    """Return {code: display name} in the current language, translated once per language (a list of 25 mentors
    names their languages a hundred times: translating each name on each row cost a millisecond per page)."""
    locale = str(get_locale() or "")
    names = _NAMES.get(locale)
    if names is None:
        names = _NAMES[locale] = {code: str(name) for code, name in LANGUAGES.items()}
    return names


def language_name(code: str) -> str:
    """Return the display name of a language code (the code itself if unknown)."""
    return language_names().get(code, code)


def language_list(codes) -> str:
    """Return the display names of language codes, comma-separated ("" for none)."""
    names = language_names()
    return ", ".join(names.get(code, code) for code in codes or ())
