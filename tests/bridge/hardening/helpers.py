"""Helpers for the hardening tests: every POST route, a client logged in as a person, row counts of every table."""
import sqlalchemy as sa
from flask import url_for


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


def post_rules(app) -> list:
    """Return every rule that accepts POST (the forms of the service), in a stable order."""
    rules = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    return sorted(rules, key=lambda rule: rule.rule)


def build_url(app, rule, ids: dict) -> str:
    """Return the rule's URL with the world's ids (1 for anything unknown)."""
    with app.test_request_context():
        return url_for(rule.endpoint, **{arg: ids.get(arg, 1) for arg in rule.arguments})
