"""paper evaluations: a response a coordinator typed in from paper is marked as transcribed, with who entered it

Revision ID: 811bbdfff328
Revises: 0720b8beeeb0
Create Date: 2026-12-03 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '811bbdfff328'
down_revision = '0720b8beeeb0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('evaluation_responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('transcribed', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('transcribed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_evaluation_responses_transcribed_by_id_people'), 'people',
                                    ['transcribed_by_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('evaluation_responses', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_evaluation_responses_transcribed_by_id_people'), type_='foreignkey')
        batch_op.drop_column('transcribed_by_id')
        batch_op.drop_column('transcribed')
