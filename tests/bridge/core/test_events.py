"""System events are codes with parameters, rendered in the reader's language (issue 16).

- every code the source records is in the event catalogue, and every catalogue sentence is translated;
- German pages that show events (audit log, a tandem's history, the workspace timeline) show no English sentence of
  the catalogue, English pages no German one;
- old rows (a parameter missing, a code unknown) still render.
"""
import re
from datetime import date
from pathlib import Path

import pytest
from flask_babel import force_locale

from bridge.core import events
from bridge.core.audit import AuditEvent
from bridge.modules.mentoring.operations import sessions
from bridge.modules.pairing.models import Pair, PairTransition

ROOT = Path(__file__).resolve().parents[3]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
RECORDED = re.compile(r"""audit\.record\(\s*[^,]+,\s*f?["']([a-z_{}]+\.[a-z_{}.]+)["']|event=f?["']([a-z_{}]+\.[a-z_{}.]+)["']""")


def _params(sentence: str) -> dict:
    """Sample parameters for every placeholder of a sentence (codes where the value is a code)."""
    samples = {"from_state": "agreed", "to_state": "active", "state": "active", "language": "de",
               "day": "2026-03-04", "version": 4, "run": 12, "count": 3, "days": 180}
    return {name: samples.get(name, "Ada Lovelace") for name in PLACEHOLDER.findall(sentence)}


def _recorded_codes() -> set[str]:
    codes = set()
    for path in [*ROOT.joinpath("bridge").rglob("*.py"), *ROOT.joinpath("sync").rglob("*.py")]:
        for match in RECORDED.finditer(path.read_text(encoding="utf-8")):
            codes.add(match.group(1) or match.group(2))
    return codes


def test_every_recorded_code_is_in_the_catalogue():
    codes = _recorded_codes()
    assert len(codes) > 50  # the scan finds the recording calls
    for code in codes:
        if "{" in code:  # an f-string: its expansions are in the catalogue
            pattern = re.compile(re.sub(r"\\\{[^}]*\\\}", "[a-z_]+", re.escape(code)) + "$")
            assert any(pattern.match(known) for known in events.EVENTS), code
        else:
            assert code in events.EVENTS, f"{code} is recorded but has no sentence in bridge/core/events.py"


def test_every_catalogue_entry_renders_in_german_and_english(app):
    with app.test_request_context():
        for code, sentence in events.EVENTS.items():
            params = {**_params(sentence), "subject": "Ada Lovelace"}
            with force_locale("en"):
                english = events.render(code, params)
            with force_locale("de"):
                german = events.render(code, params)
            assert english != german, f"{code} is not translated"
            assert "%(" not in german and events.MISSING not in german, code
            if "from_state" in sentence:  # coded parameters are translated too
                assert "aktiv" in german and "active" not in german
            if "day" in PLACEHOLDER.findall(sentence):
                assert "04.03.2026" in german and "Mar 4, 2026" in english


def test_old_rows_and_unknown_codes_still_render(app):
    with app.test_request_context(), force_locale("de"):
        assert events.render("agreement.signed", {"subject": "v3"}) == "Version … der Vereinbarung unterschrieben"
        assert events.render("future.thing_done", {"subject": "X"}) == "future: thing done (X)"
        assert events.render("pair.transition", {"from_state": "odd", "to_state": "active"}).count("aktiv") == 1


def _english_sentences() -> list[str]:
    """The fixed part of every English catalogue sentence (the text between placeholders, long enough to matter)."""
    parts = []
    for sentence in events.EVENTS.values():
        parts += [part.strip(" “”:()") for part in PLACEHOLDER.split(sentence)[::2]]
    return sorted({part for part in parts if len(part) >= 12})


@pytest.fixture
def eventful(db, make_person):
    """A tandem that went through signing and its first confirmed session, and one audit event of every code."""
    mentor = make_person(roles=["mentor"], first_name="Mara", last_name="Mentor")
    mentee = make_person(roles=["mentee"], first_name="Emil", last_name="Mentee")
    pair = Pair(mentor_id=mentor.id, mentee_id=mentee.id, state="agreed", source="manual")
    pair.transitions.append(PairTransition(from_state=None, to_state="proposed"))
    pair.transitions.append(PairTransition(from_state="introduced", to_state="agreed", event="agreement.signed",
                                           event_params={"version": 4}))
    db.session.add(pair)
    db.session.flush()
    session = sessions.log_session(mentor, pair, {"held_on": date(2026, 1, 5),
                                                  "duration_minutes": 60, "mode": "online", "competences": [],
                                                  "topics": "First steps", "notes": "", "next_steps": "", "rating": "3"})
    sessions.confirm_session(mentee, pair, session, "4", "")  # the real path: the tandem becomes active
    for code, sentence in events.EVENTS.items():
        db.session.add(AuditEvent(action=code, object_type="Pair", object_id=str(pair.id), summary="Ada Lovelace",
                                  details=_params(sentence)))
    db.session.commit()
    assert pair.state == "active" and pair.transitions[-1].event == "session.first_confirmed"
    return pair


def _german(client):
    with client.session_transaction() as session:
        session["locale"] = "de"


def _pages(client, pair) -> str:
    pages = [client.get(f"/admin/audit?page={n}") for n in (1, 2, 3)]
    pages += [client.get(f"/pairing/pairs/{pair.id}"), client.get(f"/pairs/{pair.id}/")]
    assert all(page.status_code == 200 for page in pages)
    return "\n".join(page.text for page in pages)


def test_german_pages_show_no_english_event_text(client, login_as, eventful):
    login_as("coordinator")
    _german(client)
    text = _pages(client, eventful)
    assert "Erste Sitzung bestätigt" in text and "Version 4 der Vereinbarung unterschrieben" in text
    assert "Status des Tandems von „Vereinbarung unterschrieben“ zu „aktiv“ geändert" in text
    english = [part for part in _english_sentences() if part in text]
    assert english == [], f"English event text on a German page: {english}"
    assert "First session confirmed" not in text and "Agreement version 4 signed" not in text


def test_english_pages_show_the_english_sentences(client, login_as, eventful):
    login_as("coordinator")
    text = _pages(client, eventful)
    assert "First session confirmed" in text and "Agreement version 4 signed" in text
    assert "Tandem state changed from “agreement signed” to “active”" in text
    assert "Erste Sitzung bestätigt" not in text


def test_the_tandems_members_see_the_cause_in_their_language(client, eventful):
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = eventful.mentee.account.get_id(), True
    _german(client)
    page = client.get(f"/pairs/{eventful.id}/").text
    assert "Erste Sitzung bestätigt" in page and "First session confirmed" not in page
