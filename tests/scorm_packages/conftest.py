"""Fixtures for the packaging tests: the small fixture module and editable copies of it."""
import shutil

import pytest

from scorm_packages import load_modules

from .helpers import FIXTURE_OER


@pytest.fixture(scope="session")
def fixture_module():
    """Return the fixture module (English and German), loaded from tests/scorm_packages/data."""
    (module,) = load_modules(FIXTURE_OER)
    return module


@pytest.fixture
def oer_copy(tmp_path):
    """Return a writable copy of the fixture content root for tests that break it."""
    target = tmp_path / "oer"
    shutil.copytree(FIXTURE_OER, target)
    return target
