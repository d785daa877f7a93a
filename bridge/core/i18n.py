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


def _catalogue():
    """Return the translations of the current language, looked up once per request and language (Flask-Babel looks
    them up on every call, about 25 µs: a list page calls _() a hundred times and more). force_locale() sets another
    locale object, so a mail rendered in the recipient's language inside a request gets its own catalogue. The app
    context's g is read directly, not through the `g` proxy three times per call (a list page translates a hundred
    strings and more)."""
    from flask.globals import _cv_app
    from flask_babel import get_locale, get_translations

    app_ctx = _cv_app.get(None)
    if app_ctx is None:
        return get_translations()
    kept = app_ctx.g.__dict__
    babel = kept.get("_flask_babel")
    locale = getattr(babel, "babel_locale", None) or get_locale()
    store = kept.get("_qser_catalogues")
    if store is None:
        store = kept["_qser_catalogues"] = {}
    found = store.get(locale)
    if found is None:
        found = store[locale] = get_translations()
    return found


def install_template_gettext(app) -> None:
    """Give the templates' _(), gettext, ngettext and pgettext the per-request catalogue (after Babel's init_app)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _catalogue().ugettext(s),
        ngettext=lambda s, p, n: _catalogue().ungettext(s, p, n),
        pgettext=lambda c, s: _catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: _catalogue().unpgettext(c, s, p, n),
        newstyle=True,
    )


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


# --- One date and number style per language -------------------------------------------------------------------------
# Every date, time and number a person reads (pages, PDFs, mails, charts) goes through these helpers, so an English
# page says "Dec 3, 2026" and "4.25" and a German page "03.12.2026" and "4,25" - never a US short date or an English
# decimal on a German page. Jinja filters of the same names are registered in bridge/web.py.
EMPTY = "–"


def _locale():
    from flask_babel import get_locale

    return get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]


def fmt_date(value, width: str = "medium") -> str:
    """Return a date (or a datetime's day in the reader's time zone): medium "Dec 3, 2026" / "03.12.2026";
    width "long" adds the weekday and spells out the month."""
    if value is None:
        return EMPTY
    from flask_babel import format_date

    return format_date(value, "full" if width == "long" else "medium")


def fmt_datetime(value, width: str = "medium") -> str:
    """Return a datetime as the day (as fmt_date) and the time in hours and minutes, in the reader's time zone."""
    if value is None:
        return EMPTY
    from babel.dates import get_datetime_format
    from flask_babel import format_date, format_time

    day = format_date(value, "full" if width == "long" else "medium")
    pattern = get_datetime_format("long" if width == "long" else "medium", locale=_locale())
    return pattern.replace("{1}", day).replace("{0}", format_time(value, "short")).replace("'", "")


def fmt_month(value) -> str:
    """Return a month ("2026-12", a date or a datetime) as "Dec 2026" / "Dez. 2026"."""
    from datetime import date as _date

    from babel.dates import format_skeleton

    if value is None:
        return EMPTY
    if isinstance(value, str):
        value = _date.fromisoformat(value[:7] + "-01")
    return format_skeleton("yMMM", value, locale=_locale())


def fmt_number(value, digits: int | None = None) -> str:
    """Return a number with the reader's separators: "1,234.5" / "1.234,5"; digits fixes the decimals shown."""
    if value is None:
        return EMPTY
    from flask_babel import format_decimal

    if digits is None:
        return format_decimal(value)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(round(value, digits), format=pattern)


def fmt_percent(value, digits: int = 0) -> str:
    """Return a fraction (0.663) as a percentage in the reader's style: "66%" / "66 %" (up to `digits` decimals)."""
    if value is None:
        return EMPTY
    from babel.numbers import format_percent

    return format_percent(round(value, digits + 2), locale=_locale(), decimal_quantization=False)


FILTERS = {"date": fmt_date, "datetime": fmt_datetime, "month": fmt_month, "number": fmt_number,
           "percent": fmt_percent}


def babel_width(helper):
    """Wrap a helper for templates that still name a Babel width: "short" and "medium" give the house style (no US
    short dates), "full" and "long" the long style with the weekday."""
    def wrapped(value, width: str = "medium"):
        return helper(value, "long" if width in ("full", "long") else "medium")
    wrapped.__doc__ = helper.__doc__
    return wrapped
