"""Map Moodle completion and grades to TrainingRecords; decide whose grades need reading."""
from datetime import datetime, timezone

from bridge.core.db import utcnow
from bridge.modules.training.models import DONE_STATUSES, TrainingRecord, TrainingStatus

STATE_STATUS = {1: TrainingStatus.COMPLETED, 2: TrainingStatus.PASSED, 3: TrainingStatus.FAILED}
NOT_COMPLETE = {TrainingStatus.NOT_ATTEMPTED.value, TrainingStatus.INCOMPLETE.value}
COMPLETION_STATUSES = DONE_STATUSES | {TrainingStatus.FAILED.value}


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


def stored_records(db, person_ids):
    """Return {(person_id, module_id): TrainingRecord} for the given people."""
    if not person_ids:
        return {}
    query = db.select(TrainingRecord).where(TrainingRecord.person_id.in_(person_ids))
    return {(r.person_id, r.module_id): r for r in db.session.scalars(query)}


def needs_grades(user, statuses, records, activities, since):
    """Tell whether a user's grades must be read: they can have one and it may have changed.

    A grade exists only after an attempt, which needs a course access; it changes only with a
    new attempt, which moves lastcourseaccess. So a user whose access predates the last pull
    (`since`) and whose completion matches the stored records keeps the stored scores.
    """
    present = [(module, statuses[cmid]) for module, cmid in activities.items() if cmid in statuses]
    if user.lastcourseaccess <= 0 and all(s.state == 0 for _, s in present):
        return False
    if since is None or user.lastcourseaccess >= since:
        return True
    return any(_completion_differs(records.get(module), status) for module, status in present)


def _completion_differs(record, status):
    """Tell whether Moodle's completion state disagrees with a stored record (or none is stored)."""
    if record is None:
        return True
    if status.state in STATE_STATUS:
        new_status, _, completed_at = training_state(status, None)
        return (record.status, record.completed_at) != (new_status, completed_at)
    return record.status not in NOT_COMPLETE


def apply_records(db, completions, grades, people, activities, dry_run, records=None):
    """Upsert TrainingRecords for fetched users; return how many records changed."""
    if records is None:
        records = stored_records(db, [people[uid].id for uid in completions])
    changed, now = 0, utcnow()
    for userid, statuses in completions.items():
        person = people[userid]
        for module, cmid in activities.items():
            if cmid not in statuses:
                continue
            record = records.get((person.id, module))
            values = training_state(statuses[cmid], grades.get(userid, {}).get(cmid))
            if userid not in grades and record is not None:
                values = _keep_score(record, values)
            if record is None or (record.status, record.score, record.completed_at) != values:
                changed += 1
            if not dry_run:
                _store(db, record, person, module, values, now)
    return changed


def _keep_score(record, values):
    """Return values with the stored score (and attempt status) when grades were not read."""
    status = values[0]
    if status in NOT_COMPLETE and record.status in NOT_COMPLETE:
        status = record.status
    return status, record.score, values[2]


def _store(db, record, person, module, values, now):
    """Write one record's values from Moodle (creating it when new), keeping a lost completion."""
    if record is None:
        record = TrainingRecord(person_id=person.id, module_id=module)
        db.session.add(record)
    elif record.status in COMPLETION_STATUSES and values[0] in NOT_COMPLETE:
        record.previous_status, record.previous_score = record.status, record.score
        record.previous_completed_at = record.completed_at
    record.status, record.score, record.completed_at = values
    record.source = "moodle"
    record.last_seen_at = now
