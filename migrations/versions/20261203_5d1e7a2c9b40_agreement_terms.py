"""agreement terms: start date, planned duration and meeting rhythm per version; unreadable durations flagged

Revision ID: 5d1e7a2c9b40
Revises: 2e151638ba39
Create Date: 2026-12-03 10:00:00.000000

"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1e7a2c9b40'
down_revision = '5e1f0c2a9b47'
branch_labels = None
depends_on = None

NUMBERS = {'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7, 'eight': 8, 'nine': 9,
           'ten': 10, 'eleven': 11, 'twelve': 12, 'eins': 1, 'ein': 1, 'einen': 1, 'zwei': 2, 'drei': 3,
           'vier': 4, 'fünf': 5, 'sechs': 6, 'sieben': 7, 'acht': 8, 'neun': 9, 'zehn': 10, 'elf': 11, 'zwölf': 12,
           'a': 1, 'an': 1}
PATTERN = re.compile(r'(\d{1,2}|[a-zäöü]+)\s*(months?|monate?n?|years?|jahre?n?)\b', re.IGNORECASE)


def parse_months(text):
    """Return the months the first duration in a free text names ("6 months", "sechs Monate", "one year"), else None."""
    for number, unit in PATTERN.findall(text or ''):
        value = int(number) if number.isdigit() else NUMBERS.get(number.lower())
        if value is not None:
            months = value * (12 if unit.lower().startswith(('y', 'j')) else 1)
            return months if 0 < months <= 36 else None
    return None


def upgrade():
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('start_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('duration_months', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('meeting_rhythm', sa.String(length=200), nullable=False, server_default=''))
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('duration_flagged', sa.Boolean(), nullable=False, server_default=sa.false()))
    _carry_over(op.get_bind())


def _carry_over(conn):
    """Read each version's free-text duration; start it on the signature day; flag agreements left unclear."""
    versions = sa.table('agreement_versions', sa.column('id', sa.Integer), sa.column('agreement_id', sa.Integer),
                        sa.column('number', sa.Integer), sa.column('content', sa.JSON),
                        sa.column('start_on', sa.Date), sa.column('duration_months', sa.Integer))
    agreements = sa.table('agreements', sa.column('id', sa.Integer), sa.column('signed_at', sa.DateTime),
                          sa.column('duration_flagged', sa.Boolean))
    signed = {row.id: row.signed_at for row in conn.execute(sa.select(agreements.c.id, agreements.c.signed_at))}
    latest = {}
    for row in conn.execute(sa.select(versions).order_by(versions.c.agreement_id, versions.c.number)):
        months = parse_months(((row.content or {}).get('sections') or {}).get('duration'))
        start = signed.get(row.agreement_id)
        conn.execute(versions.update().where(versions.c.id == row.id).values(
            duration_months=months, start_on=start.date() if start else None))
        latest[row.agreement_id] = months
    unclear = [agreement_id for agreement_id, months in latest.items() if months is None]
    if unclear:
        conn.execute(agreements.update().where(agreements.c.id.in_(unclear)).values(duration_flagged=True))


def downgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_column('duration_flagged')
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.drop_column('meeting_rhythm')
        batch_op.drop_column('duration_months')
        batch_op.drop_column('start_on')
