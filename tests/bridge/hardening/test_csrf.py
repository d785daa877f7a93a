"""CSRF: every POST route of the url map refuses a request without the form token, and writes nothing.

The LTI endpoints are the only exception: Moodle posts to them cross-site, so a CSRF token cannot exist; they
are protected by the signed id_token, the one-time state and nonce instead (tests/bridge/lti). They may log
the refused launch attempt and nothing else.
"""
import pytest

from tests.bridge.hardening.helpers import build_url, client_for, post_rules, row_counts


LTI_ENDPOINTS = {"/lti/login", "/lti/launch", "/lti/deep-link"}


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_every_post_route_needs_the_csrf_token(app, db, make_person):
    coordinator = make_person(roles=["coordinator", "mentor"])
    ids = {"token": "not-a-token", "decision": "accept", "action": "done", "kind": "pin", "language": "en",
           "key": "midterm", "form_key": "midterm"}
    before = row_counts(db)
    accepted = []
    for rule in post_rules(app):
        if rule.rule in LTI_ENDPOINTS:
            continue
        response = client_for(app, coordinator).post(build_url(app, rule, ids), data={"title": "x"})
        if response.status_code != 400:
            accepted.append(f"{response.status_code} {rule.rule}")
    assert accepted == []
    assert row_counts(db) == before


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_lti_endpoints_refuse_a_post_without_a_signed_token(app, db, make_person):
    before = row_counts(db)
    for path in sorted(LTI_ENDPOINTS):
        assert app.test_client().post(path, data={"title": "x"}).status_code in (400, 403)
    after = row_counts(db)
    assert {table: n for table, n in after.items() if n != before.get(table)} in ({}, {"lti_launches": 1})
