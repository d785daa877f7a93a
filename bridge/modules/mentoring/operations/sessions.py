"""Session reports: logged by one member, confirmed and rated by the other."""
from datetime import date

from bridge.core import audit
from bridge.core.competences import competence_keys
from bridge.core.db import claim, db, utcnow
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.core.permissions import require
from bridge.modules.pairing.util import require_member, require_open
from bridge.modules.mentoring.models import MentoringSession, SessionMode
from bridge.modules.pairing.operations import pairs as pairing
from bridge.modules.pairing.models import Pair, PairState

TEXT_FIELDS = ("topics", "notes", "next_steps")
MAX_TEXT = 4000


def pair_sessions(pair: Pair) -> list[MentoringSession]:
    """Return the tandem's sessions, latest meeting first."""
    return db.session.scalars(db.select(MentoringSession).where(MentoringSession.pair_id == pair.id)
                              .order_by(MentoringSession.held_on.desc(), MentoringSession.id.desc())).all()


def _check_rating(value, field: str, required: bool) -> int | None:
    if value in (None, ""):
        if required:
            raise ValidationFailed(N_("Please choose a rating from 1 to 4."), field=field)
        return None
    if str(value) not in {"1", "2", "3", "4"}:
        raise ValidationFailed(N_("Please choose a rating from 1 to 4."), field=field)
    return int(value)


def _clean(data: dict, today: date) -> dict:
    held_on = data.get("held_on")
    if not isinstance(held_on, date) or held_on > today:
        raise ValidationFailed(N_("Please give the date of the meeting (not in the future)."), field="held_on")
    duration = data.get("duration_minutes")
    if not isinstance(duration, int) or not 5 <= duration <= 600:
        raise ValidationFailed(N_("Please give the duration in minutes (5 to 600)."), field="duration_minutes")
    if data.get("mode") not in {m.value for m in SessionMode}:
        raise ValidationFailed(N_("Please choose how you met."), field="mode")
    unknown = set(data.get("competences") or []) - set(competence_keys())
    if unknown:
        raise ValidationFailed(N_("Unknown competence."), field="competences")
    cleaned = {"held_on": held_on, "duration_minutes": duration, "mode": data["mode"],
               "competences": [k for k in competence_keys() if k in set(data.get("competences") or [])],
               "author_rating": _check_rating(data.get("rating"), "rating", required=False)}
    for field in TEXT_FIELDS:
        cleaned[field] = (data.get(field) or "").strip()
        if len(cleaned[field]) > MAX_TEXT:
            raise ValidationFailed(N_("Please keep this under %(n)s characters."), field=field, n=MAX_TEXT)
    if not cleaned["topics"]:
        raise ValidationFailed(N_("Please say which topics you worked on."), field="topics")
    return cleaned


def log_session(actor, pair: Pair, data: dict) -> MentoringSession:
    """Record a meeting of the tandem."""
    require_member(actor, pair)
    require_open(pair)
    session = MentoringSession(pair_id=pair.id, author_id=actor.id, **_clean(data, utcnow().date()))
    db.session.add(session)
    db.session.flush()
    audit.record(actor, "session.logged", session, str(session.held_on), day=session.held_on.isoformat(),
                 pair=pair.id)
    return session


def confirm_session(actor, pair: Pair, session: MentoringSession, rating, comment: str) -> MentoringSession:
    """Confirm the partner's report with a rating (1-4) and comment; the first confirmation activates the tandem."""
    require_member(actor, pair)
    require_open(pair)
    require(actor, "confirm", session, N_("The other member of the tandem confirms a report, not its author."))
    if session.confirmed_at is not None:
        raise Conflict(N_("This report is already confirmed."))
    comment = (comment or "").strip()
    if len(comment) > 1000:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field="comment", n=1000)
    rating = _check_rating(rating, "rating", required=True)
    if not claim(MentoringSession, session.id, MentoringSession.confirmed_at.is_(None), confirmed_at=utcnow()):
        raise Conflict(N_("This report is already confirmed."))  # a parallel request confirmed it first
    session.partner_rating = rating
    session.partner_comment, session.confirmed_by_id, session.confirmed_at = comment, actor.id, utcnow()
    if pair.state == PairState.AGREED.value:
        pairing.transition(pair, PairState.ACTIVE, actor, event="session.first_confirmed")
    db.session.flush()
    audit.record(actor, "session.confirmed", session, str(session.held_on), day=session.held_on.isoformat(),
                 pair=pair.id)
    return session
