"""Page rendering: Markdown becomes sanitised HTML whose ids cannot clash between pages."""
from pathlib import Path

from scorm_packages.markup import page_body
from scorm_packages.model import Page
from scorm_packages.render import entries, file_names


def page(text: str, slug: str = "02-test") -> Page:
    """Return a page with `text` below a title line."""
    return Page(slug=slug, title="Test", markdown=f"# Test\n\n{text}\n", path=Path("x.md"))


def test_page_body_strips_scripts_and_event_handlers():
    body = page_body(page('<script>alert(1)</script><b onclick="x()">bold</b>'), "en")
    assert "<script" not in body and "onclick" not in body and "<b>bold</b>" in body


def test_page_body_drops_javascript_links():
    body = page_body(page("[click](javascript:alert(1))"), "en")
    assert "javascript" not in body and "<a>click</a>" in body


def test_page_body_prefixes_footnote_ids_with_slug():
    body = page_body(page("Text.[^1]\n\n[^1]: Note."), "en")
    assert 'id="02-test-fn:1"' in body and 'href="#02-test-fn:1"' in body


def test_page_body_leaves_out_title_line():
    assert "<h1" not in page_body(page("Body."), "en")


def test_page_body_table_is_keyboard_scrollable_region():
    body = page_body(page("| a | b |\n| --- | --- |\n| 1 | 2 |"), "de")
    assert '<div class="table-wrap" role="region" tabindex="0" aria-label="Tabelle 1">' in body
    assert '<th scope="col">a</th>' in body


def test_page_body_external_link_says_new_window_in_german():
    body = page_body(page("[UNHCR](https://www.unhcr.org)"), "de")
    assert "(öffnet in einem neuen Fenster)" in body and 'target="_blank"' in body


def test_entries_scorm_are_in_document_anchors(fixture_module):
    stops = entries(fixture_module.translation("en"), "scorm12")
    assert [s.href for s in stops][:2] == ["#page-01-welcome", "#page-02-what-is-culture"]
    assert (stops[-1].slug, stops[-1].title) == ("quiz", "Knowledge check")


def test_file_names_are_sorted_and_complete(fixture_module):
    names = file_names(fixture_module, "de", "imscp")
    assert names == sorted(names) and "quiz.html" in names and "media/counter.png" in names


def test_page_body_matrix_table_gets_row_headers():
    body = page_body(page("| | Yes | No |\n| --- | --- | --- |\n| Keep | a | b |"), "en")
    assert "<td></td>" in body and '<th scope="row">Keep</th>' in body
