"""Loading oer/ content: the fixture loads, and every broken variant names its file and line."""
import shutil

import pytest

from scorm_packages import ContentError, InvalidContent, load_competences, load_module, validate_all
from scorm_packages.content import module_dirs

from .helpers import FIXTURE_OER, MODULE_DIR, REAL_OER, edit, line_of


def only_error(root) -> ContentError:
    """Return the single error found under `root`, failing if there are more or none."""
    errors = validate_all(root)
    assert len(errors) == 1, errors
    return errors[0]


def test_load_fixture_module_has_both_languages(fixture_module):
    assert fixture_module.id == "intercultural-basics"
    assert fixture_module.languages == ("en", "de")
    assert [len(fixture_module.translation(lang).pages) for lang in ("en", "de")] == [6, 6]
    assert fixture_module.translation("de").pages[0].title == "Willkommen"
    assert len(fixture_module.translation("en").quiz.questions) == 8
    assert [c.key for c in fixture_module.competences] == [
        "culture_concept", "intercultural_communication"]
    assert fixture_module.translation("en").media[0].name == "counter.png"


def test_load_fixture_question_answer_key(fixture_module):
    question = fixture_module.translation("en").quiz.questions[1]
    assert (question.id, question.type, question.correct_indexes) == ("q2", "multiple", (0, 1))


def test_validate_all_fixture_is_clean():
    assert validate_all(FIXTURE_OER) == []


def test_load_competences_of_real_oer_has_nine():
    assert len(load_competences(REAL_OER)) == 9


def test_validate_all_missing_page_names_language_line(oer_copy):
    lang_dir = oer_copy / MODULE_DIR / "en"
    for page in lang_dir.glob("*.md"):
        page.unlink()
    error = only_error(oer_copy)
    module_yaml = oer_copy / MODULE_DIR / "module.yaml"
    assert (error.path, error.line) == (module_yaml, line_of(module_yaml, "  en:"))
    assert "has no pages" in error.message


def test_validate_all_too_few_pages(oer_copy):
    (oer_copy / MODULE_DIR / "de" / "06-zusammenfassung.md").unlink()
    error = only_error(oer_copy)
    assert error.line == line_of(oer_copy / MODULE_DIR / "module.yaml", "  de:")
    assert "needs 6 to 10 pages, found 5" in error.message


def test_validate_all_missing_quiz(oer_copy):
    (oer_copy / MODULE_DIR / "de" / "quiz.yaml").unlink()
    error = only_error(oer_copy)
    assert error.line == line_of(oer_copy / MODULE_DIR / "module.yaml", "  de:")
    assert "de/quiz.yaml is missing" in error.message


def test_validate_all_single_with_two_correct_answers(oer_copy):
    quiz = oer_copy / MODULE_DIR / "en" / "quiz.yaml"
    edit(quiz, "        correct: false\n        feedback: No. Culture is learned",
         "        correct: true\n        feedback: No. Culture is learned")
    error = only_error(oer_copy)
    assert (error.path, error.line) == (quiz, line_of(quiz, "options:", 1))
    assert "exactly one correct option, found 2" in error.message


def test_validate_all_answer_key_not_boolean(oer_copy):
    quiz = oer_copy / MODULE_DIR / "de" / "quiz.yaml"
    edit(quiz, "        correct: true\n        feedback: Ja, Essen", "        correct: vielleicht\n"
               "        feedback: Ja, Essen")
    error = only_error(oer_copy)
    assert (error.path, error.line) == (quiz, line_of(quiz, "correct: vielleicht"))
    assert "true or false" in error.message


def test_validate_all_multiple_without_correct_answer(oer_copy):
    quiz = oer_copy / MODULE_DIR / "en" / "quiz.yaml"
    for text in ("Yes, values are hidden.", "Yes, ideas of time are hidden."):
        edit(quiz, f"        correct: true\n        feedback: {text}",
             f"        correct: false\n        feedback: {text}")
    error = only_error(oer_copy)
    assert error.line == line_of(quiz, "options:", 5)
    assert "at least one correct option" in error.message


def test_validate_all_unknown_module_competence(oer_copy):
    module_yaml = oer_copy / MODULE_DIR / "module.yaml"
    edit(module_yaml, "competences: [culture_concept, intercultural_communication]",
         "competences: [culture_concept, empathy]")
    error = only_error(oer_copy)
    assert (error.path, error.line) == (module_yaml, line_of(module_yaml, "empathy"))
    assert "unknown competence 'empathy'" in error.message


def test_validate_all_unknown_objective_competence(oer_copy):
    module_yaml = oer_copy / MODULE_DIR / "module.yaml"
    edit(module_yaml, "        competences: [intercultural_communication]\n  de:",
         "        competences: [listening]\n  de:")
    error = only_error(oer_copy)
    assert error.line == line_of(module_yaml, "[listening]")


def test_validate_all_page_without_title_line(oer_copy):
    page = oer_copy / MODULE_DIR / "en" / "03-levels-of-culture.md"
    edit(page, "# Levels of culture", "Levels of culture")
    error = only_error(oer_copy)
    assert (error.path, error.line) == (page, 1)
    assert "# Title" in error.message


def test_validate_all_raw_html_and_bad_image(oer_copy):
    page = oer_copy / MODULE_DIR / "en" / "04-plain-language.md"
    page.write_text(page.read_text() + "\n<div onclick=x>hi</div>\n\n![](media/nothere.png)\n"
                    "\nCode is fine: `<b>` and <https://example.org>.\n")
    errors = validate_all(oer_copy)
    assert all(e.path == page for e in errors)
    found = sorted((e.line, e.message) for e in errors)
    assert [line for line, _ in found] == [10, 12, 12]
    assert "raw HTML" in found[0][1]
    assert {"needs alt text", "does not exist"} == {
        part for _, message in found[1:] for part in ("needs alt text", "does not exist")
        if part in message}


def test_validate_all_yaml_syntax_error_has_line(oer_copy):
    module_yaml = oer_copy / MODULE_DIR / "module.yaml"
    edit(module_yaml, "mastery_score: 75", "mastery_score: [75")
    error = only_error(oer_copy)
    assert error.path == module_yaml and error.line > 0
    assert "invalid YAML" in error.message


def test_validate_all_duplicate_key(oer_copy):
    module_yaml = oer_copy / MODULE_DIR / "module.yaml"
    edit(module_yaml, "order: 1\n", "order: 1\norder: 2\n")
    error = only_error(oer_copy)
    assert error.line == line_of(module_yaml, "order: 2")
    assert "duplicate key 'order'" in error.message


@pytest.mark.parametrize("old,new,needle", [
    ("id: intercultural-basics", "id: 1-Basics", "must be lowercase"),
    ("mastery_score: 75", "mastery_score: 175", "from 0 to 100"),
    ("version: 2", "release: 2", "unknown key 'release'"),
])
def test_validate_all_bad_module_field(oer_copy, old, new, needle):
    module_yaml = oer_copy / MODULE_DIR / "module.yaml"
    edit(module_yaml, old, new)
    errors = validate_all(oer_copy)
    assert any(needle in e.message and e.line == line_of(module_yaml, new) for e in errors), errors


def test_validate_all_folder_must_match_id(oer_copy):
    shutil.move(oer_copy / MODULE_DIR, oer_copy / "01-other-name")
    error = only_error(oer_copy)
    assert "must be named NN-intercultural-basics" in error.message and error.line == 2


@pytest.mark.parametrize("old,new,needle", [
    ("  - id: q2\n", "  - id: q1\n", "already used on line 2"),
    ("    prompt: Plain language means ...\n", "", "missing required key 'prompt'"),
    ("        feedback: Correct.\n", "", "missing required key 'feedback'"),
    ("    type: single\n    prompt: Which statement",
     "    type: either\n    prompt: Which statement", "single or multiple"),
])
def test_validate_all_bad_question(oer_copy, old, new, needle):
    quiz = oer_copy / MODULE_DIR / "en" / "quiz.yaml"
    edit(quiz, old, new)
    error = only_error(oer_copy)
    assert error.path == quiz and needle in error.message and error.line > 0


def test_validate_all_too_few_questions(oer_copy):
    quiz = oer_copy / MODULE_DIR / "en" / "quiz.yaml"
    text = quiz.read_text()
    quiz.write_text(text[:text.index("  - id: q8")])
    error = only_error(oer_copy)
    assert (error.line, error.message) == (1, "a quiz needs 8 to 12 questions, found 7")


def test_validate_all_collects_errors_across_files(oer_copy):
    edit(oer_copy / MODULE_DIR / "module.yaml", "duration_minutes: 30", "duration_minutes: soon")
    edit(oer_copy / MODULE_DIR / "de" / "01-willkommen.md", "# Willkommen", "Willkommen")
    edit(oer_copy / "competences.yaml", "- key: adaptability", "- key: Adapt ability")
    assert len(validate_all(oer_copy)) == 3


def test_load_module_raises_invalid_content_listing_file_and_line(oer_copy):
    edit(oer_copy / MODULE_DIR / "en" / "quiz.yaml", "  - id: q3", "  - id: q 3")
    with pytest.raises(InvalidContent) as caught:
        load_module(oer_copy / MODULE_DIR)
    assert f"quiz.yaml:{line_of(oer_copy / MODULE_DIR / 'en' / 'quiz.yaml', 'id: q 3')}:" in str(
        caught.value)


def test_content_error_str_is_path_colon_line():
    assert str(ContentError("oer/x/module.yaml", 7, "bad")) == "oer/x/module.yaml:7: bad"
    assert str(ContentError("oer/x/module.yaml", 0, "bad")) == "oer/x/module.yaml: bad"


REAL_MODULES = module_dirs(REAL_OER)


@pytest.mark.parametrize("module_dir", REAL_MODULES or [None],
                         ids=[p.name for p in REAL_MODULES] or ["no-modules-yet"])
def test_real_module_content_is_valid(module_dir):
    if module_dir is None:
        assert module_dirs(REAL_OER) == []
        return
    module = load_module(module_dir)
    assert set(module.languages) >= {"en", "de"}
