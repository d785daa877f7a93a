"""Set up a new tandem in Moodle (a group in the mentoring course and an introductory message).

Runs only when MOODLE_URL and MOODLE_TOKEN are configured. The mentoring course is
MOODLE_MENTORING_COURSE (config, or QSER_MOODLE_MENTORING_COURSE), else the first of
QSER_MOODLE_COURSES. Every failure becomes a notice for the coordinator; none is fatal.
"""
from flask import current_app

from bridge.core.errors import N_
from bridge.modules.pairing.operations.introductions import moodle_message, tandem_discussion
from bridge.modules.pairing.models import Pair
from bridge.modules.pairing.util import Notice
from sync.client import MoodleClient
from sync.config import moodle_settings
from sync import forums
from sync.exceptions import MoodleError
from sync.retry import RetryPolicy

TIMEOUT = 10.0


def mentoring_course() -> str | None:
    """Return the configured reference (id or shortname) of the Moodle mentoring course."""
    settings = moodle_settings(needs=())
    return settings.mentoring_course or (settings.courses[0] if settings.courses else None)


def moodle_configured() -> bool:
    """Return whether the bridge is configured to reach Moodle."""
    return bool(current_app.config.get("MOODLE_URL") and current_app.config.get("MOODLE_TOKEN"))


def _client() -> MoodleClient:
    """Return the shared factory's client, with a short timeout and one retry for web requests."""
    return moodle_settings(needs=("url", "token")).client(
        timeout=TIMEOUT, retry=RetryPolicy(attempts=2, max_retry_after=5.0))


def group_name(pair: Pair) -> str:
    """Return the Moodle group name of a tandem (unique in the course)."""
    return f"Tandem {pair.id}: {pair.mentor.full_name} & {pair.mentee.full_name}"


def _without_account(pair: Pair) -> list[Notice]:
    return [Notice(N_("Moodle: %(name)s has no Moodle account yet, so no group or message was created for the "
                      "tandem %(mentor)s – %(mentee)s."),
                   {"name": p.full_name, "mentor": pair.mentor.full_name, "mentee": pair.mentee.full_name})
            for p in (pair.mentor, pair.mentee) if not p.moodle_user_id]


def _set_up(client: MoodleClient, course_id: int, pair: Pair) -> list[Notice]:
    """Create the tandem's group (its forum discussion follows), add both members and send each an introduction."""
    group = client.groups.create(course_id, [group_name(pair)], [f"qser-pair-{pair.id}"])[0]
    pair.moodle_group_id = group.id
    start_tandem_discussion(pair)
    members = (pair.mentor, pair.mentee)
    client.groups.add_members(group.id, [p.moodle_user_id for p in members])
    sent = client.messages.send([(p.moodle_user_id, moodle_message(pair, p), f"qser-pair-{pair.id}-{p.id}")
                                 for p in members])
    return [Notice(N_("Moodle did not deliver the message to %(name)s: %(error)s"),
                   {"name": p.full_name, "error": s.errormessage}) for p, s in zip(members, sent) if not s.ok]


def start_tandem_discussion(pair: Pair) -> None:
    """Queue the tandem's private discussion in the separate-groups forum, and the open tasks of its group.

    The task is recorded in the session of the introduction and sent after its commit (sync.forums).
    """
    forums.resend_for_pair(pair.id)  # e.g. an adviser added before the group existed
    if forums.tandem_forum_configured():
        subject, message = tandem_discussion(pair)
        forums.queue(forums.TaskKind.TANDEM_DISCUSSION, f"tandem:{pair.id}", pair_id=pair.id,
                     subject=subject, message=message)


def introduce_in_moodle(pairs: list[Pair]) -> list[Notice]:
    """Create a Moodle group and send an introductory message for each tandem; return the problems."""
    if not moodle_configured() or not pairs:
        return []
    try:
        course = mentoring_course()
    except MoodleError as exc:  # malformed QSER_MOODLE_* settings
        return [Notice(N_("Moodle could not be used: %(error)s"), {"error": str(exc)})]
    if not course:
        return [Notice(N_("Moodle: no mentoring course is configured (QSER_MOODLE_MENTORING_COURSE), so no "
                          "groups were created."))]
    notices = []
    with _client() as client:
        try:
            course_id = client.courses.resolve(course).id
        except MoodleError as exc:
            return [Notice(N_("Moodle could not be used: %(error)s"), {"error": str(exc)})]
        for pair in pairs:
            problems = _without_account(pair)
            if problems:
                notices += problems
                continue
            try:
                notices += _set_up(client, course_id, pair)
            except MoodleError as exc:
                notices.append(Notice(N_("Moodle: the tandem %(mentor)s – %(mentee)s could not be set up: %(error)s"),
                                      {"mentor": pair.mentor.full_name, "mentee": pair.mentee.full_name,
                                       "error": str(exc)}))
    return notices
