"""one reminder log: evaluation reminders move into reminder_logs

Revision ID: 8c58f2565958
Revises: dbd131fc480a
Create Date: 2026-11-29 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8c58f2565958'
down_revision = 'dbd131fc480a'
branch_labels = None
depends_on = None

NEW_UNIQUE = 'uq_reminder_logs_pair_id_kind_audience_subject_anchor_date'
OLD_UNIQUE = 'uq_reminder_logs_pair_id_audience_gap_start'


def upgrade():
    # The new unique constraint comes in a second batch: SQLite's batch rebuild drops a constraint created on a
    # column renamed in the same batch. The server defaults of kind and subject fill the rows already there.
    with op.batch_alter_table('reminder_logs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='sessions'))
        batch_op.add_column(sa.Column('subject', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('person_id', sa.Integer(), nullable=True))
        batch_op.alter_column('gap_start', new_column_name='anchor_date', existing_type=sa.Date(), existing_nullable=False)
        batch_op.drop_constraint(OLD_UNIQUE, type_='unique')
        batch_op.create_foreign_key(batch_op.f('fk_reminder_logs_person_id_people'), 'people', ['person_id'], ['id'],
                                    ondelete='CASCADE')
    with op.batch_alter_table('reminder_logs', schema=None) as batch_op:
        batch_op.create_unique_constraint(NEW_UNIQUE, ['pair_id', 'kind', 'audience', 'subject', 'anchor_date'])
    op.execute(
        "INSERT INTO reminder_logs (pair_id, kind, audience, subject, person_id, anchor_date, sent_at) "
        "SELECT r.pair_id, 'evaluation', CASE WHEN r.person_id = p.mentor_id THEN 'mentor' ELSE 'mentee' END, "
        "r.form_key, r.person_id, r.due_on, r.sent_at "
        "FROM evaluation_reminders r JOIN pairs p ON p.id = r.pair_id"
    )
    with op.batch_alter_table('evaluation_reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_reminders_pair_id'))
    op.drop_table('evaluation_reminders')


def downgrade():
    op.create_table('evaluation_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pair_id', sa.Integer(), nullable=False),
    sa.Column('form_key', sa.String(length=40), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['pair_id'], ['pairs.id'], name=op.f('fk_evaluation_reminders_pair_id_pairs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_evaluation_reminders_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_reminders')),
    sa.UniqueConstraint('pair_id', 'form_key', 'person_id', name=op.f('uq_evaluation_reminders_pair_id_form_key_person_id'))
    )
    with op.batch_alter_table('evaluation_reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_reminders_pair_id'), ['pair_id'], unique=False)
    op.execute(
        "INSERT INTO evaluation_reminders (pair_id, form_key, person_id, due_on, sent_at) "
        "SELECT pair_id, subject, person_id, anchor_date, sent_at FROM reminder_logs "
        "WHERE kind = 'evaluation' AND person_id IS NOT NULL"
    )
    op.execute("DELETE FROM reminder_logs WHERE kind <> 'sessions'")
    with op.batch_alter_table('reminder_logs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_reminder_logs_person_id_people'), type_='foreignkey')
        batch_op.drop_constraint(NEW_UNIQUE, type_='unique')
        batch_op.alter_column('anchor_date', new_column_name='gap_start', existing_type=sa.Date(), existing_nullable=False)
        batch_op.drop_column('person_id')
        batch_op.drop_column('subject')
        batch_op.drop_column('kind')
    with op.batch_alter_table('reminder_logs', schema=None) as batch_op:
        batch_op.create_unique_constraint(OLD_UNIQUE, ['pair_id', 'audience', 'gap_start'])
