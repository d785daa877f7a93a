"""Map Moodle completion and grades to TrainingRecords; decide whose grades need reading."""
from datetime import datetime, timezone

from bridge.core.db import utcnow
from bridge.modules.training.models import DONE_STATUSES, TrainingRecord, TrainingStatus

STATE_STATUS = {1: TrainingStatus.COMPLETED, 2: TrainingStatus.PASSED, 3: TrainingStatus.FAILED}
COMPLETE_PASS, COMPLETE_FAIL = 2, 3
PASSED, FAILED = TrainingStatus.PASSED.value, TrainingStatus.FAILED.value
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


def score_priority(statuses, records, activities, accessed=False):
    """Return how urgently a user's scores should be read (0 first), or None when not needed.

    Pass, fail and completion come from the completion state; the score is the one thing only
    the grade report gives. It is wanted where an activity is complete (or passed, failed) and
    the stored record differs from Moodle (0: a new or changed completion) or has no score yet
    or Moodle lost a completion the record holds (0 too: the reset may have taken the grade),
    (1: e.g. left over from a run whose score reads were capped). A learner who opened the
    course but completed nothing may have an unfinished attempt that only a grade shows (2: read
    once, while no record says otherwise).
    """
    priority = None
    for module, cmid in activities.items():
        status = statuses.get(cmid)
        if status is not None and status.state not in STATE_STATUS \
                and _completion_differs(records.get(module), status) and module in records:
            return 0
        if status is None or status.state not in STATE_STATUS:
            if accessed and status is not None and module not in records and priority is None:
                priority = 2
            continue
        record = records.get(module)
        if _completion_differs(record, status):
            return 0
        if record.score is None:
            priority = 1 if priority is None else min(priority, 1)
    return priority


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
                records[(person.id, module)] = _store(db, record, person, module, values, now)
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
    return record


def quiz_wanted(status, record, active, accessed):
    """Tell whether a user's best grade in a module's quiz must be read.

    Read it when the learner was active since the last pull, when the quiz's completion (if it
    is tracked) disagrees with the stored quiz result, and once for a learner who opened the
    course but whose quiz was never read.
    """
    if active:
        return True
    stored = record.quiz_status if record is not None else None
    if status is not None and status.state in (COMPLETE_PASS, COMPLETE_FAIL):
        return stored != (PASSED if status.state == COMPLETE_PASS else FAILED)
    if status is not None and status.state and stored is None:
        return True
    return accessed and (record is None or record.quiz_read_at is None)


def quiz_result(grade, quiz, status):
    """Return (quiz_status, quiz_score) of a best grade: passed/failed against the grade to pass.

    Without a grade to pass, a pass/fail completion of the quiz decides; with neither the quiz
    cannot pass anyone and the status is None (the score is still kept).
    """
    if grade is None or not grade.hasgrade:
        return None, None
    score = round(100.0 * grade.grade / quiz.grade, 2) if quiz.grade > 0 else None
    if grade.gradetopass is not None:
        passed = grade.grade >= grade.gradetopass - 1e-9
    elif status is not None and status.state in (COMPLETE_PASS, COMPLETE_FAIL):
        passed = status.state == COMPLETE_PASS
    else:
        return None, score
    return (PASSED if passed else FAILED), score


def apply_quiz_grades(db, quiz_grades, completions, people, quizzes, dry_run, records,
                      no_pass_mark=lambda module, quiz: None):
    """Store the quiz results read ({userid: {module: QuizGrade}}); return how many changed."""
    changed, now = 0, utcnow()
    for userid, by_module in quiz_grades.items():
        person = people[userid]
        for module, grade in by_module.items():
            quiz = quizzes[module]
            status = completions.get(userid, {}).get(quiz.cmid)
            result = quiz_result(grade, quiz, status)
            if grade.hasgrade and result[0] is None:
                no_pass_mark(module, quiz)
            record = records.get((person.id, module))
            before = (record.quiz_status, record.quiz_score) if record is not None else (None, None)
            changed += before != result
            if dry_run:
                continue
            if record is None:
                record = TrainingRecord(person_id=person.id, module_id=module,
                                        status=TrainingStatus.NOT_ATTEMPTED.value)
                db.session.add(record)
                records[(person.id, module)] = record
            if result[0] != PASSED:
                record.quiz_passed_at = None
            elif record.quiz_status != PASSED or record.quiz_passed_at is None:
                record.quiz_passed_at = now  # first seen passed: the date the dashboard and the report count
            record.quiz_status, record.quiz_score = result
            record.quiz_read_at = record.last_seen_at = now
            record.source = "moodle"
    return changed
