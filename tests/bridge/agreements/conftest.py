"""Reuse the workspace factories (tandems, login) for agreement tests; a signable agreement."""
from datetime import date

from bridge.modules.agreements.operations import agreement as ops
from bridge.modules.agreements.util import SECTIONS
from tests.bridge.mentoring.conftest import login, make_tandem, tandem  # noqa: F401

TERMS = {"start_on": date(2026, 1, 15), "duration_months": 6, "meeting_rhythm": "every three weeks"}


def start_ready(pair, language: str = "en", **terms):
    """Start the tandem's agreement and save version 2 with every section and term filled in (signable)."""
    agreement = ops.start_agreement(pair.mentee, pair, language)
    ops.save_version(pair.mentee, agreement, {key: f"{key} text" for key in SECTIONS} | TERMS | terms)
    return agreement
