"""Help pages: public, in English and German, safely rendered, reachable from every page, as PDF."""
import pytest

from bridge.modules.help.operations import LANGUAGES, PAGES_DIR, SLUGS, load_page


def test_every_page_exists_in_both_languages():
    for lang in LANGUAGES:
        assert sorted(p.stem for p in (PAGES_DIR / lang).glob("*.md")) == sorted(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_page_is_public_and_has_a_pdf(client, slug):
    response = client.get(f"/help/{slug}")
    assert response.status_code == 200 and b"<h1>" in response.data
    pdf = client.get(f"/help/{slug}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF-")


def test_german_pages_follow_the_locale(client):
    page = client.get("/help/job-shadowing-checklist", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "<h1>Checkliste für Trainer, die Job-Shadowing durchführen</h1>" in page and 'lang="de"' in page
    pdf = client.get("/help/mentors.pdf", headers={"Accept-Language": "de"})
    assert "mentors-de.pdf" in pdf.headers["Content-Disposition"]
    assert load_page("mentors", "fr").lang == "en"


def test_index_lists_every_page_and_unknown_page_is_404(client):
    page = client.get("/help/").get_data(as_text=True)
    for slug in SLUGS:
        assert f'href="/help/{slug}"' in page and f'href="/help/{slug}.pdf"' in page
    assert client.get("/help/nonexistent").status_code == 404


@pytest.mark.parametrize("url", ["/login", "/apply", "/help/"])
def test_help_link_on_every_page(client, url):
    assert b'href="/help/"' in client.get(url).data


def test_help_link_for_logged_in_people(client, login_as):
    login_as("mentee")
    assert b'href="/help/"' in client.get("/").data


def test_rendering_escapes_raw_html(monkeypatch, tmp_path):
    from bridge.modules.help import operations

    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "mentors.md").write_text("# T\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
    monkeypatch.setattr(operations, "PAGES_DIR", tmp_path)
    html = str(load_page("mentors", "en").body)
    assert "<script>" not in html and "javascript:" not in html


def test_a_page_is_rendered_once_and_again_when_its_file_changes(monkeypatch, tmp_path):
    import os

    from bridge.modules.help import operations

    (tmp_path / "en").mkdir()
    page = tmp_path / "en" / "mentors.md"
    page.write_text("# First title\n\nFirst text.\n")
    monkeypatch.setattr(operations, "PAGES_DIR", tmp_path)
    first = load_page("mentors", "en")
    assert first.title == "First title" and load_page("mentors", "en").body is first.body  # kept, not re-rendered
    page.write_text("# Second title\n\nSecond text.\n")
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later version of the file
    second = load_page("mentors", "en")
    assert second.title == "Second title" and "Second text." in str(second.body)
