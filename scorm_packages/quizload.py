"""Load and check `<lang>/quiz.yaml` against the rules of oer/README.md."""
from __future__ import annotations

import re
from pathlib import Path

from .checks import Report
from .errors import ContentError
from .model import Option, Question, Quiz
from .yamlload import LineDict, load_yaml

QUESTION_ID_RE = re.compile(r"^[A-Za-z0-9_-]+$")
MIN_QUESTIONS, MAX_QUESTIONS = 8, 12
MIN_OPTIONS, MAX_OPTIONS = 2, 6
TYPES = ("single", "multiple")


def load_quiz(path: Path) -> tuple[Quiz | None, list[ContentError]]:
    """Return the quiz in `path` (None if unusable) and every problem found in it."""
    try:
        data = load_yaml(path)
    except ContentError as error:
        return None, [error]
    report = Report(path)
    root = report.mapping(data, 1, "quiz.yaml")
    if root is None:
        return None, report.errors
    report.only_keys(root, {"questions"}, "quiz.yaml")
    if not report.present(root, "questions", "quiz.yaml"):
        return None, report.errors
    items = report.sequence(root["questions"], root.line_of("questions"), "'questions'")
    if items is None:
        return None, report.errors
    if not MIN_QUESTIONS <= len(items) <= MAX_QUESTIONS:
        report.add(root.line_of("questions"),
                   f"a quiz needs {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, found {len(items)}")
    questions = [_question(report, item, items.line_of(i)) for i, item in enumerate(items)]
    _check_unique_ids(report, questions, items)
    if report.errors:
        return None, report.errors
    return Quiz(questions=tuple(questions), path=path), []


def _check_unique_ids(report: Report, questions: list, items) -> None:
    """Record an error for each question id used twice."""
    seen: dict[str, int] = {}
    for index, question in enumerate(questions):
        if question is None:
            continue
        line = items[index].line_of("id")
        if question.id in seen:
            report.add(line,
                       f"question id {question.id!r} is already used on line {seen[question.id]}")
        seen.setdefault(question.id, line)


def _question(report: Report, item, line: int) -> Question | None:
    """Check and build one question."""
    data = report.mapping(item, line, "a question")
    if data is None:
        return None
    before = len(report.errors)
    report.only_keys(data, {"id", "type", "prompt", "options"}, "a question")
    qid, qtype = data.get("id"), data.get("type")
    if report.present(data, "id", "a question") and not (
        isinstance(qid, str) and QUESTION_ID_RE.match(qid)
    ):
        report.add(data.line_of("id"), f"question id {qid!r} may use only letters, digits, - and _")
    if report.present(data, "type", "a question") and qtype not in TYPES:
        report.add(data.line_of("type"), f"question type must be single or multiple, not {qtype!r}")
    prompt = report.text(data, "prompt", "a question")
    options = _options(report, data)
    if options is not None and qtype in TYPES:
        _check_answer_key(report, data, qtype, options)
    if None in (prompt, options) or len(report.errors) > before:
        return None
    return Question(id=str(qid), type=qtype, prompt=prompt, options=tuple(options))


def _options(report: Report, data: LineDict) -> list[Option] | None:
    """Check and build the options of a question."""
    if not report.present(data, "options", "a question"):
        return None
    items = report.sequence(data["options"], data.line_of("options"), "'options'")
    if items is None:
        return None
    if not MIN_OPTIONS <= len(items) <= MAX_OPTIONS:
        report.add(data.line_of("options"),
                   f"a question needs {MIN_OPTIONS} to {MAX_OPTIONS} options, found {len(items)}")
    options = [_option(report, item, items.line_of(i)) for i, item in enumerate(items)]
    return None if None in options else options


def _option(report: Report, item, line: int) -> Option | None:
    """Check and build one option."""
    data = report.mapping(item, line, "an option")
    if data is None:
        return None
    report.only_keys(data, {"text", "correct", "feedback"}, "an option")
    text = report.text(data, "text", "an option")
    correct = report.boolean(data, "correct", "an option")
    feedback = report.text(data, "feedback", "an option")
    if None in (text, correct, feedback):
        return None
    return Option(text=text, correct=correct, feedback=feedback)


def _check_answer_key(report: Report, data: LineDict, qtype: str, options: list[Option]) -> None:
    """Record an error unless single has exactly one and multiple at least one correct option."""
    count = sum(option.correct for option in options)
    line = data.line_of("options")
    if qtype == "single" and count != 1:
        report.add(line, f"a 'single' question needs exactly one correct option, found {count}")
    if qtype == "multiple" and count < 1:
        report.add(line, "a 'multiple' question needs at least one correct option, found 0")
