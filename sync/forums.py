"""Moodle forum deliveries: a recorded outbox of forum posts and group memberships, sent after the commit.

The bridge never calls Moodle inside a transaction. An operation (or an after-commit effect such as the
introduction of a tandem) adds a `ForumTask` row in its own transaction and registers `deliver(task.id)`
with `after_commit`. `deliver` makes the Moodle call, then marks the task done, or records the failure
(attempts, last error) and raises so a job queue retries it. Nothing is lost: `retry_open()` (the command
`qser forums retry`) sends every task that is not done yet, and `qser forums status` lists them.

Three kinds of task:
- `tandem_discussion`: the private discussion of a confirmed tandem, started with the tandem's Moodle group id
  in the forum MOODLE_TANDEM_FORUM (a forum in separate-groups mode in the mentoring course);
- `adviser`: an external professional who advises a tandem is enrolled in the mentoring course and joins the
  tandem's Moodle group (core_group_add_group_members);
- `adviser_leave`: an adviser who no longer advises the tandem leaves its Moodle group
  (core_group_delete_group_members; they stay enrolled in the course);
- `programme_post`: a discussion in the open programme forum MOODLE_PROGRAMME_FORUM (a published good practice,
  a new Q&A answer).
A task's `key` is unique, so the same thing is never queued twice (a tandem gets one discussion).
"""
import enum
import logging
from datetime import datetime, timezone

from flask import current_app
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import db, utcnow
from bridge.core.effects import after_commit
from sync.exceptions import MoodleError

log = logging.getLogger(__name__)
TIMEOUT = 10.0


class TaskKind(str, enum.Enum):
    """What a forum task does in Moodle."""

    TANDEM_DISCUSSION = "tandem_discussion"
    ADVISER = "adviser"
    ADVISER_LEAVE = "adviser_leave"
    PROGRAMME_POST = "programme_post"


class TaskState(str, enum.Enum):
    """Where a forum task stands: pending until first tried, failed after an error, done once Moodle has it."""

    PENDING = "pending"
    FAILED = "failed"
    DONE = "done"


class ForumTask(db.Model):
    """One forum post or group membership to make in Moodle, with the outcome of its attempts."""

    __tablename__ = "moodle_forum_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    state: Mapped[str] = mapped_column(String(20), default=TaskState.PENDING.value, index=True)
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(255), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    moodle_id: Mapped[int | None]  # the discussion id, or the group id for an adviser
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    tried_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]

    pair = relationship("Pair")
    person = relationship("Person")


class NotReady(MoodleError):
    """The task cannot be sent yet (no Moodle group, no Moodle account, no forum configured)."""


def _forum_setting(name: str) -> int | None:
    """Return a forum id setting (MOODLE_TANDEM_FORUM, MOODLE_PROGRAMME_FORUM), None when not set."""
    raw = str(current_app.config.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise NotReady(f"QSER_{name} must be the numeric id of a forum (got {raw!r})")
    return int(raw)


def moodle_configured() -> bool:
    """Return whether the bridge is configured to reach Moodle."""
    return bool(current_app.config.get("MOODLE_URL") and current_app.config.get("MOODLE_TOKEN"))


def tandem_forum_configured() -> bool:
    """Return whether tandem discussions are wanted (Moodle and MOODLE_TANDEM_FORUM are set)."""
    return moodle_configured() and bool(str(current_app.config.get("MOODLE_TANDEM_FORUM") or "").strip())


def programme_forum_configured() -> bool:
    """Return whether programme posts are wanted (Moodle and MOODLE_PROGRAMME_FORUM are set)."""
    return moodle_configured() and bool(str(current_app.config.get("MOODLE_PROGRAMME_FORUM") or "").strip())


def queue(kind: TaskKind, key: str, *, pair_id=None, person_id=None, subject="", message="") -> ForumTask | None:
    """Add a task in the current transaction and send it after the commit; None if the key is already queued."""
    if db.session.scalar(db.select(ForumTask.id).where(ForumTask.key == key)) is not None:
        return None
    task = ForumTask(kind=kind.value, key=key, pair_id=pair_id, person_id=person_id, subject=subject[:255],
                     message=message)
    db.session.add(task)
    db.session.flush()
    after_commit(deliver, task.id)
    return task


def resend_for_pair(pair_id: int) -> None:
    """Send again, after the commit, the open tasks of a tandem (its group now exists)."""
    stmt = db.select(ForumTask.id).where(ForumTask.pair_id == pair_id, ForumTask.state != TaskState.DONE.value)
    for task_id in db.session.scalars(stmt):
        after_commit(deliver, task_id)


def _client():
    from sync.config import moodle_settings
    from sync.retry import RetryPolicy

    # No second try of a call that timed out: Moodle may have made the post; the task's next attempt looks first.
    return moodle_settings(needs=("url", "token")).client(timeout=TIMEOUT, retry_timeouts=False,
                                                          retry=RetryPolicy(attempts=2, max_retry_after=5.0))


def _course_id(client) -> int:
    from sync.config import moodle_settings

    settings = moodle_settings(needs=())
    course = settings.mentoring_course or (settings.courses[0] if settings.courses else None)
    if not course:
        raise NotReady("no mentoring course is configured (QSER_MOODLE_MENTORING_COURSE)")
    return client.courses.resolve(course).id


def _group_of(task: ForumTask) -> int:
    if task.pair is None or not task.pair.moodle_group_id:
        raise NotReady("the tandem has no Moodle group yet")
    return task.pair.moodle_group_id


def _send(client, task: ForumTask) -> int:
    """Make the Moodle call(s) of one task and return the Moodle id to keep."""
    if task.kind == TaskKind.TANDEM_DISCUSSION.value:
        forum = _forum_setting("MOODLE_TANDEM_FORUM")
        if forum is None:
            raise NotReady("no tandem forum is configured (QSER_MOODLE_TANDEM_FORUM)")
        group = _group_of(task)
        return _posted_before(client, forum, task, group) or client.forums.add_discussion(
            forum, task.subject, task.message, groupid=group)
    if task.kind == TaskKind.PROGRAMME_POST.value:
        forum = _forum_setting("MOODLE_PROGRAMME_FORUM")
        if forum is None:
            raise NotReady("no programme forum is configured (QSER_MOODLE_PROGRAMME_FORUM)")
        return _posted_before(client, forum, task, 0) or client.forums.add_discussion(forum, task.subject,
                                                                                        task.message)
    if task.kind == TaskKind.ADVISER.value:
        return _join_group(client, task)
    if task.kind == TaskKind.ADVISER_LEAVE.value:
        group = _group_of(task)
        if task.person is not None and task.person.moodle_user_id:
            client.groups.remove_members(group, [task.person.moodle_user_id])
        return group
    raise NotReady(f"unknown forum task kind {task.kind!r}")


def _posted_before(client, forum: int, task: ForumTask, group: int) -> int | None:
    """Return the id of the discussion an earlier attempt of the task started, if it reached Moodle after all (a
    timeout, or an answer lost on the way back): the forum's newest discussion with the task's subject, in its
    group, started since the task was queued. The first attempt does not look."""
    if task.attempts <= 1:
        return None
    since = task.created_at.replace(tzinfo=task.created_at.tzinfo or timezone.utc).timestamp() - 60
    groups = {group} if group else {0, -1}  # an open forum's discussions belong to no group (0, or -1: everyone)
    for found in client.forums.discussions(forum, groupid=group):
        if found.get("name") == task.subject and int(found.get("groupid") or 0) in groups \
                and int(found.get("created") or 0) >= since:
            log.info("Forum task %s: discussion %s exists already (an earlier attempt reached Moodle)", task.id,
                     found.get("discussion"))
            return int(found["discussion"])
    return None


def _join_group(client, task: ForumTask) -> int:
    """Enrol the adviser in the mentoring course (role of externals) and add them to the tandem's group."""
    from sync.config import moodle_settings
    from sync.managers.enrolments import Enrolment

    group = _group_of(task)
    person = task.person
    if person is None or not person.moodle_user_id:
        raise NotReady("the adviser has no Moodle account yet")
    role = moodle_settings(needs=()).role_ids["external"]
    client.enrolments.enrol([Enrolment(userid=person.moodle_user_id, courseid=_course_id(client), roleid=role)])
    client.groups.add_members(group, [person.moodle_user_id])
    return group


def deliver(task_id: int) -> None:
    """Send one task to Moodle; record the outcome; raise on failure so that a job queue retries it."""
    from flask_babel import gettext

    from bridge.core.effects import notify

    task = db.session.get(ForumTask, task_id)
    if task is None or task.state == TaskState.DONE.value or not moodle_configured():
        return
    task.attempts += 1
    task.tried_at = utcnow()
    try:
        with _client() as client:
            task.moodle_id = _send(client, task)
    except MoodleError as exc:
        task.state, task.last_error = TaskState.FAILED.value, str(exc)[:2000]
        db.session.commit()
        notify(gettext("Moodle forum: %(what)s was not sent yet (%(error)s); it will be retried.",
                       what=task.subject or task.key, error=str(exc)))
        raise
    task.state, task.last_error, task.done_at = TaskState.DONE.value, "", utcnow()
    db.session.commit()


def retry_open() -> tuple[int, int]:
    """Send every task that is not done; return (sent, still failing)."""
    ids = list(db.session.scalars(db.select(ForumTask.id).where(ForumTask.state != TaskState.DONE.value)
                                  .order_by(ForumTask.id)))
    sent = failing = 0
    for task_id in ids:
        try:
            deliver(task_id)
        except MoodleError as exc:
            log.info("Forum task %s still failing: %s", task_id, exc)
            failing += 1
        else:
            sent += 1
    return sent, failing


def open_tasks() -> list[ForumTask]:
    """Return the tasks not done yet, oldest first."""
    return list(db.session.scalars(db.select(ForumTask).where(ForumTask.state != TaskState.DONE.value)
                                   .order_by(ForumTask.id)))
