"""Pull completions: roster pages, batched completion, then grades of whoever needs them."""
from collections import namedtuple

from bridge.modules.people.models import Person
from sync.batch import run_calls
from sync.exceptions import MoodleTimeout
from sync.jobs.records import apply_records, needs_grades, stored_records
from sync.jobs.run import no_progress, person_label
from sync.managers.base import chunked
from sync.models import SyncRun, SyncStatus

# Moodle refreshes user_lastaccess at most once a minute (LASTACCESS_UPDATE_SECS).
LASTACCESS_SLACK = 60
# No request returns data for more than this many users (a roster page).
ROSTER_PAGE = 500
PULL_FIELDS = "id,idnumber,lastcourseaccess"
SYNC_KINDS = ("completions", "nightly")
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
                     progress=no_progress):
    """Pull every course's changes (or everything with options.full); return the new watermark."""
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
        pull = CoursePull(client, db, courseid, people, activities, options, run, last)
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
    """Fetch completion, then grades where needed, for chunks of one course's users."""

    def __init__(self, client, db, courseid, people, activities, options, run, last):
        self.client, self.db, self.courseid, self.people = client, db, courseid, people
        self.activities, self.options, self.run_log = activities, options, run
        self.grades_since = None if last is None else last - LASTACCESS_SLACK

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
        calls = [self.client.completion.activities_call(self.courseid, u.id) for u in users]
        calls += [self.client.grades.user_call(self.courseid, u.id) for u in users
                  if self._surely_graded(u)]
        fetched = self._fetch(calls, failed)
        completions = {uid: v for (kind, uid), v in fetched.items() if kind == "completion"}
        records = stored_records(self.db, [self.people[uid].id for uid in completions])
        wanted = [u for u in users if u.id in completions and ("grades", u.id) not in fetched
                  and needs_grades(u, completions[u.id], self._records_of(u, records),
                                   self.activities, self.grades_since)]
        fetched.update(self._fetch([self.client.grades.user_call(self.courseid, u.id)
                                    for u in wanted], failed))
        grades = {uid: v.get(uid, {}) for (kind, uid), v in fetched.items() if kind == "grades"}
        for userid in failed:
            completions.pop(userid, None)
        self.run_log.count("completions_changed", apply_records(
            self.db, completions, grades, self.people, self.activities, self.options.dry_run,
            records))
        return [u.lastcourseaccess for u in users if u.id in failed]

    def _surely_graded(self, user):
        """Tell whether a user's grades are needed whatever the completion says (recent access)."""
        since = self.grades_since
        return user.lastcourseaccess > 0 and (since is None or user.lastcourseaccess >= since)

    def _records_of(self, user, records):
        """Return {module_id: TrainingRecord} of one Moodle user."""
        person_id = self.people[user.id].id
        return {m: records[(person_id, m)] for m in self.activities if (person_id, m) in records}

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
