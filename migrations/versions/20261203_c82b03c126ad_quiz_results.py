"""training records: the Moodle quiz result beside the SCORM one (quiz_status, quiz_score, quiz_read_at)

Revision ID: c82b03c126ad
Revises: c85a32eba534
Create Date: 2026-12-03 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c82b03c126ad'
down_revision = 'c85a32eba534'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quiz_status', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('quiz_score', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('quiz_read_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.drop_column('quiz_read_at')
        batch_op.drop_column('quiz_score')
        batch_op.drop_column('quiz_status')
