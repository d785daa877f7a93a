"""Contract: the fake answers recorded Moodle 4.5 requests with the same shapes (keys and types)."""
import json
import pathlib

import pytest
import requests

from tests.fake_moodle.dispatch import FUNCTIONS
from tests.fake_moodle.seed import (add_recorded_discussions, add_url_packages, forget_group, forget_user,
                                    seed_lab)

FIXTURES = pathlib.Path(__file__).resolve().parents[3] / "shared" / "moodle-fixtures"
# Calls the bridge makes that were never recorded: shapes from Moodle's source, each file names its source.
OWN_FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"
PROTOCOL_CASES = {"invalid_token", "invalid_token.debuginfo", "missing_token", "missing_wsfunction",
                  "unknown_function", "unknown_function.debuginfo", "function_not_in_service",
                  "function_not_in_service.debuginfo"}
# Recorded functions the fake deliberately does not implement, and why.
NOT_COVERED = {
    "core_cohort_add_cohort_members": "cohorts are not used by the sync",
    "core_cohort_create_cohorts": "cohorts are not used by the sync",
    "core_completion_get_course_completion_status": "the sync reads activity completion only",
    "core_completion_override_activity_completion_status": "the sync never writes completion",
    "core_course_create_courses": "courses are created by Moodle admins, not by the sync",
    "core_course_get_contents": "activities are found with mod_scorm_get_scorms_by_courses",
    "core_course_get_courses": "courses are resolved with core_course_get_courses_by_field",
    "mod_scorm_get_scorm_attempt_count": "completion state and grades carry what the sync needs",
    "mod_scorm_get_scorm_sco_tracks": "completion state and grades carry what the sync needs",
    "mod_scorm_get_scorm_scoes": "completion state and grades carry what the sync needs",
    "mod_scorm_get_scorm_user_data": "completion state and grades carry what the sync needs",
}
# State changes that put the lab site back where it was when a case was recorded.
SETUP = {
    "core_user_create_users.ok": lambda s: forget_user(s, 10),
    "core_enrol_get_enrolled_users.ok": lambda s: forget_user(s, 10),
    "core_group_create_groups.ok": lambda s: forget_group(s, 3),
    "mod_scorm_get_scorms_by_courses.url_packages": add_url_packages,
    "mod_forum_get_forum_discussions.ok": add_recorded_discussions,
    "mod_forum_get_discussion_posts.ok": add_recorded_discussions,
    "mod_forum_add_discussion_post.ok": add_recorded_discussions,
}


def fixture_files():
    """Return every recorded fixture file."""
    return sorted(FIXTURES.glob("*.json")) if FIXTURES.is_dir() else []


def own_fixture_files():
    """Return the fake's own (source-derived) fixture files."""
    return sorted(OWN_FIXTURES.glob("*.json"))


def load(path):
    """Load one fixture and its case name."""
    data = json.loads(path.read_text())
    return data, path.name[: -len(".json")]


def covered(path):
    """Tell whether the fake must reproduce this fixture."""
    data, case = load(path)
    return case in PROTOCOL_CASES or data["wsfunction"] in FUNCTIONS


def shape(value):
    """Return a hashable description of a JSON value's keys and types (JSON strings decoded)."""
    if isinstance(value, dict):
        return ("object", tuple(sorted((k, shape(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("list", frozenset(shape(v) for v in value))
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return ("json", shape(json.loads(value)))
        except ValueError:
            return "string"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return "null" if value is None else "string"


def differences(expected, actual, path="$"):
    """List human-readable differences between two shapes."""
    if expected == actual:
        return []
    if isinstance(expected, tuple) and isinstance(actual, tuple) and expected[0] == actual[0]:
        if expected[0] == "object":
            exp, act = dict(expected[1]), dict(actual[1])
            out = [f"{path}: missing {k}" for k in exp.keys() - act.keys()]
            out += [f"{path}: unexpected {k}" for k in act.keys() - exp.keys()]
            for key in exp.keys() & act.keys():
                out += differences(exp[key], act[key], f"{path}.{key}")
            return out
        if expected[0] == "json":
            return differences(expected[1], actual[1], path + "<json>")
        return [f"{path}[]: element shapes differ: {_brief(expected)} != {_brief(actual)}"]
    return [f"{path}: {_brief(expected)} != {_brief(actual)}"]


def _brief(item):
    """Return a short text of a shape."""
    text = repr(item)
    return text if len(text) < 300 else text[:300] + "..."


def replay(fake, data, case):
    """Seed the fake like the lab, send the recorded request, return the decoded answer."""
    seed_lab(fake.state)
    fake.state.debug = case.endswith(".debuginfo")
    SETUP.get(case, lambda s: None)(fake.state)
    params = dict(data["request_params"])
    if not case.startswith(("invalid_token", "missing_token")):
        params["wstoken"] = fake.token
    return requests.post(fake.url + "/webservice/rest/server.php", data=params, timeout=10).json()


@pytest.mark.skipif(not fixture_files(), reason="../shared/moodle-fixtures is not present")
@pytest.mark.parametrize("path", [p for p in fixture_files() if covered(p)], ids=lambda p: p.name)
def test_fake_answers_like_recorded_moodle(fake_moodle, path):
    """The fake's answer has the recorded answer's keys, types and error codes."""
    data, case = load(path)
    answer = replay(fake_moodle, data, case)
    assert differences(shape(data["response"]), shape(answer)) == []
    if isinstance(data["response"], dict) and "errorcode" in data["response"]:
        assert answer["errorcode"] == data["response"]["errorcode"]
        assert answer["exception"] == data["response"]["exception"]


@pytest.mark.parametrize("path", own_fixture_files(), ids=lambda p: p.name)
def test_fake_answers_like_moodle_source_says(fake_moodle, path):
    """Unrecorded calls: the fake answers with the shape Moodle's source defines; the file names that source."""
    data, case = load(path)
    assert data["source"].strip() and data["recorded_at"] is None
    assert data["wsfunction"] in FUNCTIONS
    answer = replay(fake_moodle, data, case)
    assert differences(shape(data["response"]), shape(answer)) == []
    if isinstance(data["response"], dict) and "errorcode" in data["response"]:
        assert answer["errorcode"] == data["response"]["errorcode"]


def test_own_fixtures_are_not_recorded_functions():
    """A call with a recording is checked against the recording, not against a fixture made from source."""
    recorded = {load(p)[0]["wsfunction"] for p in fixture_files()}
    assert [p.name for p in own_fixture_files() if load(p)[0]["wsfunction"] in recorded] == []


@pytest.mark.skipif(not fixture_files(), reason="../shared/moodle-fixtures is not present")
def test_every_fixture_is_covered_or_listed_with_a_reason():
    """No recorded function is silently skipped: covered, or listed in NOT_COVERED."""
    unlisted = [p.name for p in fixture_files()
                if not covered(p) and load(p)[0]["wsfunction"] not in NOT_COVERED]
    listed_but_implemented = sorted(set(NOT_COVERED) & set(FUNCTIONS))
    assert unlisted == [] and listed_but_implemented == []


def test_shape_differences_are_reported():
    """The comparison catches a missing key, a type change and a new list element shape."""
    expected = shape({"a": 1, "b": [{"x": "s"}], "c": None})
    actual = shape({"a": "1", "b": [{"x": "s"}, {"y": 1}]})
    found = differences(expected, actual)
    assert any("missing c" in d for d in found)
    assert any("$.a" in d for d in found)
    assert any("$.b[]" in d for d in found)
