"""moodle forums: the outbox of forum posts and group memberships, and the external advisers of tandems

Revision ID: 0720b8beeeb0
Revises: c4e8a1d7f250
Create Date: 2026-12-03 13:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0720b8beeeb0'
down_revision = 'c4e8a1d7f250'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('moodle_forum_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('pair_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('moodle_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tried_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['pair_id'], ['pairs.id'], name=op.f('fk_moodle_forum_tasks_pair_id_pairs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_moodle_forum_tasks_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moodle_forum_tasks')),
    sa.UniqueConstraint('key', name=op.f('uq_moodle_forum_tasks_key'))
    )
    with op.batch_alter_table('moodle_forum_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moodle_forum_tasks_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_moodle_forum_tasks_pair_id'), ['pair_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_moodle_forum_tasks_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_moodle_forum_tasks_state'), ['state'], unique=False)
    op.create_table('tandem_advisers',
    sa.Column('pair_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['people.id'], name=op.f('fk_tandem_advisers_added_by_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pair_id'], ['pairs.id'], name=op.f('fk_tandem_advisers_pair_id_pairs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_tandem_advisers_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pair_id', 'person_id', name=op.f('pk_tandem_advisers'))
    )
    with op.batch_alter_table('tandem_advisers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tandem_advisers_person_id'), ['person_id'], unique=False)


def downgrade():
    with op.batch_alter_table('tandem_advisers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tandem_advisers_person_id'))
    op.drop_table('tandem_advisers')
    with op.batch_alter_table('moodle_forum_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moodle_forum_tasks_state'))
        batch_op.drop_index(batch_op.f('ix_moodle_forum_tasks_person_id'))
        batch_op.drop_index(batch_op.f('ix_moodle_forum_tasks_pair_id'))
        batch_op.drop_index(batch_op.f('ix_moodle_forum_tasks_kind'))
    op.drop_table('moodle_forum_tasks')
