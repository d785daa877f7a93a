"""CSRF: every POST route of the url map refuses a request without the form token, and writes nothing."""
import pytest

from tests.bridge.hardening.helpers import build_url, client_for, post_rules, row_counts


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_every_post_route_needs_the_csrf_token(app, db, make_person):
    coordinator = make_person(roles=["coordinator", "mentor"])
    ids = {"token": "not-a-token", "decision": "accept", "action": "done", "kind": "pin", "language": "en",
           "key": "midterm", "form_key": "midterm"}
    before = row_counts(db)
    accepted = []
    for rule in post_rules(app):
        response = client_for(app, coordinator).post(build_url(app, rule, ids), data={"title": "x"})
        if response.status_code != 400:
            accepted.append(f"{response.status_code} {rule.rule}")
    assert accepted == []
    assert row_counts(db) == before
