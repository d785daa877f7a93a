"""The agreed period of a tandem: from the signed agreement's start for its planned number of months."""
from datetime import date

from flask import current_app

from bridge.core.dates import add_months
from bridge.core.db import db
from bridge.modules.agreements.models import Agreement
from bridge.modules.pairing.models import Pair
from bridge.modules.pairing.operations.lifecycle import pair_fact


def planned_period(pair: Pair) -> tuple[date, int] | None:
    """Return (start, months) of the agreement in force, or None while none is signed."""
    agreement = db.session.scalar(db.select(Agreement).where(Agreement.pair_id == pair.id))
    if agreement is None or agreement.signed_at is None:
        return None
    return agreement.signed_at.date(), current_app.config["EVALUATION_DURATION_MONTHS"]


@pair_fact("planned_end")
def planned_end(pair: Pair) -> date | None:
    """Return the day the agreed duration is reached, or None while none is agreed."""
    period = planned_period(pair)
    return add_months(period[0], period[1]) if period else None
