"""Every migration runs up and down on each backend, and the models match the migrated schema."""
import json

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from bridge import create_app
from bridge.extensions import db
from tests.conftest import BACKENDS, create_pg_database, drop_pg_database, test_config


@pytest.fixture(params=BACKENDS)
def fresh_app(request, tmp_path):
    if request.param == "postgresql":
        url = create_pg_database("qser_migtest")
    else:
        url = f"sqlite:///{tmp_path / 'mig.sqlite'}"
    app = create_app(test_config(url, tmp_path / "instance"))
    with app.app_context():
        yield app
        db.engine.dispose()
    if request.param == "postgresql":
        drop_pg_database(url)


# Indexes and columns only a migration creates, on PostgreSQL only (trigram indexes and a stored generated column
# the models cannot declare portably).
POSTGRESQL_ONLY_INDEXES = {"ix_people_search_trgm", "ix_people_search_text"}
POSTGRESQL_ONLY_COLUMNS = {("people", "search_text")}


def _compared(obj, name, type_, _reflected, _compare_to) -> bool:
    if type_ == "column":
        return (obj.table.name, name) not in POSTGRESQL_ONLY_COLUMNS
    return not (type_ == "index" and name in POSTGRESQL_ONLY_INDEXES)


def _diff(connection):
    ctx = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": _compared})
    return compare_metadata(ctx, db.metadata)


def test_migrations_up_match_models_and_down_remove_everything(fresh_app):
    upgrade()
    with db.engine.connect() as conn:
        assert _diff(conn) == []
        tables = set(sa.inspect(conn).get_table_names())
    assert {t.name for t in db.metadata.sorted_tables} <= tables
    downgrade(revision="base")
    with db.engine.connect() as conn:
        left = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
    assert left == set()
    upgrade()


BEFORE_ONE_REMINDER_LOG = "dbd131fc480a"
ONE_REMINDER_LOG = "8c58f2565958"
NOW = "2026-05-01 06:00:00"


def _seed_tandem(conn) -> None:
    for pid, name in ((1, "mentor"), (2, "mentee")):
        conn.execute(sa.text("INSERT INTO people (id, first_name, last_name, email, languages, idnumber, created_at, "
                             "updated_at) VALUES (:id, :n, 'X', :e, '[]', :e, :t, :t)"),
                     {"id": pid, "n": name, "e": f"{name}@example.org", "t": NOW})
    conn.execute(sa.text("INSERT INTO pairs (id, mentor_id, mentee_id, state, source, reason, end_reason, created_at, "
                         "updated_at) VALUES (1, 1, 2, 'agreed', 'manual', '', '', :t, :t)"), {"t": NOW})


def _seed_two_reminder_tables(conn) -> None:
    _seed_tandem(conn)
    conn.execute(sa.text("INSERT INTO reminder_logs (pair_id, audience, gap_start, sent_at) "
                         "VALUES (1, 'pair', '2026-03-01', :t)"), {"t": NOW})
    conn.execute(sa.text("INSERT INTO evaluation_reminders (pair_id, form_key, person_id, due_on, sent_at) "
                         "VALUES (1, 'midterm', 2, '2026-04-30', :t)"), {"t": NOW})


def test_evaluation_reminders_move_into_the_one_reminder_log_and_back(fresh_app):
    upgrade(revision=BEFORE_ONE_REMINDER_LOG)
    with db.engine.begin() as conn:
        _seed_two_reminder_tables(conn)
    upgrade(revision=ONE_REMINDER_LOG)
    query = "SELECT kind, audience, subject, person_id, anchor_date FROM reminder_logs ORDER BY id"
    with db.engine.connect() as conn:
        rows = [tuple(map(str, row)) for row in conn.execute(sa.text(query))]
        assert "evaluation_reminders" not in sa.inspect(conn).get_table_names()
    assert rows == [("sessions", "pair", "", "None", "2026-03-01"),
                    ("evaluation", "mentee", "midterm", "2", "2026-04-30")]
    downgrade(revision=BEFORE_ONE_REMINDER_LOG)
    with db.engine.connect() as conn:
        back = conn.execute(sa.text("SELECT pair_id, form_key, person_id FROM evaluation_reminders")).all()
        kept = conn.execute(sa.text("SELECT audience, gap_start FROM reminder_logs")).all()
    assert [tuple(r) for r in back] == [(1, "midterm", 2)]
    assert [tuple(map(str, r)) for r in kept] == [("pair", "2026-03-01")]



BEFORE_AGREEMENT_TERMS = "2e151638ba39"
AGREEMENT_TERMS = "5d1e7a2c9b40"
DURATIONS = {1: "The mentoring lasts six months from the date of signing. It may be extended by three months.",
             2: "Das Mentoring dauert 9 Monate.", 3: "Until the summer, we will see."}


def _seed_agreements(conn) -> None:
    _seed_tandem(conn)
    for pair_id in (2, 3):
        conn.execute(sa.text("INSERT INTO pairs (id, mentor_id, mentee_id, state, source, reason, end_reason, "
                             "created_at, updated_at) VALUES (:p, 1, 2, 'agreed', 'manual', '', '', :t, :t)"),
                     {"p": pair_id, "t": NOW})
    for pid, text in DURATIONS.items():
        signed = "2026-02-01 10:00:00" if pid == 1 else None
        conn.execute(sa.text("INSERT INTO agreements (id, pair_id, language, state, signed_number, signed_at, "
                             "created_at) VALUES (:id, :id, 'en', 'draft', NULL, :s, :t)"),
                     {"id": pid, "s": signed, "t": NOW})
        content = '{"sections": {"duration": "%s"}}' % text
        conn.execute(sa.text("INSERT INTO agreement_versions (agreement_id, number, content, sha256, created_at) "
                             "VALUES (:id, 1, :c, 'x', :t)"), {"id": pid, "c": content, "t": NOW})


def test_agreement_durations_are_parsed_or_flagged(fresh_app):
    upgrade(revision=BEFORE_AGREEMENT_TERMS)
    with db.engine.begin() as conn:
        _seed_agreements(conn)
    upgrade(revision=AGREEMENT_TERMS)
    query = ("SELECT a.id, v.duration_months, v.start_on, a.duration_flagged FROM agreements a "
             "JOIN agreement_versions v ON v.agreement_id = a.id ORDER BY a.id")
    with db.engine.connect() as conn:
        rows = [(r[0], r[1], str(r[2]), bool(r[3])) for r in conn.execute(sa.text(query))]
    assert rows == [(1, 6, "2026-02-01", False), (2, 9, "None", False), (3, None, "None", True)]
    downgrade(revision=BEFORE_AGREEMENT_TERMS)
    with db.engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("agreement_versions")}
    assert "duration_months" not in columns


COORDINATOR_NOTES = "7a3c5e1f0d92"


def test_match_reasons_and_coordinator_comments_move_into_notes_and_back(fresh_app):
    upgrade(revision=AGREEMENT_TERMS)
    with db.engine.begin() as conn:
        _seed_tandem(conn)
        conn.execute(sa.text("INSERT INTO people (id, first_name, last_name, email, languages, idnumber, created_at, "
                             "updated_at) VALUES (3, 'co', 'X', 'co@example.org', '[]', 'co', :t, :t)"), {"t": NOW})
        conn.execute(sa.text("UPDATE pairs SET reason = 'Same office' WHERE id = 1"))
        conn.execute(sa.text("INSERT INTO pair_transitions (id, pair_id, from_state, to_state, actor_id, comment, "
                             "created_at) VALUES (1, 1, 'proposed', 'introduced', 3, 'After the meeting', :t), "
                             "(2, 1, 'agreed', 'active', 1, 'First session', :t)"), {"t": NOW})
    upgrade(revision=COORDINATOR_NOTES)
    with db.engine.connect() as conn:
        notes = conn.execute(sa.text("SELECT kind, body, transition_id FROM coordinator_notes ORDER BY id")).all()
        comments = conn.execute(sa.text("SELECT comment FROM pair_transitions ORDER BY id")).scalars().all()
    assert [tuple(n) for n in notes] == [("match_reason", "Same office", None), ("transition", "After the meeting", 1)]
    assert comments == ["", "First session"]
    downgrade(revision=AGREEMENT_TERMS)
    with db.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT reason FROM pairs")).scalar() == "Same office"
        back = conn.execute(sa.text("SELECT comment FROM pair_transitions ORDER BY id")).scalars().all()
    assert back == ["After the meeting", "First session"]


BEFORE_CYCLES = "9b2d4f6a8c13"
CYCLES = "c4e8a1d7f250"


def test_existing_tandems_runs_and_workshops_join_a_first_current_cycle_and_back(fresh_app):
    upgrade(revision=BEFORE_CYCLES)
    with db.engine.begin() as conn:
        for pid, name in ((1, "mentor"), (2, "mentee")):
            conn.execute(sa.text("INSERT INTO people (id, first_name, last_name, email, languages, idnumber, "
                                 "created_at, updated_at) VALUES (:id, :n, 'X', :e, '[]', :e, :t, :t)"),
                         {"id": pid, "n": name, "e": f"{name}@example.org", "t": NOW})
        conn.execute(sa.text("INSERT INTO pairs (id, mentor_id, mentee_id, state, source, end_reason, created_at, "
                             "updated_at) VALUES (1, 1, 2, 'active', 'manual', '', '2025-03-04 10:00:00', :t)"),
                     {"t": NOW})
        conn.execute(sa.text("INSERT INTO match_runs (id, status, weights, inputs, summary, created_at) "
                             "VALUES (1, 'confirmed', '{}', '{}', '{}', :t)"), {"t": NOW})
        conn.execute(sa.text("INSERT INTO community_workshops (id, title, starts_at, place, online_link, description, "
                             "outcomes, created_at, updated_at) VALUES (1, 'W', :t, '', '', '', '', :t, :t)"),
                     {"t": NOW})
    upgrade(revision=CYCLES)
    with db.engine.connect() as conn:
        cycles = conn.execute(sa.text("SELECT id, name, starts_on, state FROM cycles")).all()
        owners = [conn.execute(sa.text(f"SELECT cycle_id FROM {t}")).scalar()
                  for t in ("pairs", "match_runs", "community_workshops")]
    assert len(cycles) == 1
    cycle_id, name, starts_on, state = cycles[0]
    assert (name, str(starts_on)[:10], state) == ("2025/26", "2025-03-04", "current")  # from the oldest tandem
    assert owners == [cycle_id, cycle_id, cycle_id]
    with db.engine.begin() as conn:  # a second current cycle is refused by the database
        with pytest.raises(sa.exc.IntegrityError):
            conn.execute(sa.text("INSERT INTO cycles (name, starts_on, ends_on, state, created_at) "
                                 "VALUES ('other', '2026-01-01', '2026-12-31', 'current', :t)"), {"t": NOW})
    downgrade(revision=BEFORE_CYCLES)
    with db.engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        columns = {c["name"] for c in sa.inspect(conn).get_columns("pairs")}
        assert conn.execute(sa.text("SELECT state FROM pairs WHERE id = 1")).scalar() == "active"
    assert "cycles" not in tables and "cycle_id" not in columns


VISIBILITY = "9b2d4f6a8c13"
OFFLINE_REPORTS = "3827f4550e7b"


def test_existing_offline_tandems_get_a_selection_report_and_lose_it_on_downgrade(fresh_app):
    upgrade(revision=VISIBILITY)
    with db.engine.begin() as conn:
        for pid, name in ((1, "mentor"), (2, "mentee")):
            conn.execute(sa.text("INSERT INTO people (id, first_name, last_name, email, languages, idnumber, "
                                 "created_at, updated_at) VALUES (:id, :n, 'X', :e, '[]', :e, :t, :t)"),
                         {"id": pid, "n": name, "e": f"{name}@example.org", "t": NOW})
        for pair_id, state, source in ((1, "agreed", "manual"), (2, "completed", "offline")):
            conn.execute(sa.text("INSERT INTO pairs (id, mentor_id, mentee_id, state, source, end_reason, "
                                 "created_at, updated_at) VALUES (:p, 1, 2, :s, :o, '', :t, :t)"),
                         {"p": pair_id, "s": state, "o": source, "t": NOW})
    upgrade(revision=OFFLINE_REPORTS)
    with db.engine.connect() as conn:
        pairs = conn.execute(sa.text("SELECT id, run_id, line_manager_exception FROM pairs ORDER BY id")).all()
        runs = conn.execute(sa.text("SELECT id, kind, status, summary FROM match_runs")).all()
        proposals = conn.execute(sa.text("SELECT run_id, mentor_id, mentee_id, status, exception_reason "
                                         "FROM match_proposals")).all()
    assert len(runs) == 1
    run_id, kind, status, summary = runs[0]
    summary = summary if isinstance(summary, dict) else json.loads(summary)
    assert (kind, status, summary["legacy"]) == ("offline", "confirmed", True)
    assert [(p[0], p[1], bool(p[2])) for p in pairs] == [(1, None, False), (2, run_id, False)]
    assert [tuple(p) for p in proposals] == [(run_id, 1, 2, "confirmed", "")]
    downgrade(revision=VISIBILITY)
    with db.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM match_runs")).scalar() == 0
        assert conn.execute(sa.text("SELECT run_id FROM pairs WHERE id = 2")).scalar() is None
        assert "kind" not in {c["name"] for c in sa.inspect(conn).get_columns("match_runs")}
