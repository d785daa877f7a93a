"""people search: one trigram index over name, email and department together

The people search now matches a text across a person's fields ("Anna Müller" finds Anna Müller), and on
PostgreSQL it reads one trigram index over that one expression instead of four index scans joined by OR: the
count of a common name at 10,000 people fell from 17 ms to 3 ms (issue 15). Where pg_trgm is not available the
search still works, only without the index.

Revision ID: 5b7e2c9d4f18
Revises: ae4fae2b91f1
Create Date: 2026-12-03 17:55:00
"""
import logging

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b7e2c9d4f18'
down_revision = 'ae4fae2b91f1'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
# The same expression as bridge.modules.people.operations.search_text (the planner matches it literally).
SEARCH_TEXT = "lower(first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(department, ''))"
OLD_COLUMNS = ("first_name", "last_name", "email", "department")


def _trigram_index(bind, statement: str) -> None:
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            bind.execute(sa.text(statement))
    except sa.exc.DBAPIError as exc:
        log.warning("No trigram index for the people search (pg_trgm not available: %s)", exc.orig)


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_people_search_trgm")
    _trigram_index(bind, f"CREATE INDEX ix_people_search_text ON people USING gin (({SEARCH_TEXT}) gin_trgm_ops)")


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_people_search_text")
    columns = ", ".join(f"lower({c}) gin_trgm_ops" for c in OLD_COLUMNS)
    _trigram_index(bind, f"CREATE INDEX ix_people_search_trgm ON people USING gin ({columns})")
