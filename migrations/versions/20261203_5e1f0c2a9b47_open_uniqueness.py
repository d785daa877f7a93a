"""one open tandem per mentor and mentee, one open application per address

Revision ID: 5e1f0c2a9b47
Revises: dbd131fc480a
Create Date: 2026-12-03 09:00:00

Partial unique indexes, so parallel requests cannot create duplicates (issue 19). Existing duplicates
would make the upgrade fail: older duplicate tandems are ended and later duplicate applications rejected first.
"""
from alembic import op
import sqlalchemy as sa


revision = '5e1f0c2a9b47'
down_revision = '5c1e0a7d2b41'
branch_labels = None
depends_on = None

OPEN_PAIR = "state NOT IN ('completed', 'ended_early')"
OPEN_APPLICATION = "state IN ('submitted', 'info_requested')"


def _end_duplicates():
    op.execute(sa.text(
        "UPDATE pairs SET state = 'ended_early', end_reason = 'Duplicate tandem (removed by migration)' "
        f"WHERE {OPEN_PAIR} AND id NOT IN (SELECT MAX(id) FROM pairs WHERE {OPEN_PAIR} "
        "GROUP BY mentor_id, mentee_id)"))
    op.execute(sa.text(
        "UPDATE external_applications SET state = 'rejected', "
        "reject_reason = 'Duplicate application (closed by migration)' "
        f"WHERE {OPEN_APPLICATION} AND id NOT IN (SELECT MIN(id) FROM external_applications "
        f"WHERE {OPEN_APPLICATION} GROUP BY email)"))


def upgrade():
    _end_duplicates()
    op.create_index('uq_pairs_open_mentor_mentee', 'pairs', ['mentor_id', 'mentee_id'], unique=True,
                    sqlite_where=sa.text(OPEN_PAIR), postgresql_where=sa.text(OPEN_PAIR))
    op.create_index('uq_external_applications_open_email', 'external_applications', ['email'], unique=True,
                    sqlite_where=sa.text(OPEN_APPLICATION), postgresql_where=sa.text(OPEN_APPLICATION))


def downgrade():
    op.drop_index('uq_external_applications_open_email', table_name='external_applications')
    op.drop_index('uq_pairs_open_mentor_mentee', table_name='pairs')
