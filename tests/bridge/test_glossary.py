"""One German voice: the banned variants of docs/glossary.md appear in no German text."""
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
BANNED = {
    "masculine Mentee": r"\b(des Mentees|[Dd]em Mentee|[Dd]en Mentee|[Ee]in(em|en)? Mentee|[Kk]ein Mentee"
                        r"|[IiMm](hr|ein)(em|en)? Mentee|[Mm]eines Mentees|Der Mentee)(?![-\w])|Mentee-Person",
    "Tandempartner": r"Tandempartner",
    "Hospitation": r"[Hh]ospit(ation|ier)|Jobshadowing|Job Shadowing",
    "Good/Best Practice": r"Good[ -]Practice|Best[ -]Practice",
    "Geflüchtete": r"Geflüchtete",
    "English quotation marks": r"”|(^|[\s(\[])“|\"",
    "Hofstede names": r"Genuss\s*[–-]\s*Zurückhaltung|Männlichkeit\s*[–-]\s*Weiblichkeit",
    "prejudice for bias": r"(unbewusste|implizite)[nrs]? Vorurteil",
}
ALLOWED = ["***Geflüchtete***"]  # module 1 explains the term and why the course avoids it


def german_yaml_strings(data, german=False):
    """Yield every string under a `de` key of parsed YAML."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from german_yaml_strings(value, german or key == "de")
    elif isinstance(data, list):
        for item in data:
            yield from german_yaml_strings(item, german)
    elif isinstance(data, str) and german:
        yield data


def german_texts():
    """Yield (where, text) for every German text of the product."""
    for path in sorted(REPO.glob("oer/*/de/*.md")) + sorted(REPO.glob("bridge/modules/help/data/pages/de/*.md")):
        yield path.relative_to(REPO), path.read_text(encoding="utf-8")
    for path in sorted(REPO.glob("oer/*/de/quiz.yaml")):
        yield path.relative_to(REPO), "\n".join(_all_strings(yaml.safe_load(path.read_text("utf-8"))))
    for path in sorted(REPO.glob("oer/*/module.yaml")) + sorted(REPO.glob("oer/competences.yaml")) + sorted(
            REPO.glob("bridge/modules/*/data/*.yaml")) + sorted(REPO.glob("bridge/modules/*/forms/*.yaml")):
        yield path.relative_to(REPO), "\n".join(german_yaml_strings(yaml.safe_load(path.read_text("utf-8"))))
    with (REPO / "bridge/translations/de/LC_MESSAGES/messages.po").open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        for text in (message.string if isinstance(message.string, tuple) else (message.string,)):
            yield f"messages.po: {message.id!r}", text or ""


def _all_strings(data):
    """Yield every string in parsed YAML."""
    if isinstance(data, dict):
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            yield from _all_strings(item)
    elif isinstance(data, str):
        yield data


@pytest.mark.parametrize("name", sorted(BANNED))
def test_no_banned_variant_in_german_text(name):
    pattern = re.compile(BANNED[name], re.M)
    found = []
    for where, text in german_texts():
        for line in text.splitlines():
            if pattern.search(line) and not any(allowed in line for allowed in ALLOWED):
                found.append(f"{where}: {line.strip()[:100]}")
    assert found == [], f"{name} (see docs/glossary.md):\n" + "\n".join(found)
