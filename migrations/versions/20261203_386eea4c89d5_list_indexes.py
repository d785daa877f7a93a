"""list indexes: people by name, holders of a role, tandems by creation, and (PostgreSQL) a trigram index for the people search

Revision ID: 386eea4c89d5
Revises: 1c6290fbf416
Create Date: 2026-12-03 14:30:00.000000

The mentor database, the people list and the pairing pages list people by name and by role; at 10,000
people sorting everyone for one page of 25 dominated the request (issue 15). The trigram index lets the
people search (a substring of name, email or department, case-insensitive) use an index on PostgreSQL;
where the pg_trgm extension cannot be created the search still works, only without that index.
"""
import logging

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '386eea4c89d5'
down_revision = '1c6290fbf416'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
SEARCH_COLUMNS = ("first_name", "last_name", "email", "department")


def upgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index('ix_people_name', ['last_name', 'first_name', 'id'], unique=False)
    with op.batch_alter_table('person_roles', schema=None) as batch_op:
        batch_op.create_index('ix_person_roles_role', ['role', 'person_id'], unique=False)
    with op.batch_alter_table('pairs', schema=None) as batch_op:
        batch_op.create_index('ix_pairs_created', ['created_at', 'id'], unique=False)
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            columns = ", ".join(f"lower({c}) gin_trgm_ops" for c in SEARCH_COLUMNS)
            bind.execute(sa.text(f"CREATE INDEX ix_people_search_trgm ON people USING gin ({columns})"))
    except sa.exc.DBAPIError as exc:
        log.warning("No trigram index for the people search (pg_trgm not available: %s)", exc.orig)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_people_search_trgm")
    with op.batch_alter_table('pairs', schema=None) as batch_op:
        batch_op.drop_index('ix_pairs_created')
    with op.batch_alter_table('person_roles', schema=None) as batch_op:
        batch_op.drop_index('ix_person_roles_role')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index('ix_people_name')
