"""training records: when the module's Moodle quiz was first seen passed (quiz_passed_at), so that the dashboard and
the cycle report date a quiz pass as they date a SCORM completion

Revision ID: 5e1b7c3a9d20
Revises: 7d3f1a9e2c46
Create Date: 2026-12-04 17:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e1b7c3a9d20'
down_revision = '7d3f1a9e2c46'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quiz_passed_at', sa.DateTime(timezone=True), nullable=True))
    # Passes read before this column: the last reading is the best date known.
    op.execute("UPDATE training_records SET quiz_passed_at = quiz_read_at WHERE quiz_status = 'passed'")


def downgrade():
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.drop_column('quiz_passed_at')
