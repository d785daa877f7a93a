"""offline tandems get a selection report (a run of kind offline); line-manager exceptions on pairs and proposals

Existing offline tandems get a selection report of their own, marked as recorded before reports existed.

Revision ID: 3827f4550e7b
Revises: c82b03c126ad
Create Date: 2026-12-03 13:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3827f4550e7b'
down_revision = 'c82b03c126ad'
branch_labels = None
depends_on = None

LEGACY_SUMMARY = {"mentees": 1, "mentors": 1, "eligible_mentors": 1, "places": 1, "matched": 1, "total_score": 0.0,
                  "unmatched": [], "pin_errors": [], "legacy": True, "procedures_reason": "",
                  "line_manager_exceptions": []}
EMPTY_INPUTS = {"mentees": [], "mentors": [], "constraints": {"previous_pairs": [], "pins": [], "exclusions": []},
                "skipped": [], "procedures": []}


def upgrade():
    with op.batch_alter_table('match_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='matching'))
    with op.batch_alter_table('match_proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('exception_reason', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('pairs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('line_manager_exception', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    conn = op.get_bind()
    offline = conn.execute(sa.text("SELECT id, mentor_id, mentee_id, created_by_id, created_at FROM pairs "
                                   "WHERE source = 'offline' AND run_id IS NULL ORDER BY id")).all()
    runs = sa.table('match_runs', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                    sa.column('status', sa.String), sa.column('weights', sa.JSON), sa.column('inputs', sa.JSON),
                    sa.column('summary', sa.JSON), sa.column('created_by_id', sa.Integer),
                    sa.column('created_at'), sa.column('confirmed_by_id', sa.Integer),
                    sa.column('confirmed_at'))
    proposals = sa.table('match_proposals', sa.column('run_id', sa.Integer), sa.column('mentee_id', sa.Integer),
                         sa.column('mentor_id', sa.Integer), sa.column('score', sa.Float),
                         sa.column('contributions', sa.JSON), sa.column('runners_up', sa.JSON),
                         sa.column('status', sa.String), sa.column('pinned', sa.Boolean),
                         sa.column('manual', sa.Boolean), sa.column('comment', sa.Text),
                         sa.column('exception_reason', sa.Text), sa.column('decided_by_id', sa.Integer),
                         sa.column('decided_at'))
    for pair_id, mentor_id, mentee_id, author_id, created_at in offline:  # the timestamps pass through as read
        run_id = conn.execute(runs.insert().values(
            kind='offline', status='confirmed', weights={}, inputs=EMPTY_INPUTS, summary=LEGACY_SUMMARY,
            created_by_id=author_id, created_at=created_at, confirmed_by_id=author_id, confirmed_at=created_at,
        ).returning(runs.c.id)).scalar_one()
        conn.execute(proposals.insert().values(
            run_id=run_id, mentee_id=mentee_id, mentor_id=mentor_id, score=0.0, contributions={}, runners_up=[],
            status='confirmed', pinned=False, manual=True, comment='', exception_reason='',
            decided_by_id=author_id, decided_at=created_at))
        conn.execute(sa.text("UPDATE pairs SET run_id = :run WHERE id = :pair"), {"run": run_id, "pair": pair_id})


def downgrade():
    conn = op.get_bind()
    offline_runs = sa.text("SELECT id FROM match_runs WHERE kind = 'offline'")
    conn.execute(sa.text(f"UPDATE pairs SET run_id = NULL WHERE run_id IN ({offline_runs.text})"))
    conn.execute(sa.text(f"DELETE FROM match_proposals WHERE run_id IN ({offline_runs.text})"))
    conn.execute(sa.text("DELETE FROM match_runs WHERE kind = 'offline'"))
    with op.batch_alter_table('pairs', schema=None) as batch_op:
        batch_op.drop_column('line_manager_exception')
    with op.batch_alter_table('match_proposals', schema=None) as batch_op:
        batch_op.drop_column('exception_reason')
    with op.batch_alter_table('match_runs', schema=None) as batch_op:
        batch_op.drop_column('kind')

