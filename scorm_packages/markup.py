"""Turn page Markdown into sanitised HTML fragments that are safe to put into one document."""
from __future__ import annotations

from html import escape

import markdown
import nh3
from lxml import html as lxml_html

from .model import Page
from .strings import strings_for

EXTENSIONS = ["tables", "attr_list", "def_list", "footnotes"]
TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
        "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_CLASSES = {"a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}}
EXTERNAL = ("http://", "https://", "mailto:")


def page_body(page: Page, lang: str) -> str:
    """Return the page's HTML without its title line, ids prefixed with the page slug."""
    text = page.markdown.split("\n", 1)[1] if "\n" in page.markdown else ""
    strings = strings_for(lang)
    converter = markdown.Markdown(
        extensions=EXTENSIONS,
        extension_configs={"footnotes": {"BACKLINK_TITLE": strings["footnote_back"]}},
        output_format="html",
    )
    clean = nh3.clean(converter.convert(text), tags=TAGS, attributes=ATTRIBUTES,
                      allowed_classes=ALLOWED_CLASSES, url_schemes={"http", "https", "mailto"},
                      link_rel=None, strip_comments=True)
    return _post_process(clean, page.slug, strings)


def _post_process(fragment: str, slug: str, strings: dict[str, str]) -> str:
    """Prefix ids, mark external links and make tables scrollable and labelled."""
    if not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter():
        if element.get("id"):
            element.set("id", f"{slug}-{element.get('id')}")
    for link in root.iter("a"):
        _fix_link(link, slug, strings)
    for index, table in enumerate(list(root.iter("table")), start=1):
        _scope_headers(table)
        _wrap_table(table, index, strings)
    text = escape(root.text or "", quote=False)
    return text + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def _fix_link(link, slug: str, strings: dict[str, str]) -> None:
    """Point in-page anchors at prefixed ids; open external links in a new window."""
    href = link.get("href", "")
    if href.startswith("#"):
        link.set("href", f"#{slug}-{href[1:]}")
    elif href.startswith(EXTERNAL):
        link.set("target", "_blank")
        link.set("rel", "noopener noreferrer")
        hint = lxml_html.Element("span", {"class": "visually-hidden"})
        hint.text = " " + strings["new_window"]
        link.append(hint)


def _scope_headers(table) -> None:
    """Mark column headers; an empty top-left header makes the first column row headers."""
    heads = table.xpath("./thead/tr/th")
    for cell in heads:
        cell.set("scope", "col")
    if heads and not heads[0].text_content().strip():
        heads[0].tag = "td"
        del heads[0].attrib["scope"]
        for row in table.xpath("./tbody/tr"):
            if len(row) and row[0].tag == "td":
                row[0].tag = "th"
                row[0].set("scope", "row")


def _wrap_table(table, index: int, strings: dict[str, str]) -> None:
    """Put `table` in a focusable scroll region so narrow screens can scroll it by keyboard."""
    wrapper = lxml_html.Element("div", {"class": "table-wrap", "role": "region", "tabindex": "0",
                                        "aria-label": f"{strings['table']} {index}"})
    table.addprevious(wrapper)
    wrapper.append(table)
