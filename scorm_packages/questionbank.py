"""A module's quiz as a Moodle question bank: Moodle XML or GIFT, and back (for round-trip checks).

One category per module (its title), one `multichoice` question per quiz question with the
question id as name and idnumber, per-option feedback and shuffled answers. Fractions: a single
choice question gives 100 to its key and 0 to the rest; a multiple choice question shares +100
among the correct options and -100 among the wrong ones, so ticking everything scores 0.
"""
from __future__ import annotations

import html
import re

from lxml import etree

from .model import Module, Option, Question

FORMATS = {"moodle-xml": "xml", "gift": "gift.txt"}
GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def fractions(question: Question) -> list[float]:
    """Return the Moodle grade fraction (percent) of each option of `question`."""
    right = len(question.correct_indexes)
    if question.type == "single":
        return [100.0 if o.correct else 0.0 for o in question.options]
    wrong = len(question.options) - right
    return [_rounded(100 / right) if o.correct else _rounded(-100 / wrong) for o in question.options]


def _rounded(value: float) -> float:
    """Return a fraction with Moodle's five decimals (e.g. 33.33333)."""
    return round(value, 5)


def _fraction_text(value: float) -> str:
    """Return a fraction as Moodle writes it (`100`, `33.33333`, `-50`)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def category(module: Module, lang: str) -> str:
    """Return the category path of a module's questions."""
    return f"$course$/top/Q-SER/{module.order:02d} {module.translation(lang).title}"


def filename(module: Module, lang: str, fmt: str) -> str:
    """Return the file name of a module's bank, e.g. `01-multiculturalism-de.xml`."""
    return f"{module.order:02d}-{module.id}-{lang}.{FORMATS[fmt]}"


def to_moodle_xml(module: Module, lang: str) -> bytes:
    """Return the module's quiz in `lang` as a Moodle XML question file."""
    quiz = etree.Element("quiz")
    head = etree.SubElement(quiz, "question", type="category")
    _text(etree.SubElement(head, "category"), category(module, lang))
    for question in module.translation(lang).quiz.questions:
        quiz.append(_xml_question(module, question))
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _xml_question(module: Module, question: Question) -> etree._Element:
    """Return one `<question type="multichoice">` element."""
    node = etree.Element("question", type="multichoice")
    _text(etree.SubElement(node, "name"), question.id)
    _text(etree.SubElement(node, "questiontext", format="html"), html.escape(question.prompt))
    for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"),
                       ("idnumber", f"{module.id}-{question.id}"),
                       ("single", "true" if question.type == "single" else "false"),
                       ("shuffleanswers", "true"), ("answernumbering", "abc")):
        etree.SubElement(node, tag).text = value
    for option, fraction in zip(question.options, fractions(question)):
        answer = etree.SubElement(node, "answer", fraction=_fraction_text(fraction), format="html")
        _text(answer, html.escape(option.text))
        _text(etree.SubElement(answer, "feedback", format="html"), html.escape(option.feedback))
    return node


def _text(parent: etree._Element, value: str) -> None:
    """Add a `<text>` child holding `value`."""
    etree.SubElement(parent, "text").text = value


def from_moodle_xml(data: bytes) -> tuple[str, list[Question]]:
    """Return the category and the questions of a Moodle XML file written by `to_moodle_xml`."""
    root = etree.fromstring(data)
    path = root.findtext("question[@type='category']/category/text")
    questions = []
    for node in root.findall("question[@type='multichoice']"):
        options = tuple(Option(text=html.unescape(a.findtext("text")),
                               correct=float(a.get("fraction")) > 0,
                               feedback=html.unescape(a.findtext("feedback/text") or ""))
                        for a in node.findall("answer"))
        kind = "single" if node.findtext("single") == "true" else "multiple"
        questions.append(Question(id=node.findtext("name/text"), type=kind,
                                  prompt=html.unescape(node.findtext("questiontext/text")),
                                  options=options))
    return path, questions


def to_gift(module: Module, lang: str) -> str:
    """Return the module's quiz in `lang` in Moodle's GIFT format."""
    blocks = [f"$CATEGORY: {category(module, lang)}"]
    for question in module.translation(lang).quiz.questions:
        lines = [f"::{_gift(question.id)}::{_gift(question.prompt)} {{"]
        for option, fraction in zip(question.options, fractions(question)):
            mark = ("=" if option.correct else "~") if question.type == "single" \
                else f"~%{_fraction_text(fraction)}%"
            lines.append(f"\t{mark}{_gift(option.text)}#{_gift(option.feedback)}")
        blocks.append("\n".join(lines) + "\n}")
    return "\n\n".join(blocks) + "\n"


def _gift(text: str) -> str:
    """Escape GIFT's special characters and keep the text on one line."""
    return GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def from_gift(text: str) -> tuple[str, list[Question]]:
    """Return the category and questions of a GIFT file written by `to_gift`."""
    head, *blocks = text.strip().split("\n\n")
    questions = []
    for block in blocks:
        first, *answers, _close = block.split("\n")
        name, prompt = re.fullmatch(r"::(.*?)(?<!\\)::(.*) \{", first).groups()
        parsed = [_gift_answer(line.strip()) for line in answers]
        kind = "multiple" if parsed and parsed[0][0] is not None else "single"
        options = tuple(Option(text=t, correct=(f > 0 if f is not None else c), feedback=fb)
                        for f, c, t, fb in parsed)
        questions.append(Question(id=_ungift(name), type=kind, prompt=_ungift(prompt),
                                  options=options))
    return head.removeprefix("$CATEGORY: "), questions


def _gift_answer(line: str) -> tuple[float | None, bool, str, str]:
    """Return (fraction or None, is `=`, text, feedback) of one GIFT answer line."""
    match = re.fullmatch(r"([=~])(?:%(-?[\d.]+)%)?(.*?)(?<!\\)#(.*)", line)
    sign, fraction, text, feedback = match.groups()
    return (float(fraction) if fraction else None, sign == "=", _ungift(text), _ungift(feedback))


def _ungift(text: str) -> str:
    """Undo `_gift`'s escaping."""
    return re.sub(r"\\(.)", r"\1", text)
