"""Browser test: Moodle's launch auto-posts into the tool (OIDC login, id_token) and the learner lands in the tandem
workspace without a password."""
import pytest

from tests.bridge.lti.platform import FakePlatform
from tests.bridge.mentoring.conftest import make_tandem  # noqa: F401  (fixture)
from tests.browser import assert_accessible, nav_to

pytestmark = pytest.mark.browser


@pytest.fixture
def moodle(app, db, live_server):
    """Run the test platform and register it with the live tool."""
    from bridge.modules.lti.operations.platforms import create_platform

    server = FakePlatform().start()
    server.tool_url = live_server
    create_platform(None, server.registration())
    db.session.commit()
    yield server
    server.stop()


def test_learner_launches_from_moodle_into_the_tandem_workspace(app, db, live_server, page, moodle, make_tandem):
    pair = make_tandem()
    pair.mentee.moodle_user_id = 42
    db.session.commit()
    moodle.users["42"] = {"sub": "42"}
    page.goto(f"{moodle.url}/start?user=42&target=tandem")
    page.wait_for_url(f"{live_server}/pairs/{pair.id}/")
    page.get_by_role("heading", name="Tandem workspace").wait_for()
    assert page.get_by_text(pair.mentee.full_name).first.is_visible()


def test_unknown_learner_sees_what_to_do(app, db, live_server, page, moodle):
    moodle.users["77"] = {"sub": "77"}
    page.goto(f"{moodle.url}/start?user=77&target=tandem")
    page.get_by_role("heading", name="We do not know you yet").wait_for()
    assert page.url == f"{live_server}/lti/launch"
    assert_accessible(page)


def test_coordinator_page_lists_platform_and_launches(app, db, live_server, page, moodle, make_person):
    from tests.conftest import TEST_PASSWORD

    coordinator = make_person(roles=["coordinator"])
    moodle.users["77"] = {"sub": "77"}
    page.goto(f"{moodle.url}/start?user=77&target=tandem")
    page.get_by_role("heading", name="We do not know you yet").wait_for()
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    nav_to(page, "Moodle single sign-on")
    page.get_by_role("heading", name="Last launches").wait_for()
    assert page.get_by_role("cell", name="unknown user, nothing created").is_visible()
    assert_accessible(page)
