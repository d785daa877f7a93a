"""The `fake_moodle` pytest fixture (imported by the conftest files that need it)."""
import pytest

from tests.fake_moodle.server import FakeMoodle


@pytest.fixture
def fake_moodle():
    """Yield a running FakeMoodle on loopback; stopped after the test."""
    fake = FakeMoodle().start()
    yield fake
    fake.stop()
