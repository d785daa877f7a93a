"""Fake mod_quiz_get_quizzes_by_courses and mod_quiz_get_user_best_grade (Moodle 4.5 shapes).

No quiz answers were recorded on the lab site (../shared/moodle-fixtures has none), so the shapes
follow the return descriptions in Moodle's source, mod/quiz/classes/external.php:
get_user_best_grade gives `hasgrade`, `grade` only when the user has one, `gradetopass` only when
the quiz's grade item has a non-zero grade to pass, and `warnings`; an unknown quiz id fails the
MUST_EXIST lookup of the quiz (invalidrecord), an unknown user fails core_user::get_user
(invaliduser, as recorded for the completion function that makes the same call).
"""
from tests.fake_moodle.errors import invalid_user, missing_record
from tests.fake_moodle.schema import Opt

QUIZZES = {"courseids": Opt(["int"], [])}
BEST_GRADE = {"quizid": "int", "userid": Opt("int", 0)}
# Fields every user who may view the quiz gets, then those of a user who may attempt it.
VIEWABLE = {"timeopen": 0, "timeclose": 0, "attempts": 0, "timelimit": 0, "grademethod": 1,
            "decimalpoints": 2, "questiondecimalpoints": -1, "preferredbehaviour": "deferredfeedback"}
ATTEMPTABLE = {"attemptonlast": 0, "reviewattempt": 69904, "reviewcorrectness": 4368,
               "reviewmaxmarks": 69904, "reviewmarks": 4368, "reviewspecificfeedback": 4368,
               "reviewgeneralfeedback": 4368, "reviewrightanswer": 4368,
               "reviewoverallfeedback": 4368, "questionsperpage": 1, "navmethod": "free",
               "browsersecurity": "-", "delay1": 0, "delay2": 0, "showuserpicture": 0,
               "showblocks": 0, "completionattemptsexhausted": 0, "overduehandling": "autosubmit",
               "graceperiod": 0, "canredoquestions": 0, "allowofflineattempts": 0}


def _quiz(state, module):
    """Return one quizzes[] entry for a quiz course module."""
    entry = {"id": module.instance, "coursemodule": module.cmid, "course": module.courseid,
             "name": module.name, "intro": "", "introformat": 1, "introfiles": []}
    if state.ws_manages_activities:
        entry.update({"section": 1, "visible": True, "groupmode": 0, "groupingid": 0})
    entry.update({"lang": "", "hasfeedback": 0, "hasquestions": 1, "autosaveperiod": 60,
                  "completionpass": 1 if module.gradepass else 0, **VIEWABLE,
                  "sumgrades": 10.0, "grade": float(module.grademax or 10), **ATTEMPTABLE})
    if state.ws_manages_activities:
        entry.update({"shuffleanswers": 1, "timecreated": 0, "timemodified": 0, "password": "",
                      "subnet": ""})
    return entry


def quizzes_by_courses(state, params):
    """Return the quizzes of the given courses (unknown courses are skipped)."""
    courseids = params["courseids"] or sorted(state.courses)
    modules = [m for cid in courseids for m in state.course_modules(cid) if m.modname == "quiz"]
    return {"quizzes": [_quiz(state, m) for m in modules], "warnings": []}


def user_best_grade(state, params):
    """Return one user's best grade in a quiz, and the grade to pass when the quiz sets one."""
    quiz = next((m for m in state.modules.values()
                 if m.modname == "quiz" and m.instance == params["quizid"]), None)
    if quiz is None:
        raise missing_record("quiz")
    userid = params["userid"] or state.ws_userid
    if userid not in state.users or userid in state.deleted or userid in state.vanishing:
        raise invalid_user()
    result = {"hasgrade": False}
    grade = state.grades.get((quiz.cmid, userid))
    if grade is not None and grade[0] is not None:
        result = {"hasgrade": True, "grade": float(grade[0])}
    if quiz.gradepass:
        result["gradetopass"] = float(quiz.gradepass)
    return {**result, "warnings": []}


FUNCTIONS = {"mod_quiz_get_quizzes_by_courses": (QUIZZES, quizzes_by_courses),
             "mod_quiz_get_user_best_grade": (BEST_GRADE, user_best_grade)}
