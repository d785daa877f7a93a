"""Every migration runs up and down on each backend, and the models match the migrated schema."""
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from bridge import create_app
from bridge.extensions import db
from tests.conftest import BACKENDS, create_pg_database, drop_pg_database, test_config


@pytest.fixture(params=BACKENDS)
def fresh_app(request, tmp_path):
    if request.param == "postgresql":
        url = create_pg_database("qser_migtest")
    else:
        url = f"sqlite:///{tmp_path / 'mig.sqlite'}"
    app = create_app(test_config(url, tmp_path / "instance"))
    with app.app_context():
        yield app
        db.engine.dispose()
    if request.param == "postgresql":
        drop_pg_database(url)


def _diff(connection):
    ctx = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(ctx, db.metadata)


def test_migrations_up_match_models_and_down_remove_everything(fresh_app):
    upgrade()
    with db.engine.connect() as conn:
        assert _diff(conn) == []
        tables = set(sa.inspect(conn).get_table_names())
    assert {t.name for t in db.metadata.sorted_tables} <= tables
    downgrade(revision="base")
    with db.engine.connect() as conn:
        left = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
    assert left == set()
    upgrade()
