"""Deployment files: gunicorn settings, systemd units (checked by systemd-analyze) and the cron lines in the docs."""
import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
from flask import request
from werkzeug.middleware.proxy_fix import ProxyFix

from bridge import create_app

ROOT = Path(__file__).resolve().parents[3]
SYSTEMD = ROOT / "deploy" / "systemd"
DAYS = {"": "*", "Mon..Sat ": "1-6", "Sun ": "0"}


def test_gunicorn_config():
    conf = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert conf["workers"] >= 3 and conf["timeout"] > 0
    assert conf["accesslog"] == "-" and conf["forwarded_allow_ips"]


def test_serve_runs_gunicorn_with_the_config(app, monkeypatch):
    calls = []
    monkeypatch.setattr("os.execv", lambda path, args: calls.append(args))
    result = app.test_cli_runner().invoke(args=["serve", "--bind", "0.0.0.0:9000"])
    assert result.exit_code == 0, result.output
    [args] = calls
    assert args[1:4] == ["-m", "gunicorn", "-c"] and args[4].endswith("deploy/gunicorn.conf.py")
    assert args[-3:] == ["--bind", "0.0.0.0:9000", "bridge:create_app()"]


def test_worker_without_redis_says_jobs_run_inline(app):
    result = app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code == 2 and "QSER_REDIS_URL" in result.output


def test_proxy_fix_only_when_configured(tmp_path):
    plain = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    proxied = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x", "PROXY_COUNT": 1})
    assert not isinstance(plain.wsgi_app, ProxyFix)
    assert isinstance(proxied.wsgi_app, ProxyFix) and proxied.wsgi_app.x_proto == 1
    seen = {}
    proxied.before_request(lambda: seen.update(scheme=request.scheme, addr=request.remote_addr))
    proxied.test_client().get("/healthz", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert seen == {"scheme": "https", "addr": "203.0.113.9"}


def _timers() -> list[tuple[str, str, str]]:
    """Return (minute, hour, day of week) and the command of every timer."""
    out = []
    for timer in sorted(SYSTEMD.glob("*.timer")):
        days, hour, minute = re.search(r"^OnCalendar=(\w+\.\.\w+ |\w+ |)\*-\*-\* (\d\d):(\d\d):00$",
                                       timer.read_text(), re.M).groups()
        service = (SYSTEMD / timer.name.replace(".timer", ".service")).read_text()
        command = re.search(r"^ExecStart=/opt/qser/\.venv/bin/(qser .+)$", service, re.M).group(1)
        out.append((f"{int(minute)} {int(hour)} * * {DAYS[days]}", command))
    return out


def test_cron_lines_match_the_timers():
    docs = (ROOT / "docs" / "operations.md").read_text()
    cron = {(" ".join(line.split()[:5]), line.split("/opt/qser/.venv/bin/")[1])
            for line in docs.splitlines() if "/opt/qser/.venv/bin/qser" in line and line[:1].isdigit()}
    assert set(_timers()) == cron and len(cron) == 5


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_units_verify(tmp_path):
    for unit in SYSTEMD.iterdir():
        text = unit.read_text().replace("/opt/qser", str(ROOT)).replace("EnvironmentFile=/", "EnvironmentFile=-/")
        (tmp_path / unit.name).write_text(text)
    units = sorted(str(p) for p in tmp_path.iterdir())
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
