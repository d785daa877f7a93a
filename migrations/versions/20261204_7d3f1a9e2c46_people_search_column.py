"""people search: a stored search column on PostgreSQL, with the trigram index on it

PostgreSQL's planner costs lower() over the joined name, email and department as cheap, so for a common name
("Müller", one person in ten) it scanned the table and lowercased all 10,000 people (14 ms) instead of reading
the trigram index (3.7 ms). The lowercased text is now a stored generated column, kept by PostgreSQL on every
insert and update: a scan of it costs 3 ms and the index is on the column itself (issue 15). SQLite has no such
column: it keeps computing the expression (bridge.modules.people.operations.search_text).

Revision ID: 7d3f1a9e2c46
Revises: 5b7e2c9d4f18
Create Date: 2026-12-04 04:45:00
"""
import logging

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7d3f1a9e2c46'
down_revision = '5b7e2c9d4f18'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
# The expression of migration 5b7e2c9d4f18 and of bridge.modules.people.operations.search_text.
SEARCH_TEXT = "lower(first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(department, ''))"


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
    op.execute("DROP INDEX IF EXISTS ix_people_search_text")
    op.execute(f"ALTER TABLE people ADD COLUMN search_text text GENERATED ALWAYS AS ({SEARCH_TEXT}) STORED")
    _trigram_index(bind, "CREATE INDEX ix_people_search_text ON people USING gin (search_text gin_trgm_ops)")


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_people_search_text")
    op.execute("ALTER TABLE people DROP COLUMN IF EXISTS search_text")
    _trigram_index(bind, f"CREATE INDEX ix_people_search_text ON people USING gin (({SEARCH_TEXT}) gin_trgm_ops)")
