"""Fixtures for the sync tests: the fake Moodle and a client bound to it."""
import pytest

from sync.client import MoodleClient
from sync.retry import RetryPolicy
from tests.fake_moodle.fixture import fake_moodle  # noqa: F401


class SleepRecorder:
    """A sleep function that records the delays instead of waiting."""

    def __init__(self):
        self.delays = []

    def __call__(self, seconds):
        self.delays.append(seconds)


@pytest.fixture
def sleeps():
    """Return a recorder of retry delays."""
    return SleepRecorder()


@pytest.fixture
def moodle(fake_moodle, sleeps):
    """Return a MoodleClient for the fake Moodle whose retries do not really sleep."""
    client = MoodleClient(fake_moodle.url, fake_moodle.token, timeout=2,
                          retry=RetryPolicy(attempts=3, sleep=sleeps), concurrency=2, batch_size=3)
    yield client
    client.close()


@pytest.fixture
def oer(fake_moodle):
    """Return the fake Moodle with the OER course seeded."""
    from tests.sync.helpers import seed_oer_course

    seed_oer_course(fake_moodle.state)
    return fake_moodle


@pytest.fixture
def sync_run(app, oer):
    """Return a function running a sync kind against the fake Moodle and returning the SyncRun."""
    from sync.jobs import run_sync
    from tests.sync.helpers import client_for, settings_for

    def run(kind="nightly", **options):
        """Run one sync kind with test settings (override them with settings={...})."""
        settings = settings_for(oer, **options.pop("settings", {}))
        with client_for(oer, settings) as client:
            return run_sync(kind, client=client, settings=settings, **options)

    return run
