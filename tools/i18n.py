"""Update the translation catalogues: extract msgids, merge into each language, report gaps.

Usage: python tools/i18n.py [--apply FILE.py]   (FILE.py defines DE = {msgid: translation})
"""
import runpy
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "bridge/translations/messages.pot"
PO = ROOT / "bridge/translations/de/LC_MESSAGES/messages.po"


def extract() -> None:
    """Extract every msgid from the code and templates into messages.pot."""
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
                    "-k", "_l", "-k", "N_", "--no-location", "--sort-output", "--omit-header",
                    "-o", str(POT), str(ROOT)], check=True, capture_output=True)


def _read(path: Path, **kwargs):
    with path.open("rb") as f:
        return read_po(f, **kwargs)


def _pick(message, translations: dict, old: dict):
    empty = ("", "") if message.pluralizable else ""
    return translations.get(message.id) or old.get(message.id) or empty


def merge(translations: dict) -> list:
    """Merge the template into the German catalogue; return the msgids still untranslated."""
    template = _read(POT)
    catalog = _read(PO, locale="de") if PO.exists() else None
    old = {m.id: m.string for m in catalog if m.id} if catalog else {}
    template.locale = "de"
    template.fuzzy = False
    template.project, template.version = "Q-SER Bridge", "0.1"
    if catalog is not None:
        template.creation_date = catalog.creation_date  # keep the file stable between runs
    missing = []
    for message in template:
        if not message.id:
            continue
        message.string = _pick(message, translations, old)
        if not message.string or (message.pluralizable and not all(message.string)):
            missing.append(message.id)
    with PO.open("wb") as f:
        write_po(f, template, omit_header=False, no_location=True, sort_output=True)
    return missing


if __name__ == "__main__":
    extra = runpy.run_path(sys.argv[2])["DE"] if len(sys.argv) > 2 and sys.argv[1] == "--apply" else {}
    extract()
    gaps = merge(extra)
    for gap in gaps:
        print("untranslated:", gap)
    print(f"{len(gaps)} untranslated")
    sys.exit(1 if gaps else 0)
