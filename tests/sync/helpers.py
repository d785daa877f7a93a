"""Helpers for job tests: an OER course in the fake Moodle and settings pointing at it."""
from sync.client import MoodleClient
from sync.config import MoodleSettings
from sync.retry import RetryPolicy

COURSE = 2
ACTIVITIES = {"multiculturalism": 11, "diversity": 12, "intercultural-communication": 13}


def seed_oer_course(state):
    """Create course 2 (QSER-OER) with three graded SCORM activities."""
    state.add_course(id=COURSE, shortname="QSER-OER", fullname="QSER OER", idnumber="QSER-OER")
    for n, cmid in enumerate(ACTIVITIES.values(), start=1):
        state.add_module(cmid=cmid, courseid=COURSE, modname="scorm", instance=n,
                         name=f"OER module {n}", tracking=2, grademax=100)
    return state


def settings_for(fake, **overrides):
    """Return MoodleSettings for the fake Moodle (batch size 50, concurrency 2, timeout 5 s)."""
    options = {"activities": dict(ACTIVITIES), "batch_size": 50, "concurrency": 2, "timeout": 5,
               **overrides}
    return MoodleSettings(url=fake.url, token=fake.token, courses=("QSER-OER",), **options)


def client_for(fake, settings, attempts=2):
    """Return a client for the fake Moodle that does not sleep between retries."""
    return MoodleClient(fake.url, fake.token, timeout=settings.timeout,
                        retry=RetryPolicy(attempts=attempts, sleep=lambda s: None),
                        concurrency=settings.concurrency, batch_size=settings.batch_size)


def moodle_user(fake, person):
    """Return the fake's account for a person (by idnumber), or None."""
    ids = fake.state.find("idnumber", person.idnumber)
    return fake.state.users[min(ids)] if ids else None
