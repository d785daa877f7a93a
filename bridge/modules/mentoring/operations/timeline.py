"""The tandem's timeline: sessions, documents, agreement versions, signatures and state changes."""
from dataclasses import dataclass
from datetime import datetime, time, timezone

from bridge.core.errors import N_
from bridge.modules.mentoring.operations.documents import pair_documents
from bridge.modules.mentoring.operations.sessions import pair_sessions
from bridge.modules.pairing.models import Pair


@dataclass(frozen=True)
class Entry:
    """One event on the timeline: when, what (a msgid with parameters) and who."""

    when: datetime
    kind: str
    msgid: str
    params: dict
    actor: object = None


def _agreement_entries(agreement) -> list[Entry]:
    if agreement is None:
        return []
    entries = []
    for version in agreement.versions:
        entries.append(Entry(version.created_at, "agreement", N_("Agreement version %(n)s saved"),
                             {"n": version.number}, version.author))
        entries += [Entry(s.signed_at, "signature", N_("Agreement version %(n)s signed by %(name)s"),
                          {"n": version.number, "name": s.typed_name}, s.person) for s in version.signatures]
    entries += [Entry(scan.confirmed_at, "signature", N_("Signed scan of version %(n)s confirmed"),
                      {"n": scan.version.number}, scan.confirmed_by) for scan in agreement.scans if scan.confirmed_at]
    return entries


def build_timeline(pair: Pair, agreement) -> list[Entry]:
    """Return the tandem's events, newest first, with those of its agreement (None if none was drafted yet; the
    workspace shows the agreement too and reads it once)."""
    entries = [Entry(t.created_at, "state", N_("State changed to: %(state)s"),
                     {"state": t.to_state, "event": t.event_text}, t.actor) for t in pair.transitions]
    entries += [Entry(datetime.combine(s.held_on, time(12), timezone.utc), "session",
                      N_("Session of %(minutes)s minutes"), {"minutes": s.duration_minutes}, s.author)
                for s in pair_sessions(pair)]
    entries += [Entry(d.created_at, "document", N_("Document uploaded: %(name)s"), {"name": d.original_name},
                      d.owner) for d in pair_documents(pair)]
    entries += _agreement_entries(agreement)
    return sorted(entries, key=lambda e: e.when, reverse=True)
