"""Drive gunicorn on PostgreSQL with a generated programme; print req/s, p50/p95/p99 and SQL queries per page.

Needs PostgreSQL (QSER_BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres: a
scratch database is created there and dropped afterwards). QSER_BENCH_PEOPLE (10000), QSER_BENCH_SECONDS
(3 per page and concurrency, after QSER_BENCH_WARMUP = 1 s of unmeasured load per page) and QSER_BENCH_WORKERS
(4) tune it. QSER_BENCH_PAGES (comma-separated parts of
page paths, e.g. "/mentors/,/people/") limits the run to those pages; QSER_BENCH_KEEP=NAME keeps the generated
database under that name and reuses it in the next run (for measuring a change against the same data).
The set-up is the production one of docs/operations.md: gunicorn, PostgreSQL and, when it answers, Redis
(QSER_BENCH_REDIS_URL, default redis://127.0.0.1:6379/15; set it empty to run without). The load comes from wrk (a C
client that takes little of the cores the server shares; Debian package wrk), else from Python threads.
Goals (issue 15): every page reaches 50% of /login's throughput, p95 < 150 ms at 8 clients, and queries per page
do not grow with people.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
import sqlalchemy as sa
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASE_URL = os.environ.get("QSER_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PEOPLE = int(os.environ.get("QSER_BENCH_PEOPLE", 10_000))
SECONDS = float(os.environ.get("QSER_BENCH_SECONDS", 3))
WARMUP = float(os.environ.get("QSER_BENCH_WARMUP", 1))
WORKERS = int(os.environ.get("QSER_BENCH_WORKERS", 4))
PORT = int(os.environ.get("QSER_BENCH_PORT", 8765))
ONLY = [part for part in os.environ.get("QSER_BENCH_PAGES", "").split(",") if part]
KEEP = os.environ.get("QSER_BENCH_KEEP", "")
SECRET = "bench-secret-key"


def _engine_url(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql+psycopg")
    return (parsed.set(database=database) if database else parsed).render_as_string(hide_password=False)


def _admin(statement: str) -> None:
    engine = sa.create_engine(_engine_url(BASE_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(statement))
    engine.dispose()


def create_database() -> str | None:
    """Create the scratch database (or reuse the kept one, QSER_BENCH_KEEP); return its name, or None after saying
    why when PostgreSQL does not answer."""
    name = KEEP or f"qser_bench_{uuid.uuid4().hex[:8]}"
    try:
        _admin(f'CREATE DATABASE "{name}"')
    except sa.exc.ProgrammingError:
        if not KEEP:
            raise  # a kept database already exists; a fresh one must not
    except sa.exc.OperationalError as exc:
        print(f"skipped: PostgreSQL not reachable at {BASE_URL} ({exc.__class__.__name__})")
        return None
    return name


def drop_database(name: str) -> None:
    """Drop the scratch database (a kept one stays)."""
    if not KEEP:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _prepare(url: str, instance: str) -> tuple[dict, dict]:
    """Migrate, generate the programme; return the logins, the pages per role and their query counts."""
    from flask_migrate import upgrade

    from bridge import create_app
    from bridge.extensions import db
    from bridge.modules.accounts.operations import set_password
    from bridge.demo import organisation as demo
    from bridge.modules.pairing.models import Pair
    from bridge.modules.people.models import Person

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "INSTANCE_PATH": instance})
    with app.app_context():
        upgrade()
        if db.session.scalar(db.select(db.func.count(Person.id))) < PEOPLE:
            started = time.perf_counter()
            demo.load_scaled(PEOPLE)
            print(f"generated {PEOPLE} people in {time.perf_counter() - started:.0f} s")
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("ANALYZE"))  # what autovacuum does soon after a bulk load: plans use real counts
        pair = db.session.scalars(db.select(Pair).where(Pair.state == "active").limit(1)).one()
        coordinator = db.session.scalars(db.select(Person).where(Person.email == f"scale-0@{demo.DOMAIN}")).one()
        logins = {"coordinator": coordinator.email, "mentor": pair.mentor.email}
        for email in logins.values():
            set_password(db.session.scalars(db.select(Person).where(Person.email == email)).one(), "bench-password")
        db.session.commit()
        pages = {"coordinator": ["/", "/people/?q=M%C3%BCller", "/pairing/pairs", "/evaluations/dashboard",
                                 "/mentors/", "/evaluations/"],
                 "mentor": [f"/pairs/{pair.id}/", "/evaluations/", "/mentors/"]}
        if ONLY:
            pages = {role: [url for url in urls if any(part in url for part in ONLY)] for role, urls in pages.items()}
        ids = {role: db.session.scalars(db.select(Person).where(Person.email == email)).one().account.get_id()
               for role, email in logins.items()}
        engine = db.engine
    queries = {(role, page): _count_queries(app, engine, ids[role], page) for role, urls in pages.items()
               for page in urls}
    engine.dispose()
    return logins, pages, queries


def _count_queries(app, engine, session_id: str, page: str) -> int:
    """Return the SQL queries of one request (each request in its own app context, as in production)."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = session_id, True
    client.get(page)  # first use may create reference data
    count = [0]

    def counter(*_args):
        count[0] += 1

    sa.event.listen(engine, "before_cursor_execute", counter)
    try:
        status = client.get(page).status_code
    finally:
        sa.event.remove(engine, "before_cursor_execute", counter)
    return count[0] if status == 200 else -status


def _login(email: str) -> dict:
    http = requests.Session()
    page = http.get(f"http://127.0.0.1:{PORT}/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    done = http.post(f"http://127.0.0.1:{PORT}/login", data={"csrf_token": token, "email": email,
                                                             "password": "bench-password"})
    assert done.ok and "session" in http.cookies, f"login failed for {email}"
    return http.cookies.get_dict()


def _drive(url: str, cookies: dict, clients: int, seconds: float = SECONDS) -> tuple[float, list[float], int]:
    """Request url from `clients` threads for some seconds; return (req/s, latencies in ms, errors)."""
    latencies, errors, stop = [], [0], time.perf_counter() + seconds

    def client():
        http = requests.Session()
        http.cookies.update(cookies)
        while time.perf_counter() < stop:
            started = time.perf_counter()
            ok = http.get(url, allow_redirects=False).status_code == 200
            latencies.append((time.perf_counter() - started) * 1000)
            errors[0] += not ok

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies) / (time.perf_counter() - began), latencies, errors[0]


WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local b = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  io.write(string.format("QSER %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), b))
end
"""


def _drive_wrk(url: str, cookies: dict, clients: int, script: str) -> tuple[float, tuple[float, float, float], int]:
    """Drive url with wrk (a C load generator: the client takes little of the 2 cores the server shares)."""
    header = "; ".join(f"{name}={value}" for name, value in cookies.items())
    command = ["wrk", "-t", "2", "-c", str(clients), "-d", f"{SECONDS:.0f}s", "--timeout", "30s", "-s", script, url]
    if header:
        command[1:1] = ["-H", f"Cookie: {header}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    requests_done, duration, p50, p95, p99, errors = map(int, re.search(r"QSER (.+)", out).group(1).split())
    return requests_done / (duration / 1e6), (p50 / 1000, p95 / 1000, p99 / 1000), errors


def _pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else (values or [0])[0]


def _redis_url() -> str | None:
    """Return the Redis of the production set-up (QSER_BENCH_REDIS_URL, default 127.0.0.1:6379) if it answers."""
    if os.environ.get("QSER_BENCH_REDIS_URL") == "":
        return None  # asked to run without Redis (the embedded default: per-process figures, jobs inline)
    url = os.environ.get("QSER_BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        from redis import Redis

        Redis.from_url(url, socket_connect_timeout=1).ping()
        return url
    except Exception:  # noqa: BLE001 - any failure means: no Redis here
        return None


def _forget_figures(redis_url: str | None) -> None:
    """Drop the figures the preparation computed, so the run pays for computing them (a cold start)."""
    if redis_url:
        from redis import Redis

        conn = Redis.from_url(redis_url)
        for key in conn.scan_iter("qser:figures:*"):
            conn.delete(key)


def _serve(url: str, instance: str, redis_url: str | None) -> subprocess.Popen:
    env = dict(os.environ, QSER_DATABASE_URL=url, QSER_SECRET_KEY=SECRET, QSER_INSTANCE_PATH=instance,
               QSER_LOG_LEVEL="WARNING", QSER_LOGIN_RATE_LIMIT="1000 per minute")
    if redis_url:
        env["QSER_REDIS_URL"] = redis_url
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy/gunicorn.conf.py"),
                               "--workers", str(WORKERS), "--bind", f"127.0.0.1:{PORT}",
                               "--access-logfile", "/dev/null", "bridge:create_app()"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=open(Path(instance) / "gunicorn.log", "w"))
    answer = None
    for _ in range(150):
        if server.poll() is not None:
            break
        try:
            answer = requests.get(f"http://127.0.0.1:{PORT}/health", timeout=10)
            if answer.ok:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.2)
    server.terminate()
    print((Path(instance) / "gunicorn.log").read_text()[-3000:])
    raise RuntimeError(f"gunicorn did not start: {answer.text if answer is not None else 'no answer'}")


def main() -> None:
    """Run the benchmark and print one line per page and concurrency."""
    name = create_database()
    if name is None:
        return
    url = _engine_url(BASE_URL, name)
    server = None
    try:
        with tempfile.TemporaryDirectory() as instance:
            logins, pages, queries = _prepare(url, instance)
            redis_url = _redis_url()
            _forget_figures(redis_url)
            server = _serve(url, instance, redis_url)
            cookies = {role: _login(email) for role, email in logins.items()}
            use_wrk = shutil.which("wrk") is not None and not os.environ.get("QSER_BENCH_PYTHON_CLIENT")
            print(f"gunicorn {WORKERS} workers, PostgreSQL, " + (f"Redis ({redis_url})" if redis_url else "no Redis")
                  + f", {PEOPLE} people, {SECONDS:.0f} s per page and concurrency, load from "
                  + ("wrk" if use_wrk else "Python threads (install wrk for a lighter client)"))
            print(f"{'page':34} {'role':11} {'clients':>7} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} "
                  f"{'errors':>6} {'queries':>7}")
            targets = [("anonymous", "/login", None)] + [(role, page, cookies[role])
                                                         for role, urls in pages.items() for page in urls]
            script = Path(instance) / "report.lua"
            script.write_text(WRK_SCRIPT)
            cold = {}
            # Warm-up, not measured: each worker's first requests compile templates and open connections, and
            # the kept figures are computed (a cold start, timed here once per page).
            for role, page, jar in targets:
                started = time.perf_counter()
                requests.get(f"http://127.0.0.1:{PORT}{page}", cookies=jar or {}, allow_redirects=False)
                cold[page, role] = (time.perf_counter() - started) * 1000
                _drive(f"http://127.0.0.1:{PORT}{page}", jar or {}, 4, seconds=WARMUP)
            for clients in (8, 32):
                # /login is measured before and after the other pages: the goal is a share of its throughput in the
                # same run, and a shared virtual machine's speed drifts by a fifth within minutes; the share is taken
                # of the two measurements' mean, and their difference is printed as the run's drift.
                login_rates, shares = [], []
                for role, page, jar in targets + [targets[0]]:
                    target = f"http://127.0.0.1:{PORT}{page}"
                    if use_wrk:
                        rate, (p50, p95, p99), errors = _drive_wrk(target, jar or {}, clients, str(script))
                    else:
                        rate, lat, errors = _drive(target, jar or {}, clients)
                        p50, p95, p99 = _pct(lat, 50), _pct(lat, 95), _pct(lat, 99)
                    if jar is None:
                        login_rates.append(rate)
                    else:
                        shares.append((page, role, rate))
                    print(f"{page:34} {role:11} {clients:7} {rate:7.1f} {p50:6.0f}ms {p95:6.0f}ms "
                          f"{p99:6.0f}ms {errors:6} {queries.get((role, page), ''):>7}", flush=True)
                login = statistics.mean(login_rates)
                print(f"share of /login at {clients} clients (mean of {login_rates[0]:.0f} and {login_rates[1]:.0f} "
                      f"req/s, drift {abs(login_rates[1] - login_rates[0]) / login * 100:.0f} %): "
                      + ", ".join(f"{page} ({role}) {rate / login * 100:.0f} %" for page, role, rate in shares))
            print("first request of each page after the start (cold: templates, connections, kept figures): "
                  + ", ".join(f"{page} {ms:.0f} ms" for (page, _role), ms in cold.items()))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
        drop_database(name)


if __name__ == "__main__":
    main()
