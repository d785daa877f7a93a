"""Pull completions: roster pages, batched completion, then grades of whoever needs them."""
import math
from collections import namedtuple

from bridge.modules.people.models import Person
from sync.batch import run_calls
from sync.exceptions import MoodleTimeout
from sync.jobs.records import (apply_quiz_grades, apply_records, quiz_wanted, score_priority,
                               stored_records)
from sync.jobs.run import no_progress, person_label
from sync.managers.base import chunked
from sync.models import SyncRun, SyncStatus

# Moodle refreshes user_lastaccess at most once a minute (LASTACCESS_UPDATE_SECS).
LASTACCESS_SLACK = 60
# No request returns data for more than this many users (a roster page).
ROSTER_PAGE = 500
PULL_FIELDS = "id,idnumber,lastcourseaccess"
SYNC_KINDS = ("completions", "nightly")
# Percent of a chunk's learners whose scores may be read besides the recently active ones.
DEFAULT_SCORE_SHARE = 20
# A linked person as plain values: commits expire ORM objects; reloading costs a query each.
Linked = namedtuple("Linked", "id email")


def previous_watermark(db):
    """Return the watermark of the last real (not dry) completions run that finished, or None."""
    query = (db.select(SyncRun.watermark)
             .where(SyncRun.kind.in_(SYNC_KINDS), SyncRun.dry_run.is_(False),
                    SyncRun.status.in_((SyncStatus.SUCCEEDED.value, SyncStatus.PARTIAL.value)),
                    SyncRun.watermark.is_not(None))
             .order_by(SyncRun.id.desc()).limit(1))
    return db.session.scalar(query)


def pull_completions(client, db, settings, courseids, activities, options, run,
                     progress=no_progress, quizzes=None):
    """Pull every course's changes (or everything with options.full); return the new watermark.

    quizzes ({module: Quiz}) are the modules' Moodle quizzes whose best grades are read too.
    """
    rows = db.session.execute(db.select(Person.moodle_user_id, Person.id, Person.email)
                              .where(Person.moodle_user_id.is_not(None)))
    people = {moodle_id: Linked(person_id, email) for moodle_id, person_id, email in rows}
    last = previous_watermark(db)
    since = None if options.full else last
    newest, failed = 0, []
    for courseid in courseids:
        roster = _roster(client, courseid)
        newest = max([newest] + [u.lastcourseaccess for u in roster])
        todo = [u for u in roster if u.id in people and _changed_since(u, since)]
        pull = CoursePull(client, db, courseid, people, activities, options, run, last,
                          getattr(settings, "score_share", DEFAULT_SCORE_SHARE))
        pull.quizzes = {m: q for m, q in (quizzes or {}).items() if q.courseid == int(courseid)}
        try:
            failed += pull.run(todo, settings.batch_size * client.concurrency, progress)
        except MoodleTimeout as exc:
            raise exc.about(f"course {courseid} ({len(roster)} enrolled users)") from None
    watermark = max(since or 0, newest - LASTACCESS_SLACK)
    return min([watermark] + failed)


def _roster(client, courseid):
    """Return a course's roster, read in pages of at most ROSTER_PAGE users."""
    try:
        return list(client.enrolments.roster(courseid, page_size=ROSTER_PAGE,
                                             userfields=PULL_FIELDS))
    except MoodleTimeout as exc:
        raise exc.about(f"the roster of course {courseid}") from None


def _changed_since(user, since):
    """Tell whether a roster entry needs fetching: always on a full run, else recent access only."""
    return since is None or (user.lastcourseaccess > 0 and user.lastcourseaccess >= since)


class CoursePull:
    """Fetch completion, then grades where needed, for chunks of one course's users.

    Learners active since the last pull get their grades read with their completion (a new
    attempt needs a course access). Other learners' scores are read where score_priority asks
    for them, one batch plus score_share percent of each chunk (unused reads carry over): a first full
    pull of a large course reads every completion but only part of the scores, and the rest
    follow in later full runs or when the learner is next active.
    """

    def __init__(self, client, db, courseid, people, activities, options, run, last,
                 score_share=DEFAULT_SCORE_SHARE):
        self.client, self.db, self.courseid, self.people = client, db, courseid, people
        self.activities, self.options, self.run_log = activities, options, run
        self.grades_since = None if last is None else last - LASTACCESS_SLACK
        # A small course reads every wanted score: the first batch of reads is not capped.
        self.score_share, self.spare_reads = score_share, client.batch_size
        self.quizzes, self.reported = {}, set()

    def run(self, todo, chunk_size, progress):
        """Pull the users in todo chunk by chunk, committing each; return failed access times."""
        failed, done = [], 0
        for users in chunked(todo, chunk_size):
            failed += self.pull_chunk(users)
            self.run_log.commit()
            done += len(users)
            progress(f"completions course {self.courseid}", done, len(todo))
        return failed

    def pull_chunk(self, users):
        """Fetch and store one chunk of users; return the access times of users that failed."""
        failed = {}
        calls = []
        for user in users:
            # A user's completion and grade side by side: every batch carries an even share
            # of the dearer grade calls, so that no worker finishes long after the others.
            calls.append(self.client.completion.activities_call(self.courseid, user.id))
            if self._active(user):
                calls.append(self.client.grades.user_call(self.courseid, user.id))
        fetched = self._fetch(calls, failed)
        completions = {uid: v for (kind, uid), v in fetched.items() if kind == "completion"}
        records = stored_records(self.db, [self.people[uid].id for uid in completions])
        wanted = self._scores_wanted(users, completions, records, fetched)
        calls = [self.client.grades.user_call(self.courseid, u.id) for u in wanted]
        calls += self._quiz_calls(users, completions, records)
        fetched.update(self._fetch(calls, failed))
        grades = {uid: v.get(uid, {}) for (kind, uid), v in fetched.items() if kind == "grades"}
        quiz_grades = {}
        for (kind, uid), value in fetched.items():
            if isinstance(kind, tuple) and uid not in failed:
                quiz_grades.setdefault(uid, {})[kind[1]] = value
        for userid in failed:
            completions.pop(userid, None)
        changed = apply_records(self.db, completions, grades, self.people, self.activities,
                                self.options.dry_run, records)
        changed += apply_quiz_grades(self.db, quiz_grades, completions, self.people, self.quizzes,
                                     self.options.dry_run, records, self._no_pass_mark)
        self.run_log.count("completions_changed", changed)
        return [u.lastcourseaccess for u in users if u.id in failed]

    def _quiz_calls(self, users, completions, records):
        """Return the best-grade calls of the quizzes whose result may have changed."""
        calls = []
        for user in users:
            if user.id not in completions:
                continue
            mine = self._records_of(user, records)
            for module, quiz in self.quizzes.items():
                if quiz_wanted(completions[user.id].get(quiz.cmid), mine.get(module),
                               self._active(user), user.lastcourseaccess > 0):
                    calls.append(self.client.quizzes.best_grade_call(quiz, user.id, module))
        return calls

    def _no_pass_mark(self, module, quiz):
        """Report once per run that a quiz has no grade to pass (nobody can pass it then)."""
        if module not in self.reported:
            self.reported.add(module)
            self.run_log.error("quizzes", "nogradetopass",
                               f"quiz {quiz.name!r} (course module {quiz.cmid}, module {module!r}) "
                               "has no grade to pass and no pass/fail completion: set "
                               "'Grade to pass' in the quiz's settings")

    def _active(self, user):
        """Tell whether a user accessed the course since the last pull (never on a first pull)."""
        since = self.grades_since
        return since is not None and user.lastcourseaccess > 0 and user.lastcourseaccess >= since

    def _scores_wanted(self, users, completions, records, fetched):
        """Return the users whose scores to read now: most urgent first, within the chunk's share."""
        ranked = []
        for user in users:
            if user.id not in completions or ("grades", user.id) in fetched:
                continue
            statuses = completions[user.id]
            priority = score_priority(statuses, self._records_of(user, records), self.activities,
                                      user.lastcourseaccess > 0)
            if priority is not None:
                newest = max((s.timecompleted for s in statuses.values()), default=0)
                ranked.append((priority, -newest, user.id, user))
        allowed = self.spare_reads + math.ceil(len(users) * self.score_share / 100)
        ranked.sort(key=lambda entry: entry[:3])
        self.spare_reads = max(0, allowed - len(ranked))
        return [entry[3] for entry in ranked[:allowed]]

    def _records_of(self, user, records):
        """Return {module_id: TrainingRecord} of one Moodle user."""
        person_id = self.people[user.id].id
        modules = set(self.activities) | set(self.quizzes)
        return {m: records[(person_id, m)] for m in modules if (person_id, m) in records}

    def _fetch(self, calls, failed):
        """Run calls batched; return {(kind, userid): value}; record each user's failure once."""
        values = {}
        for result in run_calls(self.client, calls):
            kind, _, userid = result.call.key
            if result.ok:
                values[kind, userid] = result.value
            elif userid not in failed:
                failed[userid] = result.error
                self.run_log.error(person_label(self.people[userid]), result.error.errorcode,
                                   str(result.error))
        return values
