"""Every page at 10,000 people: CPU time and SQL queries of each GET page, per role, in one process.

bench_web.py measures the main pages under load; this one walks every page a coordinator, a mentor and a mentee can
open (each GET route without arguments, and the routes whose arguments are a person, a tandem, a matching run, a
cycle, a question, a good practice, a workshop, a scenario, an application, a job-shadowing activity, a proposal, an
evaluation or a help page, filled with real ids) and prints its CPU milliseconds per request (median of QSER_BENCH_REPEAT = 5, after one
unmeasured request) and its SQL queries, slowest first. A page that loads the whole programme shows up at the top:
goal, no page above 100 ms of CPU at 10,000 people.
Needs PostgreSQL like bench_web.py (QSER_BENCH_DATABASE_URL; QSER_BENCH_PEOPLE; QSER_BENCH_KEEP=NAME keeps and reuses
the generated database, the same one bench_web.py keeps under that name).
"""
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_web import BASE_URL, PEOPLE, SECRET, _engine_url, _prepare, create_database, drop_database  # noqa: E402,E501

REPEAT = int(os.environ.get("QSER_BENCH_REPEAT", 5))
GOAL_MS = 100
SKIP_SUFFIXES = (".xlsx", ".csv", ".pdf", ".zip", ".json", ".xml")  # downloads: measured by their own benchmarks


def _ids(db) -> dict:
    """Return real ids for the route arguments the walk fills in, and the session ids of a mentor and a mentee."""
    from bridge.modules.accounts.operations import set_password
    from bridge.modules.community.models import GoodPractice, Question, Scenario, Workshop
    from bridge.modules.cycles.models import Cycle
    from bridge.modules.evaluation.models import EvaluationResponse
    from bridge.modules.externals.models import ExternalApplication
    from bridge.modules.pairing.models import MatchProposal, MatchRun, Pair
    from bridge.modules.shadowing.models import JobShadowingActivity

    pair = db.session.scalars(db.select(Pair).where(Pair.state == "active").order_by(Pair.id).limit(1)).one()
    session_id = lambda person: person.account.get_id() if person.account else None  # noqa: E731
    mentee = pair.mentee
    if mentee.account is None:  # the generated mentees have no login yet: give the tandem's mentee one
        set_password(mentee, "bench-password")
        db.session.commit()
    newest = lambda model: db.session.scalar(db.select(db.func.max(model.id)))  # noqa: E731
    return {"person_id": pair.mentor_id, "pair_id": pair.id, "run_id": newest(MatchRun), "cycle_id": newest(Cycle),
            "question_id": newest(Question), "practice_id": newest(GoodPractice), "workshop_id": newest(Workshop),
            "scenario_id": newest(Scenario), "application_id": newest(ExternalApplication),
            "activity_id": newest(JobShadowingActivity), "proposal_id": newest(MatchProposal),
            "response_id": newest(EvaluationResponse), "slug": "getting-started",
            "_mentor": session_id(pair.mentor), "_mentee": session_id(mentee)}


def _urls(app, ids: dict) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(("/static", "/lti/")) or rule.rule.endswith(SKIP_SUFFIXES):
            continue
        if rule.arguments - ids.keys() or any(ids[name] is None for name in rule.arguments):
            continue
        with app.test_request_context():
            urls.append(app.url_for(rule.endpoint, **{name: ids[name] for name in rule.arguments}))
    return sorted(set(urls))


def _walk(app, engine, session_id: str | None, urls: list[str]) -> list[tuple[float, int, int, str]]:
    """Return (CPU ms, queries, status, url) per page for one reader."""
    client = app.test_client()
    if session_id:
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = session_id, True
    count = [0]

    def counter(*_args):
        count[0] += 1

    rows = []
    sa.event.listen(engine, "before_cursor_execute", counter)
    try:
        for url in urls:
            client.get(url)  # first use: templates compiled, reference data created
            times = []
            for _ in range(REPEAT):
                count[0] = 0
                started = time.process_time()
                status = client.get(url).status_code
                times.append((time.process_time() - started) * 1000)
            rows.append((statistics.median(times), count[0], status, url))
    finally:
        sa.event.remove(engine, "before_cursor_execute", counter)
    return rows


def main() -> None:
    """Generate (or reuse) the programme and print every page's cost per role."""
    name = create_database()
    if name is None:
        return
    url = _engine_url(BASE_URL, name)
    try:
        with tempfile.TemporaryDirectory() as instance:
            _prepare(url, instance)
            from bridge import create_app
            from bridge.extensions import db

            app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "INSTANCE_PATH": instance,
                              "FIGURE_CACHE_SECONDS": 60, "LOG_LEVEL": "WARNING"})
            with app.app_context():
                ids = _ids(db)
                engine = db.engine
            readers = {"anonymous": None, "coordinator": _session_id(app, "scale-0@lindenau.example"),
                       "mentor": ids["_mentor"], "mentee": ids["_mentee"]}
            urls = _urls(app, ids)
            print(f"{PEOPLE} people, PostgreSQL, in one process; CPU ms per request (median of {REPEAT}) and SQL "
                  f"queries, slowest first; pages that answer with a redirect or 403 for a role are left out")
            worst = []
            for reader, session_id in readers.items():
                if reader != "anonymous" and session_id is None:
                    continue
                rows = [row for row in _walk(app, engine, session_id, urls) if row[2] == 200]
                rows.sort(reverse=True)
                print(f"== {reader}: {len(rows)} pages, median {statistics.median(r[0] for r in rows):.1f} ms")
                for ms, queries, _status, page in rows[:12]:
                    print(f"  {ms:8.1f} ms {queries:5} queries  {page}")
                worst += [(ms, reader, page) for ms, _q, _s, page in rows if ms > GOAL_MS]
            print(f"goal: no page above {GOAL_MS} ms of CPU at {PEOPLE} people: "
                  + ("met" if not worst else "NOT met: " + ", ".join(f"{page} ({reader}) {ms:.0f} ms"
                                                                     for ms, reader, page in sorted(worst,
                                                                                                    reverse=True))))
            engine.dispose()
    finally:
        drop_database(name)


def _session_id(app, email: str) -> str:
    from bridge.extensions import db
    from bridge.modules.people.models import Person

    with app.app_context():
        return db.session.scalars(db.select(Person).where(Person.email == email)).one().account.get_id()


if __name__ == "__main__":
    main()
