"""Moodle quizzes (mod_quiz): the course's quizzes and one user's best grade."""
from dataclasses import dataclass

from sync.batch import Call
from sync.managers.base import Manager


@dataclass(frozen=True)
class Quiz:
    """A quiz activity: course-module id, quiz instance id, course and the grade it is out of."""

    cmid: int
    quizid: int
    courseid: int
    name: str = ""
    grade: float = 10.0


@dataclass(frozen=True)
class QuizGrade:
    """One user's best grade in a quiz (mod_quiz_get_user_best_grade)."""

    hasgrade: bool
    grade: float | None = None
    gradetopass: float | None = None


def parse_best_grade(body):
    """Turn a mod_quiz_get_user_best_grade answer into a QuizGrade."""
    body = body or {}
    grade, gradetopass = body.get("grade"), body.get("gradetopass")
    return QuizGrade(hasgrade=bool(body.get("hasgrade")) and grade is not None,
                     grade=None if grade is None else float(grade),
                     gradetopass=None if gradetopass is None else float(gradetopass))


class QuizManager(Manager):
    """mod_quiz_get_quizzes_by_courses, mod_quiz_get_user_best_grade."""

    def by_courses(self, courseids):
        """Return {cmid: Quiz} for the quizzes of the given courses."""
        body = self.call("mod_quiz_get_quizzes_by_courses",
                         {"courseids": [int(c) for c in courseids]})
        quizzes = (Quiz(cmid=int(q["coursemodule"]), quizid=int(q["id"]), courseid=int(q["course"]),
                        name=q.get("name") or "", grade=float(q.get("grade") or 0))
                   for q in (body or {}).get("quizzes", []))
        return {quiz.cmid: quiz for quiz in quizzes}

    def best_grade_call(self, quiz, userid, module):
        """Return the Call that fetches one user's best grade in a quiz (keyed by module)."""
        return Call("mod_quiz_get_user_best_grade", {"quizid": quiz.quizid, "userid": int(userid)},
                    parse_best_grade, key=(("quiz", module), quiz.courseid, userid))
