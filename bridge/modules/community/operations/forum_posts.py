"""Posts in the programme's open Moodle forum: each published good practice and each new Q&A answer.

Only when MOODLE_PROGRAMME_FORUM is set (and Moodle is configured). The post is recorded in the same
transaction as the publication or the answer and sent after the commit (sync.forums); a failure is kept
and retried (`qser forums retry`), never lost. A post says what is new and links to the bridge; it does
not name the author.
"""
from flask import current_app, render_template
from flask_babel import force_locale

from bridge.modules.community.models import Answer, GoodPractice
from sync import forums


def _link(path: str) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + path


def post_practice(practice: GoodPractice) -> None:
    """Announce a published good practice in the programme forum (once per practice)."""
    if not forums.programme_forum_configured():
        return
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = render_template("community/forum_practice_subject.txt", practice=practice).strip()
        message = render_template("community/forum_practice.html", practice=practice,
                                  link=_link(f"/community/practices/{practice.id}"))
    forums.queue(forums.TaskKind.PROGRAMME_POST, f"practice:{practice.id}", subject=subject, message=message)


def post_answer(answer: Answer) -> None:
    """Announce a new answer to a Q&A question in the programme forum, in the question's language."""
    if not forums.programme_forum_configured():
        return
    question = answer.question
    with force_locale(question.lang or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = render_template("community/forum_answer_subject.txt", question=question).strip()
        message = render_template("community/forum_answer.html", question=question, answer=answer,
                                  link=_link(f"/community/qa/{question.id}"))
    forums.queue(forums.TaskKind.PROGRAMME_POST, f"answer:{answer.id}", subject=subject, message=message)
