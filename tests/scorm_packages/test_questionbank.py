"""Question-bank export for Moodle's quiz engine: files parse, fractions are exact, round trip holds."""
import math

import pytest
from click.testing import CliRunner
from lxml import etree

from scorm_packages import load_modules
from scorm_packages.cli import oer
from scorm_packages.questionbank import (category, fractions, from_gift, from_moodle_xml, to_gift,
                                         to_moodle_xml)

from .helpers import REAL_OER

MODULES = load_modules(REAL_OER)
CASES = [(m, lang) for m in MODULES for lang in ("en", "de")]
IDS = [f"{m.id}-{lang}" for m, lang in CASES]


def assert_fractions(question, values):
    """Single: 100 for the key, 0 else; multiple: positives sum to 100, wrong ones negative."""
    if question.type == "single":
        assert values == [100.0 if o.correct else 0.0 for o in question.options]
        return
    right = [v for v, o in zip(values, question.options) if o.correct]
    wrong = [v for v, o in zip(values, question.options) if not o.correct]
    assert all(v > 0 for v in right) and all(v < 0 for v in wrong)
    assert math.isclose(sum(right), 100, abs_tol=0.0001)
    assert not wrong or math.isclose(sum(wrong), -100, abs_tol=0.0001)


@pytest.mark.parametrize(("module", "lang"), CASES, ids=IDS)
def test_moodle_xml_parses_has_exact_fractions_and_round_trips(module, lang):
    data = to_moodle_xml(module, lang)
    root = etree.fromstring(data)
    assert root.tag == "quiz"
    questions = root.findall("question[@type='multichoice']")
    for node, question in zip(questions, module.translation(lang).quiz.questions):
        assert node.findtext("shuffleanswers") == "true"
        assert all(a.findtext("feedback/text") for a in node.findall("answer"))
        assert_fractions(question, [float(a.get("fraction")) for a in node.findall("answer")])
    path, parsed = from_moodle_xml(data)
    assert path == category(module, lang) and module.translation(lang).title in path
    assert parsed == list(module.translation(lang).quiz.questions)


@pytest.mark.parametrize(("module", "lang"), CASES, ids=IDS)
def test_gift_parses_and_round_trips(module, lang):
    text = to_gift(module, lang)
    path, parsed = from_gift(text)
    assert path == category(module, lang)
    assert parsed == list(module.translation(lang).quiz.questions)
    for question in module.translation(lang).quiz.questions:
        assert_fractions(question, fractions(question))


@pytest.mark.parametrize("fmt,suffix", [("moodle-xml", ".xml"), ("gift", ".gift.txt")])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_export_questions_writes_one_file_per_module(tmp_path, fmt, suffix, lang):
    result = CliRunner().invoke(oer, ["export-questions", "--oer-dir", str(REAL_OER),
                                      "--format", fmt, "--lang", lang, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"{m.order:02d}-{m.id}-{lang}{suffix}" for m in MODULES]


def test_export_questions_rejects_unknown_language(tmp_path):
    result = CliRunner().invoke(oer, ["export-questions", "--oer-dir", str(REAL_OER), "--format",
                                      "gift", "--lang", "fr", "--out", str(tmp_path)])
    assert result.exit_code != 0 and "no module has language 'fr'" in result.output
