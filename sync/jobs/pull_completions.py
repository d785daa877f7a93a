"""Pull completions: course roster, activity completion and grades, mapped to TrainingRecord."""
from datetime import datetime, timezone

from bridge.core.db import utcnow
from bridge.modules.admin.models import SyncRun, SyncStatus
from bridge.modules.people.models import Person
from bridge.modules.training.models import TrainingRecord, TrainingStatus
from sync.batch import run_calls
from sync.jobs.run import no_progress, person_label
from sync.managers.base import chunked

# Moodle refreshes user_lastaccess at most once a minute (LASTACCESS_UPDATE_SECS).
LASTACCESS_SLACK = 60
ROSTER_PAGE = 1000
STATE_STATUS = {1: TrainingStatus.COMPLETED, 2: TrainingStatus.PASSED, 3: TrainingStatus.FAILED}
SYNC_KINDS = ("completions", "nightly")


def previous_watermark(db):
    """Return the watermark of the last real (not dry) completions run that finished, or None."""
    query = (db.select(SyncRun.watermark)
             .where(SyncRun.kind.in_(SYNC_KINDS), SyncRun.dry_run.is_(False),
                    SyncRun.status.in_((SyncStatus.SUCCEEDED.value, SyncStatus.PARTIAL.value)),
                    SyncRun.watermark.is_not(None))
             .order_by(SyncRun.id.desc()).limit(1))
    return db.session.scalar(query)


def training_state(status, grade):
    """Map one activity's completion state and grade to (status, score, completed_at)."""
    score = grade.percentage if grade else None
    if status.state in STATE_STATUS:
        when = status.timecompleted
        completed_at = datetime.fromtimestamp(when, timezone.utc) if when else None
        return STATE_STATUS[status.state].value, score, completed_at
    attempted = grade is not None and grade.graderaw is not None
    status = TrainingStatus.INCOMPLETE if attempted else TrainingStatus.NOT_ATTEMPTED
    return status.value, score, None


def pull_completions(client, db, settings, courseids, options, run, progress=no_progress):
    """Pull every course's changes (or everything with options.full); return the new watermark."""
    people = {p.moodle_user_id: p for p in db.session.scalars(
        db.select(Person).where(Person.moodle_user_id.is_not(None)))}
    since = None if options.full else previous_watermark(db)
    newest, failed = 0, []
    for courseid in courseids:
        roster = list(client.enrolments.roster(courseid, page_size=ROSTER_PAGE))
        newest = max([newest] + [u.lastcourseaccess for u in roster])
        todo = [u for u in roster if u.id in people and _changed_since(u, since)]
        failed += pull_course(client, db, courseid, todo, people, settings, options, run, progress,
                              incremental=since is not None)
    watermark = max(since or 0, newest - LASTACCESS_SLACK)
    return min([watermark] + failed)


def _changed_since(user, since):
    """Tell whether a roster entry needs fetching: always on a full run, else recent access only."""
    return since is None or (user.lastcourseaccess > 0 and user.lastcourseaccess >= since)


def pull_course(client, db, courseid, todo, people, settings, options, run, progress, incremental):
    """Fetch completion (and grades) for the roster entries in todo; return failed access times."""
    per_user_grades = bool(client.batching and incremental)
    grades = client.grades.course(courseid) if todo and not per_user_grades else {}
    failed, done = [], 0
    for users in chunked(todo, settings.batch_size * client.concurrency):
        calls = [client.completion.activities_call(courseid, u.id) for u in users]
        if per_user_grades:
            calls += [client.grades.user_call(courseid, u.id) for u in users]
        per_request = settings.batch_size * (2 if per_user_grades else 1)
        completions = {}
        for result in run_calls(client, calls, per_request=per_request):
            kind, _, userid = result.call.key
            if not result.ok:
                run.error(person_label(people[userid]), result.error.errorcode, str(result.error))
                failed.append(next(u.lastcourseaccess for u in users if u.id == userid))
            elif kind == "completion":
                completions[userid] = result.value
            else:
                grades.update(result.value)
        run.count("completions_changed", apply_records(db, completions, grades, people, settings,
                                                       options))
        run.commit()
        done += len(users)
        progress(f"completions course {courseid}", done, len(todo))
    return failed


def apply_records(db, completions, grades, people, settings, options):
    """Upsert TrainingRecords for fetched users; return how many records changed."""
    ids = [people[uid].id for uid in completions]
    existing = {(r.person_id, r.module_id): r for r in db.session.scalars(
        db.select(TrainingRecord).where(TrainingRecord.person_id.in_(ids)))} if ids else {}
    changed, now = 0, utcnow()
    for userid, statuses in completions.items():
        person = people[userid]
        for module, cmid in settings.activities.items():
            if cmid not in statuses:
                continue
            values = training_state(statuses[cmid], grades.get(userid, {}).get(cmid))
            record = existing.get((person.id, module))
            if record is None or (record.status, record.score, record.completed_at) != values:
                changed += 1
            if not options.dry_run:
                _store(db, record, person, module, values, now)
    return changed


def _store(db, record, person, module, values, now):
    """Write one record's values (creating it when new)."""
    if record is None:
        record = TrainingRecord(person_id=person.id, module_id=module, source="moodle")
        db.session.add(record)
    record.status, record.score, record.completed_at = values
    record.last_seen_at = now
