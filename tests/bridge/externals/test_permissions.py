"""Who may open each externals route: the public form is open; the review is for coordinators only."""
import pytest

from tests.bridge.externals.helpers import make_application

PUBLIC = ["/apply", "/apply/thanks"]
COORDINATOR_GET = ["/applications/", "/applications/{id}", "/applications/{id}/cv", "/applications/template"]
COORDINATOR_POST = ["/applications/{id}/comment", "/applications/{id}/request-info", "/applications/{id}/accept",
                    "/applications/{id}/reject", "/applications/template", "/applications/template/0/remove"]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_open_to_anonymous(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", [None, "mentor", "mentee", "external", "management"])
def test_review_routes_closed_to_others(app, client, db, login_as, role):
    application = make_application(app, db)
    if role:
        login_as(role)
    for url in COORDINATOR_GET:
        response = client.get(url.format(id=application.id))
        assert response.status_code == (302 if role is None else 403), url
    for url in COORDINATOR_POST:
        response = client.post(url.format(id=application.id), data={"body": "x", "reason": "x", "label": "x"})
        assert response.status_code == (302 if role is None else 403), url
    db.session.expire_all()
    assert application.state == "submitted" and application.comments == []


def test_coordinator_opens_every_route(app, client, db, login_as):
    application = make_application(app, db)
    login_as("coordinator")
    for url in COORDINATOR_GET:
        response = client.get(url.format(id=application.id))
        assert response.status_code == 200, url
        response.close()
    assert client.get("/applications/999999").status_code == 404
    cv = client.get(f"/applications/{application.id}/cv")
    assert cv.mimetype == "application/pdf" and cv.data.startswith(b"%PDF-")
    cv.close()
