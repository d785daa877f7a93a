"""cycles: programme cycles, mentor candidates carried over, complaint figures; existing data joins a first cycle

Revision ID: c4e8a1d7f250
Revises: 9b2d4f6a8c13
Create Date: 2026-12-03 13:50:00.000000

"""
from datetime import date, datetime, timedelta, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e8a1d7f250'
down_revision = '9b2d4f6a8c13'
branch_labels = None
depends_on = None

# The tables whose rows belong to a cycle, and the column that tells when a row came about.
OWNED = (('pairs', 'created_at'), ('match_runs', 'created_at'), ('community_workshops', 'starts_at'))


def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])  # SQLite returns text


def upgrade():
    op.create_table(
        'cycles',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('closed_by_id', sa.Integer(), nullable=True),
        sa.Column('report', sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(['closed_by_id'], ['people.id'], name=op.f('fk_cycles_closed_by_id_people'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cycles')),
        sa.UniqueConstraint('name', name=op.f('uq_cycles_name')),
    )
    op.create_index('uq_cycles_one_current', 'cycles', ['state'], unique=True,
                    sqlite_where=sa.text("state = 'current'"), postgresql_where=sa.text("state = 'current'"))
    op.create_table(
        'cycle_candidates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cycle_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(length=20), nullable=False),
        sa.Column('from_cycle_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['cycle_id'], ['cycles.id'], name=op.f('fk_cycle_candidates_cycle_id_cycles'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['from_cycle_id'], ['cycles.id'],
                                name=op.f('fk_cycle_candidates_from_cycle_id_cycles'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_cycle_candidates_person_id_people'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_candidates')),
        sa.UniqueConstraint('cycle_id', 'person_id', name=op.f('uq_cycle_candidates_cycle_id_person_id')),
    )
    op.create_index(op.f('ix_cycle_candidates_cycle_id'), 'cycle_candidates', ['cycle_id'], unique=False)
    op.create_table(
        'complaint_figures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('department', sa.String(length=120), nullable=True),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('entered_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['entered_by_id'], ['people.id'],
                                name=op.f('fk_complaint_figures_entered_by_id_people'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_figures')),
    )
    for table, _when in OWNED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('cycle_id', sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_cycle_id'), ['cycle_id'], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_cycle_id_cycles'), 'cycles', ['cycle_id'], ['id'],
                                        ondelete='SET NULL')
    _first_cycle()


def _first_cycle():
    """Create the first cycle, current, spanning the existing data, and assign every existing row to it."""
    conn = op.get_bind()
    today = datetime.now(timezone.utc).date()
    dates = [_as_date(conn.execute(sa.text(f'SELECT MIN({when}) FROM {table}')).scalar()) for table, when in OWNED]
    starts_on = min([d for d in dates if d is not None] + [today])
    ends_on = max(starts_on + timedelta(days=364), today)
    name = f'{starts_on.year}/{str(starts_on.year + 1)[-2:]}'
    cycles = sa.table('cycles', sa.column('id', sa.Integer), sa.column('name', sa.String),
                      sa.column('starts_on', sa.Date), sa.column('ends_on', sa.Date), sa.column('state', sa.String),
                      sa.column('created_at', sa.DateTime(timezone=True)))
    conn.execute(cycles.insert().values(name=name, starts_on=starts_on, ends_on=ends_on, state='current',
                                        created_at=datetime.now(timezone.utc)))
    cycle_id = conn.execute(sa.text("SELECT id FROM cycles WHERE state = 'current'")).scalar()
    for table, _when in OWNED:
        conn.execute(sa.text(f'UPDATE {table} SET cycle_id = :cycle'), {'cycle': cycle_id})


def downgrade():
    for table, _when in reversed(OWNED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_cycle_id_cycles'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_cycle_id'))
            batch_op.drop_column('cycle_id')
    op.drop_table('complaint_figures')
    op.drop_index(op.f('ix_cycle_candidates_cycle_id'), table_name='cycle_candidates')
    op.drop_table('cycle_candidates')
    op.drop_index('uq_cycles_one_current', table_name='cycles', sqlite_where=sa.text("state = 'current'"),
                  postgresql_where=sa.text("state = 'current'"))
    op.drop_table('cycles')
