"""The `qser sync` commands: configuration messages, summary line, exit codes."""
import pytest

from sync.cli import sync_group
from sync.jobs.lock import sync_lock
from tests.sync.helpers import ACTIVITIES


@pytest.fixture
def configured(oer, monkeypatch):
    """Point the QSER_MOODLE_* variables at the fake Moodle."""
    monkeypatch.setenv("QSER_MOODLE_URL", oer.url)
    monkeypatch.setenv("QSER_MOODLE_TOKEN", oer.token)
    monkeypatch.setenv("QSER_MOODLE_COURSES", "QSER-OER")
    mapping = ",".join(f"{k}={v}" for k, v in ACTIVITIES.items())
    monkeypatch.setenv("QSER_MOODLE_ACTIVITIES", mapping)
    return oer


def invoke(app, *args):
    """Run `qser sync ...` against the test app."""
    return app.test_cli_runner().invoke(sync_group, list(args))


def test_unconfigured_command_says_what_to_set(app, monkeypatch):
    """Without QSER_MOODLE_* the command exits 2 and lists the variables."""
    for name in ("URL", "TOKEN", "COURSES", "ACTIVITIES"):
        monkeypatch.delenv(f"QSER_MOODLE_{name}", raising=False)
    result = invoke(app, "nightly")
    assert result.exit_code == 2
    assert "set QSER_MOODLE_URL" in result.output and "set QSER_MOODLE_COURSES" in result.output


def test_nightly_prints_one_summary_line_and_exits_0(app, configured, make_person):
    """A successful run ends with a one-line summary and exit code 0."""
    make_person(roles=["mentee"], password=None)
    result = invoke(app, "nightly", "--full")
    assert result.exit_code == 0, result.output
    line = result.output.strip().splitlines()[-1]
    assert line.startswith("sync nightly #") and "succeeded" in line and "created 1" in line


def test_dry_run_flag_is_reported(app, configured, make_person):
    """--dry-run says so in the summary."""
    make_person(roles=["mentee"], password=None)
    result = invoke(app, "users", "--dry-run")
    assert result.exit_code == 0 and "dry run, nothing written" in result.output


def test_failed_run_exits_non_zero_with_the_reason(app, configured):
    """A revoked token: exit code 1 and the message says which setting to check."""
    configured.invalidate_token()
    result = invoke(app, "completions")
    assert result.exit_code == 1 and "QSER_MOODLE_TOKEN" in result.output


def test_second_run_exits_3_with_a_clear_message(app, configured, db):
    """While another run holds the lock, the command refuses to start."""
    with sync_lock(db.engine, app.instance_path):
        result = invoke(app, "nightly")
    assert result.exit_code == 3 and "another sync run is in progress" in result.output


def test_runs_lists_recent_runs(app, configured):
    """`qser sync runs` prints one summary per run."""
    invoke(app, "completions")
    result = invoke(app, "runs")
    assert result.exit_code == 0 and result.output.startswith("sync completions #")
