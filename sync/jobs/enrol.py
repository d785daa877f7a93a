"""Enrol people with a Moodle account into the OER course(s), always with the full desired state."""
from sync.exceptions import MoodleWSError
from sync.jobs.run import no_progress, person_label
from sync.managers.base import chunk_size, chunked
from sync.managers.enrolments import Enrolment

ENROL_FIELDS = 6


def resolve_courses(client, settings):
    """Return the configured course ids (numeric ids as they are, shortnames looked up)."""
    return [int(ref) if str(ref).isdigit() else client.courses.resolve(ref).id
            for ref in settings.courses]


# Which companion role decides the Moodle role of a person holding several.
ROLE_PRIORITY = ("coordinator", "external", "mentor", "mentee")


def moodle_role(person, role_ids):
    """Return the Moodle role id that fits a person's companion roles (see QSER_MOODLE_ROLE_*)."""
    held = {str(getattr(role, "value", role)) for role in person.role_names}
    for role in ROLE_PRIORITY:
        if role in held:
            return role_ids[role]
    return role_ids["mentee"]


def desired_enrolments(people, courseids, role_ids):
    """Return (person, Enrolment) per linked person and course; archived people are suspended."""
    return [(p, Enrolment(userid=p.moodle_user_id, courseid=cid, roleid=moodle_role(p, role_ids),
                          timestart=0, timeend=0, suspend=not p.is_active))
            for cid in courseids for p in people if p.moodle_user_id]


def enrol_people(client, people, courseids, settings, options, run, progress=no_progress):
    """Send every desired enrolment (an upsert in Moodle) in chunks, isolating refused records."""
    pairs = desired_enrolments(people, courseids, settings.role_ids)
    size = chunk_size(ENROL_FIELDS)
    done = 0
    for chunk in chunked(pairs, size):
        if not options.dry_run:
            _enrol_chunk(client, chunk, run)
        else:
            run.count("enrolled", len(chunk))
        done += len(chunk)
        progress("enrol", done, len(pairs))


def _enrol_chunk(client, chunk, run):
    """Enrol one chunk; Moodle applies it all or nothing, so split on error to find the culprit."""
    try:
        client.enrolments.enrol([enrolment for _, enrolment in chunk], size=len(chunk))
    except MoodleWSError as exc:
        if len(chunk) == 1:
            person, enrolment = chunk[0]
            run.error(person_label(person), exc.errorcode,
                      f"course {enrolment.courseid}: {exc}")
            return
        half = len(chunk) // 2
        _enrol_chunk(client, chunk[:half], run)
        _enrol_chunk(client, chunk[half:], run)
        return
    run.count("enrolled", len(chunk))
