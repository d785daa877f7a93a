"""webinars and scenario competences: a workshop can be a webinar with a recording and materials; scenarios are
tagged by competence

Revision ID: c85a32eba534
Revises: 811bbdfff328
Create Date: 2026-12-03 14:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c85a32eba534'
down_revision = '811bbdfff328'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('community_workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='workshop', nullable=False))
        batch_op.add_column(sa.Column('recording_link', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('materials', sa.Text(), server_default='', nullable=False))
    with op.batch_alter_table('community_scenarios', schema=None) as batch_op:
        batch_op.add_column(sa.Column('competences', sa.JSON(), server_default='[]', nullable=False))


def downgrade():
    with op.batch_alter_table('community_scenarios', schema=None) as batch_op:
        batch_op.drop_column('competences')
    with op.batch_alter_table('community_workshops', schema=None) as batch_op:
        batch_op.drop_column('materials')
        batch_op.drop_column('recording_link')
        batch_op.drop_column('kind')
