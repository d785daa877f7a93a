"""Fixtures for the fake Moodle's own tests."""
from tests.fake_moodle.fixture import fake_moodle  # noqa: F401
