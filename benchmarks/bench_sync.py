"""Benchmark the completion pull on the calibrated fake Moodle (server costs, 4 PHP workers).

For each course size (--users, default 2,000 and 10,000 learners) it runs, side by side in one
run: the batched reference (one lean roster page, then activity completion through
tool_mobile_call_external_functions x50 on 4 threads), a naive per-user client (roster with all
fields, then one completion request per user, sequential; measured on --naive-sample users and
extrapolated), our full pull (first ever, then a weekly one after 1% were active) and our
incremental pull (nothing changed, then 1% active).

The seconds are simulated seconds on Moodle, read from the fake's virtual clock: each request
starts when the responses before it are done and one of the 4 simulated workers is free, and
takes its modelled cost. They do not depend on this machine's load. The fake still sleeps its
modelled time times --scale (the short runs at scale 1) so that concurrent requests overlap as
they would on Moodle. Our own time between requests (Python, database) is not in those seconds:
every size also runs once without costs, and that wall time is printed as "client s"
(machine-dependent). Asserts nothing.
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
from sync.batch import run_calls  # noqa: E402
from sync.client import MoodleClient  # noqa: E402
from sync.config import MoodleSettings  # noqa: E402
from sync.jobs import run_sync  # noqa: E402
from tests.fake_moodle.costs import CostModel  # noqa: E402
from tests.fake_moodle.server import FakeMoodle  # noqa: E402
from tests.fake_moodle.state import STUDENT  # noqa: E402
from tests.sync.helpers import ACTIVITIES, COURSE, seed_oer_course  # noqa: E402

T0 = 1795000000
LEAN = "id,idnumber,lastcourseaccess"


def seed(fake, count):
    """Create count Moodle learners enrolled in the OER course, and their linked people."""
    seed_oer_course(fake.state)
    people = []
    for n in range(count):
        user = fake.state.add_user(username=f"l{n}", firstname=f"F{n}", lastname=f"L{n}",
                                   email=f"learner{n}@example.org", idnumber=f"qser-b-{n:06d}")
        fake.state.enrol(user.id, COURSE, STUDENT)
        people.append(Person(first_name=f"F{n}", last_name=f"L{n}", email=user.email, languages=[],
                             idnumber=user.idnumber, moodle_user_id=user.id,
                             role_links=[PersonRole(role="mentee")]))
    db.session.add_all(people)
    db.session.commit()
    return [p.moodle_user_id for p in people]


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


def measure(fake, action, real_time=False):
    """Run action; return (requests, simulated seconds, modelled worker-seconds, wall seconds).

    With real_time the fake sleeps the full modelled cost (scale 1) for this measurement, so
    that the seconds are simulated seconds as they are, not a short run's jitter times 1/scale.
    """
    scale = fake.costs.scale if fake.costs else 0.0
    if real_time and scale:
        fake.costs.scale = 1.0
    fake.reset_counters()
    started = time.perf_counter()
    try:
        action()
    finally:
        if fake.costs:
            fake.costs.scale = scale
    return (fake.requests, fake.virtual_seconds, fake.server_seconds,
            time.perf_counter() - started)


def unread_scores():
    """Return how many completed (passed, failed) records have no score yet."""
    from bridge.modules.training.models import TrainingRecord
    return db.session.scalar(db.select(db.func.count(TrainingRecord.id)).where(
        TrainingRecord.status.in_(("completed", "passed", "failed")),
        TrainingRecord.score.is_(None)))


def reference(fake, timeout):
    """The batched reference: one lean roster page, then completion x50 on 4 threads."""
    client = MoodleClient(fake.url, fake.token, timeout=timeout, concurrency=4, batch_size=50,
                          batching=True)
    roster = client.enrolments.roster_page(COURSE, 0, 0, LEAN)
    run_calls(client, [client.completion.activities_call(COURSE, u.id) for u in roster])


def naive(fake, userids, timeout):
    """The per-user loop a user would write: every roster field, one request per user."""
    client = MoodleClient(fake.url, fake.token, timeout=timeout, concurrency=1, batching=False)
    client.enrolments.roster_page(COURSE, 0, 0, userfields="")
    for uid in userids:
        client.completion.activities(COURSE, uid)


def simulated(users, args, tmp):
    """Measure at one size with costs and without; return {name: (requests, s, work, client s)}."""
    plain = bench_size(users, None, args, tmp / "plain")
    scaled = bench_size(users, args.scale, args, tmp / "scaled")
    result = {"unread": scaled.pop("unread")}
    for key, (req, sec, work, _) in scaled.items():
        result[key] = (req, sec, work, plain[key][3])
    return result


def bench_size(users, scale, args, tmp):
    """Measure every variant at one course size; return {name: (requests, wall seconds)}."""
    fake = FakeMoodle(costs=None if scale is None else CostModel(scale=scale)).start()
    timeout = max(30.0, 120 * (scale or 0))
    settings = MoodleSettings(url=fake.url, token=fake.token, courses=(str(COURSE),),
                              activities=dict(ACTIVITIES), batch_size=50, concurrency=4,
                              timeout=timeout)
    tmp.mkdir(parents=True, exist_ok=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / f'bench{users}.sqlite'}",
                      "INSTANCE_PATH": str(tmp / "instance"), "SECRET_KEY": "bench"})
    rng, r = random.Random(7), {}
    with app.app_context():
        db.create_all()
        userids = seed(fake, users)
        simulate_learning(fake.state, userids, rng, T0)
        r["roster"] = measure(fake, lambda: MoodleClient(fake.url, fake.token).enrolments
                              .roster_page(COURSE, 0, 0, LEAN), real_time=True)
        r["reference"] = measure(fake, lambda: reference(fake, timeout))
        sample = userids[:min(args.naive_sample, users)]
        r["naive_sample"] = measure(fake, lambda: naive(fake, sample, timeout))
        r["roster_all"] = measure(fake, lambda: MoodleClient(fake.url, fake.token).enrolments
                                  .roster_page(COURSE, 0, 0, userfields=""))
        pull = lambda full: run_sync("completions", full=full, settings=settings)  # noqa: E731
        r["full_first"] = measure(fake, lambda: pull(True))
        r["unread"] = unread_scores()
        r["incr_none"] = measure(fake, lambda: pull(False), real_time=True)
        active = rng.sample(userids, max(1, users // 100))
        simulate_learning(fake.state, active, rng, T0 + 86400)
        r["incr_1pct"] = measure(fake, lambda: pull(False), real_time=True)
        simulate_learning(fake.state, rng.sample(userids, max(1, users // 100)), rng, T0 + 172800)
        r["full_weekly"] = measure(fake, lambda: pull(True))
    fake.stop()
    return r


def report(users, r, sample):
    """Print one course size's figures and the goals."""
    r["naive"] = tuple([users + 1] + [r["roster_all"][i] + users * (
        r["naive_sample"][i] - r["roster_all"][i]) / sample for i in (1, 2, 3)])
    ref, naive_s, roster = r["reference"][1], r["naive"][1], r["roster"][1]
    print(f"\n{users} enrolled learners (simulated seconds on 4 PHP workers)")
    print(f"{'':<44}{'requests':>9}{'seconds':>10}{'x reference':>13}{'server work':>13}"
          f"{'client s':>10}")
    names = {"roster": "lean roster, one page (reference's roster)",
             "reference": "batched reference (roster + completion x50)",
             "naive": "naive per-user client (extrapolated)",
             "full_first": "our full pull, first ever",
             "full_weekly": "our full pull, weekly (1% changed)",
             "incr_none": "our incremental pull, nothing changed",
             "incr_1pct": "our incremental pull, 1% active"}
    for key, name in names.items():
        req, sec, work, client = r[key]
        print(f"{name:<44}{req:>9}{sec:>10.2f}{sec / ref:>13.2f}{work:>12.1f}s{client:>10.2f}")
    for key in ("full_first", "full_weekly"):
        sec = r[key][1]
        print(f"goal {key}: <= 1.5x reference: {sec / ref:.2f}x; >= 4x faster than naive: "
              f"{naive_s / sec:.1f}x")
    print(f"goal incremental 1% <= roster + 10% ({roster * 1.1:.2f} s): {r['incr_1pct'][1]:.2f} s")
    print(f"after the first full pull, {r['unread']} completed records wait for their score "
          f"(read in later full runs or when the learner is next active)")
    print("(seconds: simulated elapsed time on Moodle with 4 workers; server work: modelled "
          "worker-seconds; client s: wall time of the same run without costs, i.e. our Python, "
          "database and the fake's serving, machine-dependent)")


def main():
    """Run the benchmark at every size and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="2000,10000", help="comma-separated course sizes")
    parser.add_argument("--scale", type=float, default=0.2,
                        help="real seconds slept per simulated second of server time")
    parser.add_argument("--naive-sample", type=int, default=150)
    args = parser.parse_args()
    print(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as tmp:
        for users in (int(u) for u in args.users.split(",")):
            sample = min(args.naive_sample, users)
            report(users, simulated(users, args, pathlib.Path(tmp) / str(users)), sample)


if __name__ == "__main__":
    main()
