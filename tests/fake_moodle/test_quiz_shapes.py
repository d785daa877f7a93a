"""The fake's quiz answers follow Moodle 4.5's return descriptions (no quiz call was recorded).

../shared/moodle-fixtures holds no mod_quiz recording, so the reference is the return structure
in Moodle's source, mod/quiz/classes/external.php (get_user_best_grade_returns,
get_quizzes_by_courses_returns): required keys must be there, optional ones only when Moodle
would send them, and nothing else.
"""
import pytest
import requests

from tests.fake_moodle.seed import seed_lab
from tests.fake_moodle.state import STUDENT

# get_user_best_grade_returns: hasgrade and warnings always; grade when the user has one;
# gradetopass when the grade item's grade to pass is not 0; feedback only with feedback texts.
BEST_GRADE_REQUIRED = {"hasgrade", "warnings"}
BEST_GRADE_OPTIONAL = {"grade", "gradetopass", "feedback"}
# get_quizzes_by_courses_returns: the standard course-module elements, then the quiz fields.
QUIZ_REQUIRED = {"id", "coursemodule", "course", "name", "intro", "introformat"}
QUIZ_OPTIONAL = {
    "introfiles", "lang", "section", "visible", "groupmode", "groupingid", "timeopen",
    "timeclose", "timelimit", "overduehandling", "graceperiod", "preferredbehaviour",
    "canredoquestions", "attempts", "attemptonlast", "grademethod", "decimalpoints",
    "questiondecimalpoints", "reviewattempt", "reviewcorrectness", "reviewmaxmarks",
    "reviewmarks", "reviewspecificfeedback", "reviewgeneralfeedback", "reviewrightanswer",
    "reviewoverallfeedback", "questionsperpage", "navmethod", "shuffleanswers", "sumgrades",
    "grade", "timecreated", "timemodified", "password", "subnet", "browsersecurity", "delay1",
    "delay2", "showuserpicture", "showblocks", "completionattemptsexhausted", "completionpass",
    "allowofflineattempts", "autosaveperiod", "hasfeedback", "hasquestions"}


def post(fake, wsfunction, **params):
    """Call the fake and return the decoded answer."""
    data = {"wstoken": fake.token, "wsfunction": wsfunction, "moodlewsrestformat": "json", **params}
    return requests.post(fake.url + "/webservice/rest/server.php", data=data, timeout=10).json()


@pytest.fixture
def lab(fake_moodle):
    """The lab site with a quiz (cmid 3, quiz 1, out of 10, 8 to pass) and a second one without."""
    seed_lab(fake_moodle.state)
    fake_moodle.state.add_module(cmid=3, courseid=2, modname="quiz", instance=1, name="Quiz",
                                 grademax=10, gradepass=8)
    fake_moodle.state.add_module(cmid=4, courseid=2, modname="quiz", instance=2, name="Practice",
                                 grademax=10)
    fake_moodle.state.set_grade(3, 4, 7.5)
    return fake_moodle


def test_best_grade_has_the_documented_keys(lab):
    """With a grade and a grade to pass; without a grade; a quiz without a grade to pass."""
    graded = post(lab, "mod_quiz_get_user_best_grade", quizid=1, userid=4)
    ungraded = post(lab, "mod_quiz_get_user_best_grade", quizid=1, userid=5)
    practice = post(lab, "mod_quiz_get_user_best_grade", quizid=2, userid=4)
    assert graded == {"hasgrade": True, "grade": 7.5, "gradetopass": 8.0, "warnings": []}
    assert ungraded == {"hasgrade": False, "gradetopass": 8.0, "warnings": []}
    assert practice == {"hasgrade": False, "warnings": []}
    for answer in (graded, ungraded, practice):
        assert BEST_GRADE_REQUIRED <= answer.keys() <= BEST_GRADE_REQUIRED | BEST_GRADE_OPTIONAL


def test_best_grade_wrong_paths_fail_like_moodle(lab):
    """Unknown quiz: invalidrecord on table quiz; unknown user: invaliduser; bad id: invalidparameter."""
    assert post(lab, "mod_quiz_get_user_best_grade", quizid=99, userid=4)["errorcode"] == \
        "invalidrecord"
    assert post(lab, "mod_quiz_get_user_best_grade", quizid=1, userid=999999)["errorcode"] == \
        "invaliduser"
    assert post(lab, "mod_quiz_get_user_best_grade", quizid="x", userid=4)["errorcode"] == \
        "invalidparameter"


def test_quizzes_by_courses_has_the_documented_keys(lab):
    """Every quiz entry has the required keys and only documented optional ones."""
    lab.state.enrol(4, 2, STUDENT)
    answer = post(lab, "mod_quiz_get_quizzes_by_courses", **{"courseids[0]": 2})
    assert set(answer) == {"quizzes", "warnings"}
    assert [q["coursemodule"] for q in answer["quizzes"]] == [3, 4]
    for quiz in answer["quizzes"]:
        assert QUIZ_REQUIRED <= quiz.keys() <= QUIZ_REQUIRED | QUIZ_OPTIONAL
