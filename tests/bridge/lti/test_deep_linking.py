"""Deep linking: a teacher picks companion activities; the tool answers with a signed JWT auto-posted back."""
import re

import jwt

from tests.bridge.lti.platform import CLAIM, INSTRUCTOR, LEARNER

DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"
RETURN_URL = "https://moodle.example/mod/lti/contentitem_return.php"
SETTINGS = {DL + "deep_linking_settings": {"deep_link_return_url": RETURN_URL, "accept_types": ["ltiResourceLink"],
                                           "data": "opaque-42"}}


def _picker(launch, roles=(INSTRUCTOR,)):
    return launch(sub="7", roles=roles, message_type="LtiDeepLinkingRequest", **SETTINGS)


def _context(page: str) -> str:
    return re.search(r'name="context" type="hidden" value="([^"]+)"', page).group(1)


def test_teacher_sees_the_activity_picker_without_being_a_companion_person(launch):
    response = _picker(launch)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for title in ("My tandem", "Evaluations due", "Mentor database"):
        assert title in page


def test_learner_cannot_place_activities(launch, db):
    from bridge.modules.lti.models import LtiLaunch

    response = _picker(launch, roles=(LEARNER,))
    assert response.status_code == 403 and "Only teachers" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(LtiLaunch)).result == "rejected"


def test_deep_link_response_is_a_signed_jwt_auto_posted_to_moodle(launch, client, platform_server):
    context = _context(_picker(launch).get_data(as_text=True))
    response = client.post("/lti/deep-link", data={"context": context, "targets": ["tandem", "mentordb"],
                                                   "presentation": "window"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'action="https://moodle.example/mod/lti/contentitem_return.php"' in page
    assert "/static/autopost.js" in page
    token = re.search(r'name="JWT" value="([^"]+)"', page).group(1)
    jwks = client.get("/lti/jwks").get_json()
    key = jwt.PyJWKSet.from_dict(jwks)[jwt.get_unverified_header(token)["kid"]]
    claims = jwt.decode(token, key.key, algorithms=["RS256"], audience=platform_server.url)
    assert claims["iss"] == "qser-tool" and claims[CLAIM + "message_type"] == "LtiDeepLinkingResponse"
    assert claims[CLAIM + "deployment_id"] == "1" and claims[DL + "data"] == "opaque-42"
    items = claims[DL + "content_items"]
    assert [item["custom"]["target"] for item in items] == ["tandem", "mentordb"]
    assert items[0]["url"] == "http://localhost/lti/launch" and "window" in items[0]


def test_deep_link_without_a_choice_asks_again(launch, client):
    context = _context(_picker(launch).get_data(as_text=True))
    response = client.post("/lti/deep-link", data={"context": context, "presentation": "iframe"})
    assert response.status_code == 400 and "Choose at least one activity" in response.get_data(as_text=True)


def test_deep_link_with_a_forged_context_is_refused(client, platform):
    response = client.post("/lti/deep-link", data={"context": "forged", "targets": ["tandem"],
                                                   "presentation": "window"})
    assert response.status_code == 400
