"""system events as codes: a tandem's state change keeps the system's cause as an event code with parameters
(rendered in the reader's language) instead of English text; old audit rows get the parameters their sentences use

Revision ID: ae4fae2b91f1
Revises: 386eea4c89d5
Create Date: 2026-12-03 14:00:00.000000

"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ae4fae2b91f1'
down_revision = '386eea4c89d5'
branch_labels = None
depends_on = None

SIGNED = re.compile(r"^Agreement version (\d+) signed$")
FIRST_SESSION = "First session confirmed"
VERSION = re.compile(r"(?:^|\s)v(\d+)$")
RUN = re.compile(r"^run (\d+)$")
PURGED = re.compile(r"^(\d+) applications anonymised$")

transitions = sa.table('pair_transitions', sa.column('id', sa.Integer), sa.column('comment', sa.Text),
                       sa.column('event', sa.String), sa.column('event_params', sa.JSON))
audit = sa.table('audit_events', sa.column('id', sa.Integer), sa.column('action', sa.String),
                 sa.column('summary', sa.String), sa.column('details', sa.JSON))


def _transitions(conn):
    rows = conn.execute(sa.select(transitions.c.id, transitions.c.comment).where(
        sa.or_(transitions.c.comment == FIRST_SESSION, transitions.c.comment.like('Agreement version % signed')))).all()
    for row_id, comment in rows:
        if comment == FIRST_SESSION:
            event, params = 'session.first_confirmed', {}
        elif (match := SIGNED.match(comment)):
            event, params = 'agreement.signed', {'version': int(match.group(1))}
        else:
            continue
        conn.execute(transitions.update().where(transitions.c.id == row_id)
                     .values(comment='', event=event, event_params=params))


def _audit_params(action: str, summary: str) -> dict:
    if action.startswith('agreement.') and (match := VERSION.search(summary or '')):
        params = {'version': int(match.group(1))}
        if action == 'agreement.template_saved':
            params['language'] = summary.split(' ')[0]
        return params
    if action.startswith('pairing.run') and (match := RUN.match(summary or '')):
        return {'run': int(match.group(1))}
    if action.startswith('session.') and re.match(r'^\d{4}-\d{2}-\d{2}$', summary or ''):
        return {'day': summary}
    if action == 'externals.purged' and (match := PURGED.match(summary or '')):
        return {'count': int(match.group(1))}
    return {}


def _audit(conn):
    rows = conn.execute(sa.select(audit.c.id, audit.c.action, audit.c.summary, audit.c.details).where(
        sa.or_(audit.c.action.like('agreement.%'), audit.c.action.like('pairing.run%'),
               audit.c.action.like('session.%'), audit.c.action == 'externals.purged'))).all()
    for row_id, action, summary, details in rows:
        params = _audit_params(action, summary)
        if params:
            conn.execute(audit.update().where(audit.c.id == row_id).values(details={**(details or {}), **params}))


def upgrade():
    with op.batch_alter_table('pair_transitions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event', sa.String(length=60), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('event_params', sa.JSON(), nullable=True))
    conn = op.get_bind()
    _transitions(conn)
    _audit(conn)


def downgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.select(transitions.c.id, transitions.c.event, transitions.c.event_params).where(
        transitions.c.event != '')).all()
    for row_id, event, params in rows:
        if event == 'session.first_confirmed':
            comment = FIRST_SESSION
        elif event == 'agreement.signed':
            comment = f"Agreement version {(params or {}).get('version')} signed"
        else:
            continue
        conn.execute(transitions.update().where(transitions.c.id == row_id).values(comment=comment))
    with op.batch_alter_table('pair_transitions', schema=None) as batch_op:
        batch_op.drop_column('event_params')
        batch_op.drop_column('event')
