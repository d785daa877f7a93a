"""Q&A operations: ask, answer, edit, accept, hide, merge, search."""
from sqlalchemy import or_

from bridge.core import audit
from bridge.core.auth import is_coordinator
from bridge.core.competences import competence_keys
from bridge.core.db import db, utcnow
from bridge.core.effects import after_commit
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.core.permissions import require
from bridge.core.mail import send_mail
from bridge.modules.community import util
from bridge.core.textsearch import contains_text, ulower
from bridge.modules.community.models import Answer, Question, Tag, TagKind
from bridge.modules.community.operations.forum_posts import post_answer
from bridge.modules.people.models import Person


def normalise_tags(names) -> list[str]:
    """Return the distinct tag names, free tags lowercased; raise on malformed ones."""
    result = []
    for raw in names or []:
        name = raw.strip() if raw in competence_keys() else " ".join(raw.split()).lower()
        if not name:
            continue
        if not util.TAG_PATTERN.match(name):
            raise ValidationFailed(N_("Tags may have up to 40 letters, digits, spaces or - + . _"), field="free_tags")
        if name not in result:
            result.append(name)
    return result


def get_tags(names) -> list[Tag]:
    """Return Tag rows for the names, creating missing ones."""
    tags = []
    for name in normalise_tags(names):
        tag = db.session.scalar(db.select(Tag).where(Tag.name == name))
        if tag is None:
            kind = TagKind.COMPETENCE if name in competence_keys() else TagKind.FREE
            tag = Tag(name=name, kind=kind)
            db.session.add(tag)
        tags.append(tag)
    return tags


def _apply_question(question: Question, data: dict) -> None:
    question.title = data["title"].strip()
    question.body = data.get("body") or ""
    question.tags = get_tags(data.get("tags"))


def ask_question(author: Person, data: dict, workshop=None) -> Question:
    """Create a question from validated data (title, body, tags)."""
    require(author, "create", Question, util.POST_DENIED)
    question = Question(author_id=author.id, lang=data.get("lang") or "en",
                        workshop_id=workshop.id if workshop is not None else None)
    _apply_question(question, data)
    db.session.add(question)
    db.session.flush()
    audit.record(author, "question.asked", question, question.title)
    return question


def edit_question(actor: Person, question: Question, data: dict) -> Question:
    """Change a question's title, body and tags (its author or a coordinator)."""
    require(actor, "edit", question, util.CHANGE_DENIED)
    _apply_question(question, data)
    db.session.flush()
    audit.record(actor, "question.edited", question, question.title)
    return question


def answer_question(author: Person, question: Question, body: str) -> Answer:
    """Add an answer and tell the asker by mail."""
    require(author, "answer", question, util.POST_DENIED)
    if question.hidden_at is not None or question.merged_into_id is not None:
        raise Conflict(N_("This question is closed for answers."))
    answer = Answer(question=question, author_id=author.id, body=body, lang=question.lang)
    db.session.add(answer)
    db.session.flush()
    audit.record(author, "answer.posted", answer, question.title)
    post_answer(answer)
    asker = question.author
    if asker is not None and asker.id != author.id and asker.is_active:
        after_commit(mail_new_answer, answer.id)
    return answer


def mail_new_answer(answer_id: int) -> None:
    """Tell the asker about a new answer (runs after the commit)."""
    answer = db.session.get(Answer, answer_id)
    if answer is not None:
        send_mail(answer.question.author, N_("New answer to your question"), "mail/community_answer.txt",
                  question=answer.question, answer=answer, author=answer.author)


def edit_answer(actor: Person, answer: Answer, body: str) -> Answer:
    """Change an answer's text (its author or a coordinator)."""
    require(actor, "edit", answer, util.CHANGE_DENIED)
    answer.body = body
    db.session.flush()
    audit.record(actor, "answer.edited", answer, answer.question.title)
    return answer


def accept_answer(actor: Person, question: Question, answer: Answer | None) -> None:
    """Mark an answer as accepted, or clear the mark (the asker or a coordinator)."""
    require(actor, "accept", question, util.CHANGE_DENIED)
    if answer is not None and (answer.question_id != question.id or answer.hidden_at is not None):
        raise ValidationFailed(N_("This answer does not belong to the question."))
    question.accepted_answer = answer
    db.session.flush()
    audit.record(actor, "question.answer_accepted", question, question.title,
                 answer_id=answer.id if answer else None)


def set_hidden(actor: Person, post, hidden: bool) -> None:
    """Hide a question or answer from everyone but coordinators, or show it again."""
    require(actor, "moderate", post, util.CHANGE_DENIED)
    post.hidden_at = utcnow() if hidden else None
    if hidden and isinstance(post, Answer) and post.question.accepted_answer_id == post.id:
        post.question.accepted_answer = None
    db.session.flush()
    audit.record(actor, "post.hidden" if hidden else "post.shown", post)


def merge_questions(actor: Person, duplicate: Question, target: Question) -> Question:
    """Move a duplicate's answers and tags to the kept question; the duplicate then redirects."""
    require(actor, "moderate", duplicate, util.CHANGE_DENIED)
    if duplicate.id == target.id or target.merged_into_id is not None or duplicate.merged_into_id is not None:
        raise ValidationFailed(N_("Choose another question that has not been merged itself."), field="target")
    for answer in list(duplicate.answers):
        answer.question = target
    target.tags = list({tag.name: tag for tag in target.tags + duplicate.tags}.values())
    if target.accepted_answer_id is None and duplicate.accepted_answer_id is not None:
        target.accepted_answer_id = duplicate.accepted_answer_id
    duplicate.accepted_answer = None
    duplicate.merged_into_id = target.id
    db.session.flush()
    audit.record(actor, "question.merged", duplicate, duplicate.title, into=target.id)
    return target


def visible_answers(viewer: Person, question: Question) -> list[Answer]:
    """Return the answers the viewer may see, the accepted one first."""
    answers = [a for a in question.answers if a.hidden_at is None or is_coordinator(viewer)]
    return sorted(answers, key=lambda a: (a.id != question.accepted_answer_id, a.id))


def search_questions(locale: str, text: str = "", tag: str = "", department: str = "",
                     include_hidden: bool = False):
    """Return a select statement for the questions matching text, tag and the asker's department."""
    stmt = db.select(Question).where(Question.merged_into_id.is_(None),
                                     or_(Question.import_key.is_(None), Question.lang == locale))
    if not include_hidden:
        stmt = stmt.where(Question.hidden_at.is_(None))
    if text.strip():
        stmt = stmt.where(or_(contains_text(Question.title, text), contains_text(Question.body, text)))
    if tag:
        stmt = stmt.where(Question.tags.any(Tag.name == tag))
    if department.strip():
        stmt = stmt.where(Question.author.has(ulower(Person.department) == department.strip().lower()))
    return stmt.order_by(Question.created_at.desc(), Question.id.desc())
