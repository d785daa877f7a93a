"""Settings from QSER_MOODLE_* variables, with messages that say exactly what to set."""
import pytest

from sync.config import MoodleSettings
from sync.exceptions import MoodleConfigError

FULL = {"QSER_MOODLE_URL": "https://moodle.example.org/", "QSER_MOODLE_TOKEN": "abc",
        "QSER_MOODLE_COURSES": "QSER-OER, 7",
        "QSER_MOODLE_ACTIVITIES":
            "multiculturalism=11, diversity=12,intercultural-communication=13"}


def test_settings_are_read_with_defaults():
    """Courses and activities are parsed; batch size, concurrency and roles have defaults."""
    settings = MoodleSettings.from_env(FULL)
    assert settings.url == "https://moodle.example.org" and settings.courses == ("QSER-OER", "7")
    assert settings.activities == {"multiculturalism": 11, "diversity": 12,
                                   "intercultural-communication": 13}
    assert (settings.batch_size, settings.concurrency) == (50, 4)
    assert settings.role_ids == {"mentee": 5, "mentor": 5, "coordinator": 4, "external": 5}
    assert "abc" not in repr(settings)


def test_missing_settings_are_listed_by_name():
    """Without configuration the error lists every variable to set, with an example."""
    with pytest.raises(MoodleConfigError) as info:
        MoodleSettings.from_env({})
    text = str(info.value)
    assert text.splitlines()[0] == "Moodle sync is not configured."
    for name in ("QSER_MOODLE_URL", "QSER_MOODLE_TOKEN", "QSER_MOODLE_COURSES"):
        assert f"set {name}" in text
    assert "QSER_MOODLE_ACTIVITIES" not in text


def test_activities_are_optional():
    """Without QSER_MOODLE_ACTIVITIES the sync finds the activities itself."""
    env = {k: v for k, v in FULL.items() if k != "QSER_MOODLE_ACTIVITIES"}
    assert MoodleSettings.from_env(env).activities == {}


def test_role_per_companion_role():
    """Coordinators and externals get the Moodle role configured for them."""
    env = {**FULL, "QSER_MOODLE_ROLE_COORDINATOR": "3", "QSER_MOODLE_ROLE_EXTERNAL": "9"}
    roles = MoodleSettings.from_env(env).role_ids
    assert (roles["coordinator"], roles["external"], roles["mentee"]) == (3, 9, 5)


def test_app_config_comes_first_and_environment_fills_in(app):
    """The web app and the sync read one settings object: app config, then QSER_* variables."""
    app.config.update(MOODLE_URL="https://app.example.org", MOODLE_TOKEN="from-app")
    env = {**FULL, "QSER_MOODLE_URL": "https://env.example.org"}
    settings = MoodleSettings.from_app(app, env=env)
    assert (settings.url, settings.token) == ("https://app.example.org", "from-app")
    assert settings.courses == ("QSER-OER", "7")


@pytest.mark.parametrize("name, value, fragment", [
    ("QSER_MOODLE_ACTIVITIES", "multicultural=11", "unknown module 'multicultural'"),
    ("QSER_MOODLE_ACTIVITIES", "diversity=x", "diversity needs a numeric course-module id"),
    ("QSER_MOODLE_CONCURRENCY", "0", "QSER_MOODLE_CONCURRENCY must be an integer >= 1"),
    ("QSER_MOODLE_URL", "moodle.example.org", "must start with http:// or https://"),
])
def test_malformed_values_are_explained(name, value, fragment):
    """A malformed value is named together with what is expected."""
    with pytest.raises(MoodleConfigError) as info:
        MoodleSettings.from_env({**FULL, name: value})
    assert fragment in str(info.value)


def test_score_share_and_quizzes_are_read_and_checked():
    """QSER_MOODLE_SCORE_SHARE is a percentage (20 by default); QSER_MOODLE_QUIZZES like activities."""
    assert MoodleSettings.from_env(FULL).score_share == 20
    assert MoodleSettings.from_env(FULL).quizzes == {}
    settings = MoodleSettings.from_env({**FULL, "QSER_MOODLE_SCORE_SHARE": "0",
                                        "QSER_MOODLE_QUIZZES": "diversity=22"})
    assert (settings.score_share, settings.quizzes) == (0, {"diversity": 22})
    with pytest.raises(MoodleConfigError) as info:
        MoodleSettings.from_env({**FULL, "QSER_MOODLE_SCORE_SHARE": "150",
                                 "QSER_MOODLE_QUIZZES": "quiz=x,diversity=abc"})
    text = str(info.value)
    assert "QSER_MOODLE_SCORE_SHARE must be a percentage from 0 to 100 (got 150)" in text
    assert "QSER_MOODLE_QUIZZES: unknown module 'quiz'" in text
    assert "QSER_MOODLE_QUIZZES: diversity needs a numeric course-module id" in text
