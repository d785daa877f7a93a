"""Package zips: deterministic bytes, layout, valid contents and self-contained HTML."""
import hashlib
import io
import re
import stat
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from scorm_packages import (STANDARDS, build_package, clear_cache, load_module, package_errors,
                            package_filename, package_sha256, write_package)
from scorm_packages.package import zip_bytes

from .helpers import MODULE_DIR, edit

LANGS = ["en", "de"]
NAMES = st.from_regex(r"[a-z0-9]{1,8}(/[a-z0-9]{1,8}){0,2}\.(html|js|png)", fullmatch=True)


def unzip(data: bytes) -> dict[str, bytes]:
    """Return the files of a zip keyed by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def html_files(data: bytes) -> dict:
    """Return the parsed HTML documents of a package keyed by name."""
    return {name: lxml_html.fromstring(body) for name, body in unzip(data).items()
            if name.endswith(".html")}


@pytest.mark.parametrize("standard", STANDARDS)
def test_build_package_is_byte_identical_across_builds(fixture_module, standard):
    clear_cache()
    first = build_package(fixture_module, "de", standard)
    clear_cache()
    assert build_package(fixture_module, "de", standard) == first


def test_build_package_changes_hash_when_content_changes(oer_copy):
    before = {std: package_sha256(load_module(oer_copy / MODULE_DIR), "en", std)
              for std in STANDARDS}
    edit(oer_copy / MODULE_DIR / "en" / "06-summary.md", "learned and shared", "learned, shared")
    after = {std: package_sha256(load_module(oer_copy / MODULE_DIR), "en", std)
             for std in STANDARDS}
    assert all(before[std] != after[std] for std in STANDARDS)


def test_build_package_other_language_is_unchanged_by_edit(oer_copy):
    before = build_package(load_module(oer_copy / MODULE_DIR), "de", "scorm12")
    edit(oer_copy / MODULE_DIR / "en" / "06-summary.md", "learned and shared", "learned, shared")
    assert build_package(load_module(oer_copy / MODULE_DIR), "de", "scorm12") == before


@pytest.mark.parametrize("standard", STANDARDS)
def test_build_package_zip_layout_is_fixed(fixture_module, standard):
    with zipfile.ZipFile(io.BytesIO(build_package(fixture_module, "en", standard))) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names[0] == "imsmanifest.xml" and names[1:] == sorted(names[1:])
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert stat.S_IMODE(info.external_attr >> 16) == 0o644
        assert stat.S_ISREG(info.external_attr >> 16)
        assert info.extra == b"" and info.create_system == 3
        assert not info.filename.startswith("/") and ".." not in info.filename
        assert info.compress_type == zipfile.ZIP_DEFLATED


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("lang", LANGS)
def test_package_errors_none_for_fixture(fixture_module, standard, lang):
    assert package_errors(build_package(fixture_module, lang, standard), standard) == []


def test_package_errors_reports_missing_file(fixture_module):
    files = unzip(build_package(fixture_module, "en", "scorm12"))
    del files["assets/qser.css"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    assert package_errors(buffer.getvalue(), "scorm12") == [
        "manifest lists 'assets/qser.css' but the zip does not contain it"]


def test_build_package_scorm_files(fixture_module):
    names = set(unzip(build_package(fixture_module, "en", "scorm2004")))
    assert names == {"imsmanifest.xml", "index.html", "assets/qser.css", "assets/qser-key.js", "assets/qser-lms.js",
                     "assets/qser-scorm.js", "media/counter.png"}


def test_build_package_imscp_has_one_file_per_page(fixture_module):
    names = set(unzip(build_package(fixture_module, "de", "imscp")))
    pages = {p.slug + ".html" for p in fixture_module.translation("de").pages}
    assert pages | {"quiz.html", "imsmanifest.xml"} <= names and "index.html" not in names


def test_write_package_names_file_and_matches_bytes(fixture_module, tmp_path):
    path = write_package(fixture_module, "de", "scorm2004", tmp_path / "dist")
    assert path.name == "intercultural-basics-de-scorm2004.zip"
    assert path.name == package_filename(fixture_module, "de", "scorm2004")
    assert path.read_bytes() == build_package(fixture_module, "de", "scorm2004")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_package_sha256_is_sha_of_bytes(fixture_module):
    data = build_package(fixture_module, "en", "imscp")
    assert package_sha256(fixture_module, "en", "imscp") == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("standard", STANDARDS)
def test_build_package_html_loads_nothing_external(fixture_module, standard):
    data = build_package(fixture_module, "en", standard)
    names = set(unzip(data))
    for name, doc in html_files(data).items():
        refs = doc.xpath("//script/@src | //link/@href | //img/@src | //iframe/@src")
        assert refs, name
        assert all(ref in names for ref in refs), (name, refs)
        assert not doc.xpath("//*[@style] | //style"), name
    css = unzip(data)["assets/qser.css"].decode()
    assert not re.search(r"url\(|@import|https?:", css)


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("lang", LANGS)
def test_build_package_html_is_accessible_markup(fixture_module, standard, lang):
    for name, doc in html_files(build_package(fixture_module, lang, standard)).items():
        assert doc.get("lang") == lang, name
        assert doc.xpath("//main[@id='main']") and doc.xpath("//nav[@aria-label]")
        assert doc.xpath("//a[@href='#main']"), "skip link"
        assert all(img.get("alt", "").strip() for img in doc.iter("img"))
        ids = doc.xpath("//@id")
        assert len(ids) == len(set(ids)), f"duplicate ids in {name}"
        for field in doc.iter("input"):
            assert doc.xpath(f"//label[@for='{field.get('id')}']"), field.get("id")
        assert all(fs.find("legend") is not None for fs in doc.iter("fieldset"))


def test_build_package_german_interface_texts(fixture_module):
    doc = html_files(build_package(fixture_module, "de", "scorm12"))["index.html"]
    assert doc.xpath("//a[@class='skip-link']/text()") == ["Zum Inhalt springen"]
    assert "Antworten prüfen" in doc.text_content()


def test_build_package_external_link_opens_new_window(fixture_module):
    doc = html_files(build_package(fixture_module, "en", "scorm12"))["index.html"]
    (link,) = doc.xpath("//a[starts-with(@href, 'https://')]")
    assert link.get("target") == "_blank" and "noopener" in link.get("rel")


@given(st.dictionaries(NAMES, st.binary(max_size=200), min_size=1, max_size=8))
def test_zip_bytes_is_deterministic_and_lossless(files):
    data = zip_bytes(files)
    assert zip_bytes(dict(reversed(list(files.items())))) == data
    assert unzip(data) == files
