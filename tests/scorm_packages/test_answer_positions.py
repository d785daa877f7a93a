"""Correct answers are spread over positions in every real quiz (always picking "a" must not pass)."""
from collections import Counter

import pytest

from scorm_packages import load_modules

from .helpers import REAL_OER

MAX_SHARE = 0.40
QUIZZES = [(m.id, t.lang, t.quiz) for m in load_modules(REAL_OER) for t in m.translations]


def position_problems(quiz) -> list[str]:
    """Return why the quiz's answer key is guessable from positions (empty when it is not)."""
    problems = []
    singles = [q.correct_indexes[0] for q in quiz.questions if q.type == "single"]
    for position, count in Counter(singles).items():
        if count > MAX_SHARE * len(singles):
            problems.append(f"{count} of {len(singles)} single-choice keys at position {position}")
    prefixes = [q.correct_indexes == tuple(range(len(q.correct_indexes)))
                for q in quiz.questions if q.type == "multiple"]
    if prefixes and all(prefixes):
        problems.append("every multiple-choice key is a prefix of the options")
    return problems


@pytest.mark.parametrize(("module_id", "lang", "quiz"), QUIZZES,
                         ids=[f"{m}-{lang}" for m, lang, _ in QUIZZES])
def test_correct_answers_are_spread_over_positions(module_id, lang, quiz):
    assert position_problems(quiz) == []


def test_always_first_options_does_not_pass():
    for module in load_modules(REAL_OER):
        for translation in module.translations:
            right = sum(q.correct_indexes == tuple(range(len(q.correct_indexes)))
                        for q in translation.quiz.questions)
            assert 100 * right / len(translation.quiz.questions) < module.mastery_score


def test_position_check_catches_a_key_that_is_always_first(fixture_module):
    quiz = fixture_module.translation("en").quiz
    assert position_problems(quiz) != []
