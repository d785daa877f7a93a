"""Benchmark the Moodle sync against the fake Moodle: HTTP requests and wall time vs a naive client.

Runs a full push, a full completion pull and an incremental pull (1% of users active) for
--users enrolled users with --latency seconds per request, and the same work done naively (one
request per user per function, sequential). The naive runs are measured on --naive-sample users
and scaled linearly unless --naive-full is given. Prints figures; asserts nothing.
"""
import argparse
import pathlib
import random
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from bridge import create_app  # noqa: E402
from bridge.core.db import db  # noqa: E402
from bridge.modules.people.models import Person, PersonRole  # noqa: E402
from sync.client import MoodleClient  # noqa: E402
from sync.config import MoodleSettings  # noqa: E402
from sync.jobs import run_sync  # noqa: E402
from tests.fake_moodle.server import FakeMoodle  # noqa: E402
from tests.sync.helpers import ACTIVITIES, COURSE, seed_oer_course  # noqa: E402

T0 = 1795000000


def make_people(count):
    """Insert count people holding the mentee role."""
    people = [Person(first_name=f"First{n}", last_name=f"Last{n}", email=f"learner{n}@example.org",
                     languages=[], idnumber=f"qser-bench-{n:06d}",
                     role_links=[PersonRole(role="mentee")])
              for n in range(count)]
    db.session.add_all(people)
    db.session.commit()


def simulate_learning(state, userids, rng, when):
    """Give users random completions and grades, and a course access in the day before `when`."""
    for uid in userids:
        for cmid in ACTIVITIES.values():
            roll = rng.random()
            if roll < 0.5:
                state.set_completion(cmid, uid, rng.choice((1, 2, 3)), when)
                state.set_grade(cmid, uid, rng.randint(40, 100), when)
            elif roll < 0.7:
                state.set_grade(cmid, uid, rng.randint(0, 39), when)
        state.touch(COURSE, uid, when - rng.randint(0, 86399))


def measure(fake, action):
    """Run action and return (requests, seconds)."""
    fake.reset_counters()
    started = time.perf_counter()
    action()
    return fake.requests, time.perf_counter() - started


def naive_client(fake):
    """Return a client that never batches and makes one call at a time."""
    return MoodleClient(fake.url, fake.token, concurrency=1, batching=False)


def naive_push(fake, people):
    """Push people one request per user per function: lookups, create, enrol."""
    client = naive_client(fake)
    for p in people:
        client.users.get_by_field("idnumber", [p["idnumber"]])
        client.users.get_by_field("email", [p["email"]])
        created = client.users.create([{"username": p["email"], "firstname": "N", "lastname": "N",
                                        "email": p["email"], "idnumber": p["idnumber"],
                                        "createpassword": True}])
        client.call("enrol_manual_enrol_users", {"enrolments": [
            {"roleid": 5, "userid": created[p["email"]], "courseid": COURSE}]})


def naive_pull(fake, userids):
    """Pull completions one request per user per function, sequentially (roster paged as well)."""
    client = naive_client(fake)
    list(client.enrolments.roster(COURSE))
    for uid in userids:
        client.completion.activities(COURSE, uid)
        client.call("gradereport_user_get_grade_items", {"courseid": COURSE, "userid": uid})


def row(name, ours, naive, scale, users):
    """Format one result line."""
    (req, sec), (nreq, nsec) = ours, naive
    nreq, nsec = nreq * scale, nsec * scale
    return (f"{name:<28}{req:>8}{req * 100 / users:>9.2f}{sec:>10.2f}s{nreq:>10.0f}{nsec:>10.1f}s"
            f"{nsec / sec if sec else 0:>9.1f}x")


def main():
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--active", type=float, default=0.01, help="share of users active")
    parser.add_argument("--naive-sample", type=int, default=300)
    parser.add_argument("--naive-full", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print_results(run(args, pathlib.Path(tmp)), args)


def run(args, tmp):
    """Run our jobs and the naive baselines; return the measurements."""
    fake = FakeMoodle(latency=args.latency).start()
    seed_oer_course(fake.state)
    settings = MoodleSettings(url=fake.url, token=fake.token, courses=(str(COURSE),),
                              activities=dict(ACTIVITIES))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite'}",
                      "INSTANCE_PATH": str(tmp / "instance"), "SECRET_KEY": "bench"})
    rng, results = random.Random(7), {}
    with app.app_context():
        db.create_all()
        make_people(args.users)
        results["push"] = measure(fake, lambda: run_sync("users", settings=settings))
        userids = [e.userid for e in fake.state.course_enrolments(COURSE)]
        simulate_learning(fake.state, userids, rng, T0)
        results["full"] = measure(fake, lambda: run_sync("completions", full=True,
                                                         settings=settings))
        active = rng.sample(userids, max(1, int(len(userids) * args.active)))
        simulate_learning(fake.state, active, rng, T0 + 86400)
        results["incr"] = measure(fake, lambda: run_sync("completions", settings=settings))
        results["asked"] = fake.calls["core_completion_get_activities_completion_status"]
        results["active"] = len(active)
    results.update(run_naive(args, fake, userids, active))
    fake.stop()
    return results


def run_naive(args, fake, userids, active):
    """Measure the naive baselines (on a sample unless --naive-full)."""
    sample = len(userids) if args.naive_full else min(args.naive_sample, len(userids))
    people = [{"email": f"naive{n}@example.org", "idnumber": f"naive-{n}"} for n in range(sample)]
    full_ids, incr_ids = userids[:sample], active[:sample]
    return {"naive_push": measure(fake, lambda: naive_push(fake, people)),
            "naive_full": measure(fake, lambda: naive_pull(fake, full_ids)),
            "naive_incr": measure(fake, lambda: naive_pull(fake, incr_ids)),
            "scale": (len(userids) / sample, len(userids) / sample, len(active) / len(incr_ids)),
            "sample": sample}


def print_results(r, args):
    """Print the table and the goals."""
    users, scale = args.users, r["scale"]
    print(f"Moodle sync benchmark: {users} enrolled users, {args.latency * 1000:.0f} ms latency "
          f"per request, {r['active']} active users for the incremental pull")
    sampled = "" if args.naive_full else f" (naive measured on {r['sample']} users, scaled)"
    print(f"{'':<28}{'requests':>8}{'per 100':>9}{'wall':>11}{'naive req':>10}{'naive':>11}"
          f"{'speedup':>10}{sampled}")
    print(row("full push (users+enrol)", r["push"], r["naive_push"], scale[0], users))
    print(row("full completion pull", r["full"], r["naive_full"], scale[1], users))
    print(row("incremental pull (1%)", r["incr"], r["naive_incr"], scale[2], users))
    pages, asked = users // 1000 + 1, r["asked"]
    print(f"goal push <= 3 requests per 100 users: {r['push'][0] * 100 / users:.2f}")
    print(f"goal incremental <= roster pages + changed/batch: {r['incr'][0]} = 1 probe + {pages} "
          f"pages + {r['incr'][0] - 1 - pages} batch request(s) for {asked} users asked "
          f"({r['active']} active, {asked - r['active']} re-checked within Moodle's 60 s "
          f"lastaccess granularity); bound {pages} + {asked}/100 = {pages + -(-asked // 100)} "
          "(+1 probe)")
    print(f"goal full pull >= 8x faster than naive: "
          f"{r['naive_full'][1] * scale[1] / r['full'][1]:.1f}x")


if __name__ == "__main__":
    main()
