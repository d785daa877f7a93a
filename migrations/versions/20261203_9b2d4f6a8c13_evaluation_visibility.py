"""evaluation visibility: a rule per form (members, mutual, coordinator, anonymous), set by type for existing forms

Revision ID: 9b2d4f6a8c13
Revises: 7a3c5e1f0d92
Create Date: 2026-12-03 10:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b2d4f6a8c13'
down_revision = '7a3c5e1f0d92'
branch_labels = None
depends_on = None

BY_TYPE = {'mutual': 'mutual', 'final': 'coordinator', 'programme': 'anonymous'}


def upgrade():
    with op.batch_alter_table('evaluation_forms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visibility', sa.String(length=20), nullable=False, server_default='members'))
    forms = sa.table('evaluation_forms', sa.column('type', sa.String), sa.column('visibility', sa.String))
    for form_type, visibility in BY_TYPE.items():
        op.execute(forms.update().where(forms.c.type == form_type).values(visibility=visibility))


def downgrade():
    with op.batch_alter_table('evaluation_forms', schema=None) as batch_op:
        batch_op.drop_column('visibility')
