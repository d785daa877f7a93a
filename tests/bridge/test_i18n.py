"""Every user-facing string is translated into German."""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po as _read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "bridge/translations/de/LC_MESSAGES/messages.po"


def read_po(path: Path):
    with path.open("rb") as f:
        return _read_po(f)


def test_every_msgid_has_a_german_translation(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
                    "-k", "_l", "-k", "N_", "--no-location", "-o", str(pot), str(ROOT)],
                   check=True, capture_output=True)
    german = {m.id: m.string for m in read_po(PO) if m.id}
    extracted = [m.id for m in read_po(pot) if m.id]
    assert len(extracted) > 100
    missing = [mid for mid in extracted if not german.get(mid) or
               (isinstance(german[mid], tuple) and not all(german[mid]))]
    assert missing == [], "run `python tools/i18n.py` and translate: %s" % missing[:20]


def test_german_format_variables_match_english():
    import re

    variable = re.compile(r"%\(\w+\)[sd]")
    for message in read_po(PO):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or not any(strings):
            continue
        wanted = set(variable.findall(ids[-1]))
        for text in strings:
            assert set(variable.findall(text)) == wanted, message.id
