"""Reuse the workspace factories (tandems, login) for agreement tests."""
from tests.bridge.mentoring.conftest import login, make_tandem, tandem  # noqa: F401
