"""The README's links all point to files inside the repository."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_readme_links_stay_inside_the_repository():
    links = LINK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    local = [link.split("#", 1)[0] for link in links if not re.match(r"[a-z]+:", link)]
    assert local, "the README links to its documents"
    for target in local:
        path = (ROOT / target).resolve()
        assert path.is_relative_to(ROOT) and path.exists(), f"README links to {target}, outside the repository"
    assert all(link.startswith("https://") for link in links if re.match(r"[a-z]+:", link))
