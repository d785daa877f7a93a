"""A loopback web server with extracted packages and an LMS page that runs scorm-again."""
from __future__ import annotations

import contextlib
import functools
import io
import shutil
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scorm_packages import build_package

from .helpers import REPO

SCORM_AGAIN = REPO / "tests" / "js" / "node_modules" / "scorm-again" / "dist" / "scorm-again.js"

# The LMS side: a scorm-again API (1.2 or 2004) on window.API / window.API_1484_11, optionally
# loaded with data saved from an earlier session (window.QSER_SAVED, set by an init script),
# and the package's launch page in an iframe, as Moodle's player does.
HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS harness</title>
<script src="/lib/scorm-again.js"></script></head>
<body>
<iframe id="sco" title="Course" style="width:100%;height:900px;border:0"></iframe>
<script>
  var params = new URLSearchParams(location.search);
  var standard = params.get('standard');
  window.lmsCalls = [];
  window.lmsErrors = [];
  var settings = {
    logLevel: 4,
    onLogMessage: function (level, message) { window.lmsErrors.push(String(message)); }
  };
  var api = standard === 'scorm2004' ? new Scorm2004API(settings) : new Scorm12API(settings);
  if (window.QSER_SAVED) { api.loadFromJSON(window.QSER_SAVED); }
  ['LMSInitialize', 'LMSCommit', 'LMSFinish', 'Initialize', 'Commit', 'Terminate']
    .forEach(function (name) { api.on(name, function () { window.lmsCalls.push(name); }); });
  window.lmsSets = [];
  api.on(standard === 'scorm2004' ? 'SetValue.cmi.*' : 'LMSSetValue.cmi.*',
    function (element, value) { window.lmsSets.push([element, value]); });
  if (standard === 'scorm2004') { window.API_1484_11 = api; } else { window.API = api; }
  window.lms = api;
  window.cmi = function () { return JSON.parse(JSON.stringify(api.cmi)); };
  window.closeSco = function () { document.getElementById('sco').src = 'about:blank'; };
  document.getElementById('sco').src = '/pkg/' + params.get('pkg') + '/' + params.get('launch');
</script>
</body></html>
"""


class QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler that does not log every request to stderr."""

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        """Stay silent."""


def require_scorm_again() -> Path:
    """Return scorm-again's browser build, failing (never skipping) when it is not installed."""
    if not SCORM_AGAIN.exists():
        pytest.fail(f"{SCORM_AGAIN} is missing: run `npm ci --prefix tests/js` first "
                    "(the Makefile does this)")
    return SCORM_AGAIN


def extract(data: bytes, target: Path) -> None:
    """Unzip package bytes into `target`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(target)


def build_site(root: Path, module, packages: list[tuple[str, str]], lms: bool = True) -> None:
    """Lay out the extracted (lang, standard) packages and, if `lms`, the LMS harness."""
    if lms:
        (root / "lib").mkdir(parents=True)
        shutil.copy(require_scorm_again(), root / "lib" / "scorm-again.js")
        (root / "lms.html").write_text(HARNESS, encoding="utf-8")
    for lang, standard in packages:
        extract(build_package(module, lang, standard), root / "pkg" / f"{lang}-{standard}")


@contextlib.contextmanager
def serve(root: Path):
    """Serve `root` on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
