"""training records keep the completion Moodle reset; sync runs record their activities

Revision ID: 5c1e0a7d2b41
Revises: dbd131fc480a
Create Date: 2026-12-03 09:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1e0a7d2b41'
down_revision = '2e151638ba39'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_status', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('previous_score', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('previous_completed_at', sa.DateTime(timezone=True),
                                      nullable=True))
    with op.batch_alter_table('sync_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('activities', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('sync_runs', schema=None) as batch_op:
        batch_op.drop_column('activities')
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.drop_column('previous_completed_at')
        batch_op.drop_column('previous_score')
        batch_op.drop_column('previous_status')
