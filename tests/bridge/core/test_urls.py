"""`next` targets: only local paths survive, checked as a browser would read them."""
import pytest

from bridge.core.urls import is_safe_path

BYPASSES = [
    "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example",
    "/\n/evil.example", "/\r/evil.example", " /evil.example", "/\x00/evil.example", "/\x0b/evil.example",
    "/\u2028/evil.example", "/\u00a0/evil.example", "/\u200b/evil.example", "https://evil.example",
    "http:/evil.example", "javascript:alert(1)", "evil.example", "", None, "/" + "a" * 3000,
    "\t//evil.example", "/\\/evil.example",
]
SAFE = ["/", "/people/", "/pairing/pairs?state=active", "/qa/#answer-3", "/search?q=%2F%2Fevil", "/ümlaut"]


@pytest.mark.parametrize("target", BYPASSES)
def test_bypasses_are_refused(target):
    assert not is_safe_path(target)


@pytest.mark.parametrize("target", SAFE)
def test_local_paths_are_kept(target):
    assert is_safe_path(target)
