"""Shared fixtures: an app per database backend, a client, login_as(role) and small factories.

Every test that uses `app` runs on SQLite, and also on PostgreSQL when QSER_TEST_DATABASE_URL is
set. The suite creates its own uniquely named PostgreSQL database and drops it at the end.
"""
import os
import uuid

import pytest
import sqlalchemy as sa
from flask.globals import _cv_app
from flask.testing import FlaskClient
from sqlalchemy.engine import make_url

pytest_plugins = ["tests.browser"]

PG_URL = os.environ.get("QSER_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
TEST_PASSWORD = "correct horse battery"


def _pg_url(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def create_pg_database(prefix: str = "qser_test") -> str:
    """Create a uniquely named PostgreSQL database and return its URL."""
    base = _pg_url(PG_URL)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    """Drop a database created by create_pg_database."""
    name = make_url(url).database
    engine = sa.create_engine(_pg_url(PG_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def database_urls(tmp_path_factory):
    """Return one migrated database URL per backend (created once per test session)."""
    from flask_migrate import upgrade

    from bridge import create_app

    urls = {"sqlite": f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"}
    if PG_URL:
        urls["postgresql"] = create_pg_database()
    try:
        for url in urls.values():
            app = create_app(test_config(url, tmp_path_factory.mktemp("instance")))
            with app.app_context():
                upgrade()
                app.extensions["sqlalchemy"].engine.dispose()
        yield urls
    finally:
        if "postgresql" in urls:
            drop_pg_database(urls["postgresql"])


def test_config(url: str, instance_path, **extra) -> dict:
    """Return the configuration used by tests."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": url,
        "INSTANCE_PATH": str(instance_path),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_BACKEND": "file",
        "BASE_URL": "http://localhost",
        "STORAGE_DIR": str(instance_path / "storage"),
        "PASSWORD_HASH_PARAMS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},
    }
    config.update(extra)
    return config


test_config.__test__ = False


class IsolatedClient(FlaskClient):
    """A test client whose requests run in their own app context, as in production.

    The `app` fixture keeps an app context pushed for the test body; without this, requests would
    share its `g` (the logged-in user cache) and its database session.
    """

    def open(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)


def _clean(db) -> None:
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture(params=BACKENDS)
def app(request, database_urls, tmp_path):
    """Return an app on an empty migrated database, with an app context pushed."""
    from bridge import create_app
    from bridge.extensions import db, limiter

    extra = {}
    marker = request.node.get_closest_marker("app_config")
    if marker:
        extra.update(marker.kwargs)
    application = create_app(test_config(database_urls[request.param], tmp_path / "instance", **extra))
    application.config["DB_BACKEND"] = request.param
    application.test_client_class = IsolatedClient
    with application.app_context():
        _clean(db)
        if application.config["RATELIMIT_ENABLED"]:
            limiter.reset()
        yield application
        _clean(db)
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def db(app):
    """Return the Flask-SQLAlchemy object bound to the test app."""
    from bridge.extensions import db as _db

    return _db


@pytest.fixture
def client(app):
    """Return a test client."""
    return app.test_client()


@pytest.fixture
def make_person(db):
    """Return a factory that creates and commits a person (with a password when asked)."""
    from bridge.modules.accounts.operations import set_password
    from bridge.modules.people.operations import create_person

    counter = iter(range(1, 10_000))

    def factory(roles=(), password=TEST_PASSWORD, **fields):
        n = next(counter)
        data = {"first_name": f"Test{n}", "last_name": f"Person{n}", "email": f"person{n}@example.org",
                "languages": ["de", "en"], "department": "Social services", "roles": list(roles)}
        data.update(fields)
        person = create_person(None, data)
        if password:
            set_password(person, password)
        db.session.commit()
        return person

    return factory


@pytest.fixture
def login_as(client, make_person):
    """Return a function that creates a person with the given role(s) and logs the client in."""

    def login(*roles, **fields):
        person = make_person(roles=roles, **fields)
        with client.session_transaction() as session:
            session["_user_id"] = person.account.get_id()
            session["_fresh"] = True
        return person

    return login


@pytest.fixture
def outbox(app):
    """Return a function listing the mails written by the development mail backend."""
    import email
    import email.policy
    from pathlib import Path

    def read():
        folder = Path(app.instance_path) / "mail"
        if not folder.exists():
            return []
        return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
                for p in sorted(folder.glob("*.eml"))]

    return read
