"""Export 100,000 generated evaluation answers to Excel; print the time and peak memory.

Goals on the reference machine: under 15 seconds and under 300 MB. Run with `make bench`.
"""
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bridge import create_app  # noqa: E402
from bridge.extensions import db  # noqa: E402

ANSWERS = 100_000
DEPARTMENTS = ["Social services", "Registry office", "Youth welfare", "Job centre", "Housing"]


def _people_and_pairs(pairs: int) -> None:
    from bridge.modules.people.models import Person

    people = [{"id": i, "first_name": f"First{i}", "last_name": f"Last{i}", "email": f"p{i}@example.org",
               "department": DEPARTMENTS[i % len(DEPARTMENTS)], "languages": [], "idnumber": f"qser-{i}"}
              for i in range(1, 2 * pairs + 1)]
    db.session.execute(db.insert(Person), people)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    db.session.execute(db.insert(_pair_table()), [
        {"id": p, "mentor_id": 2 * p - 1, "mentee_id": 2 * p, "state": "active", "source": "manual", "reason": "",
         "end_reason": "", "started_at": start} for p in range(1, pairs + 1)])


def _pair_table():
    from bridge.modules.pairing.models import Pair

    return Pair


def _responses_and_answers() -> int:
    from bridge.modules.evaluation.operations.definitions import load_forms
    from bridge.modules.evaluation.models import EvaluationAnswer, EvaluationResponse

    form = next(f for f in load_forms() if f.key == "final-mentee")
    items = form.items
    responses = ANSWERS // len(items) + 1
    _people_and_pairs(responses)
    base = datetime(2026, 6, 1, tzinfo=timezone.utc)
    db.session.execute(db.insert(EvaluationResponse), [
        {"id": r, "form_id": form.id, "form_key": form.key, "form_version": 1, "pair_id": r, "respondent_id": 2 * r,
         "role": "mentee", "submitted_at": base + timedelta(minutes=r)} for r in range(1, responses + 1)])
    rows, n = [], 0
    for r in range(1, responses + 1):
        for item in items:
            if n == ANSWERS:
                break
            likert = item["kind"] == "likert"
            rows.append({"response_id": r, "item_key": item["key"], "aspect": item["aspect"],
                         "value": (r + n) % 5 + 1 if likert else None, "text": "" if likert else f"Answer {n}"})
            n += 1
    db.session.execute(db.insert(EvaluationAnswer), rows)
    db.session.commit()
    return n


def _export() -> int:
    from bridge.core.spreadsheets import generate_xlsx
    from bridge.modules.evaluation.operations.export_data import ExportFilter, build_sheets

    return len(generate_xlsx(build_sheets(ExportFilter())))


def main() -> None:
    """Generate the data, export it twice (timed; then traced for memory) and print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite", "INSTANCE_PATH": tmp,
                          "SECRET_KEY": "bench"})
        with app.app_context():
            db.create_all()
            answers = _responses_and_answers()
            db.session.expunge_all()
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            started, cpu_started = time.perf_counter(), time.process_time()
            size = _export()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            tracemalloc.start()
            _export()
            peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
            tracemalloc.stop()
    print(f"evaluation export: {answers:,} answers -> {size / 1024 / 1024:.1f} MB xlsx in {elapsed:.1f} s "
          f"(CPU {cpu:.1f} s; goal < 15 s); peak Python memory during export {peak:.1f} MB (tracemalloc); "
          f"process peak RSS {rss_after:.0f} MB, of which {rss_after - rss_before:.0f} MB added by the export "
          f"(goal < 300 MB)")


if __name__ == "__main__":
    main()
