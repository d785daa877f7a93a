"""Helpers for the hardening tests: a client logged in as a person, row counts of every table."""
import sqlalchemy as sa


def client_for(app, person=None):
    """Return a new client, logged in as the person (with the account's current session version)."""
    client = app.test_client()
    if person is not None:
        with client.session_transaction() as session:
            session["_user_id"] = person.account.get_id()
            session["_fresh"] = True
    return client


def row_counts(db) -> dict:
    """Return the number of rows of every table, in one query."""
    tables = db.metadata.sorted_tables
    query = sa.union_all(*[sa.select(sa.literal(t.name).label("name"), sa.func.count().label("n")).select_from(t)
                           for t in tables])
    db.session.rollback()
    return dict(db.session.execute(query).all())
