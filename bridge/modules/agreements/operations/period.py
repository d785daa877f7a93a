"""The agreed period of a tandem: from the signed agreement's start for its planned number of months."""
from datetime import date

from flask import current_app

from bridge.core.dates import add_months
from bridge.core.db import db
from bridge.modules.agreements.models import Agreement
from bridge.modules.pairing.models import Pair
from bridge.modules.pairing.operations.lifecycle import pair_fact


def planned_period(pair: Pair) -> tuple[date, int | None] | None:
    """Return (start, planned months) of the version in force (months None if unknown), or None while unsigned."""
    agreement = db.session.scalar(db.select(Agreement).where(Agreement.pair_id == pair.id))
    version = agreement.signed_version if agreement is not None else None
    if version is None:
        return None
    start = version.start_on or agreement.signed_at.date()
    return start, version.duration_months


@pair_fact("planned_end")
def planned_end(pair: Pair) -> date | None:
    """Return the day the agreed duration is reached, or None while none is agreed."""
    period = planned_period(pair)
    return add_months(*period) if period and period[1] else None


def evaluation_period(pair: Pair) -> tuple[date | None, int]:
    """Return (start, months) for evaluation due dates: the agreed period, else the pair's start and the default."""
    period = planned_period(pair)
    default = current_app.config["EVALUATION_DURATION_MONTHS"]
    if period is not None:
        return period[0], period[1] or default
    return (pair.started_at.date() if pair.started_at else None), default
