"""coordinator notes: match reasons and coordinators' transition comments move out of the tandem's history

Revision ID: 7a3c5e1f0d92
Revises: 5d1e7a2c9b40
Create Date: 2026-12-03 10:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a3c5e1f0d92'
down_revision = '5d1e7a2c9b40'
branch_labels = None
depends_on = None

PAIRS = sa.table('pairs', sa.column('id', sa.Integer), sa.column('mentor_id', sa.Integer),
                 sa.column('mentee_id', sa.Integer), sa.column('reason', sa.Text), sa.column('created_by_id', sa.Integer),
                 sa.column('created_at', sa.DateTime(timezone=True)))
STEPS = sa.table('pair_transitions', sa.column('id', sa.Integer), sa.column('pair_id', sa.Integer),
                 sa.column('actor_id', sa.Integer), sa.column('comment', sa.Text),
                 sa.column('created_at', sa.DateTime(timezone=True)))
NOTES = sa.table('coordinator_notes', sa.column('pair_id', sa.Integer), sa.column('transition_id', sa.Integer),
                 sa.column('kind', sa.String), sa.column('body', sa.Text), sa.column('author_id', sa.Integer),
                 sa.column('created_at', sa.DateTime(timezone=True)))


def upgrade():
    op.create_table('coordinator_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pair_id', sa.Integer(), nullable=False),
    sa.Column('transition_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['people.id'], name=op.f('fk_coordinator_notes_author_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pair_id'], ['pairs.id'], name=op.f('fk_coordinator_notes_pair_id_pairs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['transition_id'], ['pair_transitions.id'], name=op.f('fk_coordinator_notes_transition_id_pair_transitions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordinator_notes'))
    )
    with op.batch_alter_table('coordinator_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coordinator_notes_pair_id'), ['pair_id'], unique=False)
    _move_notes_out(op.get_bind())
    with op.batch_alter_table('pairs', schema=None) as batch_op:
        batch_op.drop_column('reason')


def _move_notes_out(conn):
    """Copy match reasons and the comments of people outside the tandem into notes; blank them in the history."""
    pairs = conn.execute(sa.select(PAIRS)).all()
    members = {p.id: (p.mentor_id, p.mentee_id) for p in pairs}
    for p in pairs:
        if p.reason:
            conn.execute(NOTES.insert().values(pair_id=p.id, kind='match_reason', body=p.reason,
                                               author_id=p.created_by_id, created_at=p.created_at))
    for step in conn.execute(sa.select(STEPS).where(STEPS.c.comment != '')).all():
        if step.actor_id is not None and step.actor_id not in members.get(step.pair_id, ()):
            conn.execute(NOTES.insert().values(pair_id=step.pair_id, transition_id=step.id, kind='transition',
                                               body=step.comment, author_id=step.actor_id, created_at=step.created_at))
            conn.execute(STEPS.update().where(STEPS.c.id == step.id).values(comment=''))


def downgrade():
    with op.batch_alter_table('pairs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.Text(), nullable=False, server_default=''))
    conn = op.get_bind()
    for note in conn.execute(sa.select(NOTES)).all():
        if note.kind == 'match_reason':
            conn.execute(PAIRS.update().where(PAIRS.c.id == note.pair_id).values(reason=note.body))
        elif note.transition_id is not None:
            conn.execute(STEPS.update().where(STEPS.c.id == note.transition_id).values(comment=note.body))
    with op.batch_alter_table('coordinator_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coordinator_notes_pair_id'))
    op.drop_table('coordinator_notes')
