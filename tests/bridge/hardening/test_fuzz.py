"""The form fuzzer: every POST route of the url map, as a coordinator and as a tandem member, with sampled
payload classes in every field. No answer may be a 500, and a refused request (4xx) may write nothing.

Routes are found in the url map, field names on the route's own page (or on every page when the route has
none). Three of the payload classes are drawn per route and role with a fixed seed, so a run takes about a
minute per database and is repeatable; QSER_FUZZ_ALL=1 sends every class.
"""
import os
import random
import re
from datetime import date, timedelta
from io import BytesIO

import pytest

from bridge.modules.agreements.operations.agreement import start_agreement
from bridge.modules.community.models import Answer, Question
from bridge.modules.mentoring.operations.sessions import log_session
from bridge.modules.pairing.models import Pair, PairTransition
from tests.bridge.externals.helpers import PDF, make_application
from tests.bridge.hardening.helpers import build_url, client_for, post_rules, row_counts

pytestmark = pytest.mark.fuzz

PAYLOADS = {
    "nul": "a\x00b@example.org",
    "control": "x\x01\x08\x1b\x7f\x85\u2028y",
    "huge_int": "1" * 30,
    "negative": "-99999999999",
    "overlong": "ü" * 3_000,  # past every length limit; bodies stay under the test client's 500 KB spool
    "impossible_date": "2026-02-30",
    "unicode": "Zoë 🙂 \u202etxt.exe \ufeff ẞ 中文",
    "html": "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "formula": "=HYPERLINK(\"http://evil.example\";\"x\")",
    "empty": "",
}
PER_ROUTE = len(PAYLOADS) if os.environ.get("QSER_FUZZ_ALL") else 3
FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"', re.I)
FILE_FIELD = re.compile(r'<input\b[^>]*type="file"[^>]*\bname="([^"]+)"|<input\b[^>]*\bname="([^"]+)"[^>]*type="file"')
SKIP_FIELDS = {"csrf_token", "next"}


@pytest.fixture
def world(app, db, make_person):
    """Return the people and ids the routes need: a coordinator, an active tandem with records around it."""
    coordinator = make_person(roles=["coordinator"])
    mentor, mentee = make_person(roles=["mentor"]), make_person(roles=["mentee"])
    pair = Pair(mentor_id=mentor.id, mentee_id=mentee.id, state="active", source="manual")
    pair.transitions.append(PairTransition(from_state=None, to_state="active"))
    db.session.add(pair)
    db.session.flush()
    start_agreement(mentee, pair, "en")
    session = log_session(mentor, pair, {"held_on": date.today() - timedelta(days=1), "duration_minutes": 45,
                                         "mode": "online", "topics": "Intake"})
    question = Question(author_id=mentee.id, title="How do I start?", body="Details", lang="en")
    question.answers.append(Answer(author_id=mentor.id, body="Like this", lang="en"))
    db.session.add(question)
    db.session.commit()
    application = make_application(app, db)
    ids = {"person_id": mentee.id, "pair_id": pair.id, "session_id": session.id, "question_id": question.id,
           "answer_id": question.answers[0].id, "application_id": application.id, "token": "not-a-token",
           "decision": "accept", "action": "done", "kind": "pin", "language": "en", "key": "midterm",
           "form_key": "midterm", "position": 0}
    return {"roles": {"coordinator": coordinator, "mentee": mentee}, "ids": ids}


def fields_of(html: str) -> tuple[set, set]:
    """Return the form field names and the file field names of a page."""
    files = {a or b for a, b in FILE_FIELD.findall(html)}
    return set(FIELD.findall(html)) - SKIP_FIELDS - files, files


def page_fields(app, rule, url: str, person) -> tuple[set, set]:
    """Return the fields of the route's own page, when it has one."""
    if "GET" not in rule.methods:
        return set(), set()
    response = client_for(app, person).get(url)
    return fields_of(response.get_data(as_text=True)) if response.status_code == 200 else (set(), set())


def body(fields: set, files: set, payload: str) -> dict:
    """Return a POST body with the payload in every field and a small PDF in every file field."""
    data = {name: payload for name in fields}
    data.update({name: (BytesIO(PDF), f"{payload[:20]}.pdf") for name in files})
    return data


def _changed(before: dict, after: dict, path: str) -> bool:
    """Return whether rows changed, beyond the launch log the LTI endpoints keep of every refused launch."""
    if path.startswith("/lti/"):
        before, after = ({t: n for t, n in counts.items() if t != "lti_launches"} for counts in (before, after))
    return before != after


def test_no_form_answers_500_or_writes_on_refusal(app, db, world):
    everything = set()
    plan = []
    for rule in post_rules(app):
        url = build_url(app, rule, world["ids"])
        for role, person in world["roles"].items():
            fields, files = page_fields(app, rule, url, person)
            everything |= fields
            chosen = random.Random(f"{rule.rule}:{role}").sample(sorted(PAYLOADS), PER_ROUTE)
            plan.append((rule, url, role, fields, files, chosen))
    failures, common = [], set(sorted(everything)[::max(1, len(everything) // 40)])
    for rule, url, role, fields, files, chosen in plan:
        person = world["roles"][role]
        for name in chosen:
            db.session.expire_all()  # the person's session version may have changed (logout, new password)
            before = row_counts(db)
            response = client_for(app, person).post(url, data=body(fields or common, files, PAYLOADS[name]),
                                                    content_type="multipart/form-data")
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {rule.rule} as {role} with {name}")
            elif response.status_code >= 400 and _changed(before, row_counts(db), rule.rule):
                failures.append(f"partial write ({response.status_code}) {rule.rule} as {role} with {name}")
    assert not failures, "\n".join(failures)
