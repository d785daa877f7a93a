"""Settings from QSER_MOODLE_* variables, with messages that say exactly what to set."""
import pytest

from sync.config import MoodleSettings
from sync.exceptions import MoodleConfigError

FULL = {"QSER_MOODLE_URL": "https://moodle.example.org/", "QSER_MOODLE_TOKEN": "abc",
        "QSER_MOODLE_COURSES": "QSER-OER, 7",
        "QSER_MOODLE_ACTIVITIES":
            "multiculturalism=11, diversity=12,intercultural-communication=13"}


def test_settings_are_read_with_defaults():
    """Courses and activities are parsed; batch size, concurrency and role have defaults."""
    settings = MoodleSettings.from_env(FULL)
    assert settings.url == "https://moodle.example.org" and settings.courses == ("QSER-OER", "7")
    assert settings.activities == {"multiculturalism": 11, "diversity": 12,
                                   "intercultural-communication": 13}
    assert (settings.batch_size, settings.concurrency, settings.student_role_id) == (100, 4, 5)
    assert "abc" not in repr(settings)


def test_missing_settings_are_listed_by_name():
    """Without configuration the error lists every variable to set, with an example."""
    with pytest.raises(MoodleConfigError) as info:
        MoodleSettings.from_env({})
    text = str(info.value)
    assert text.splitlines()[0] == "Moodle sync is not configured."
    for name in ("QSER_MOODLE_URL", "QSER_MOODLE_TOKEN", "QSER_MOODLE_COURSES",
                 "QSER_MOODLE_ACTIVITIES"):
        assert f"set {name}" in text


def test_users_sync_does_not_need_activities():
    """`qser sync users` needs only URL, token and courses."""
    env = {k: v for k, v in FULL.items() if k != "QSER_MOODLE_ACTIVITIES"}
    assert MoodleSettings.from_env(env, needs=("url", "token", "courses")).activities == {}


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
