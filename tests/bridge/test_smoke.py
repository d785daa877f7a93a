def test_login_page_renders(client):
    resp = client.get("/login")
    assert resp.status_code == 200
    assert b"Log in" in resp.data


def test_home_redirects_anonymous_to_login(client):
    resp = client.get("/")
    assert resp.status_code == 302
    assert "/login" in resp.headers["Location"]


def test_coordinator_sees_people(client, login_as):
    login_as("coordinator")
    resp = client.get("/people/")
    assert resp.status_code == 200
    assert b"Test1" in resp.data
