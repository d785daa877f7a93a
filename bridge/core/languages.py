"""Languages staff and clients commonly speak (ISO 639 codes), for profiles and matching."""
from flask_babel import lazy_gettext as _l

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


def language_name(code: str) -> str:
    """Return the display name of a language code (the code itself if unknown)."""
    return str(LANGUAGES.get(code, code))
