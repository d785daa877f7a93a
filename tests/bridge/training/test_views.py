import hashlib
import io
import zipfile

import pytest

import scorm_packages

MODULES = ["multiculturalism", "diversity", "intercultural-communication"]


def test_catalogue_lists_modules_with_objectives_and_links(client):
    resp = client.get("/training/")
    assert resp.status_code == 200
    for module_id in MODULES:
        assert f"/oer/{module_id}/en/scorm12.zip" in resp.text
        assert f"/oer/{module_id}/de/preview/" in resp.text
    assert "Introduction to multiculturalism and immigration" in resp.text
    assert "Learning objectives" in resp.text


def test_catalogue_in_german_shows_german_titles(client):
    client.post("/language", data={"locale": "de"})
    resp = client.get("/training/")
    assert "Einführung in Multikulturalismus und Einwanderung" in resp.text


@pytest.mark.parametrize("standard", scorm_packages.STANDARDS)
def test_package_download_has_etag_and_last_modified(client, standard):
    resp = client.get(f"/oer/diversity/de/{standard}.zip")
    assert resp.status_code == 200
    assert resp.mimetype == "application/zip"
    digest = hashlib.sha256(resp.data).hexdigest()
    assert resp.headers["ETag"] == f'"{digest}"'
    assert resp.headers["Last-Modified"]
    with zipfile.ZipFile(io.BytesIO(resp.data)) as archive:
        assert "imsmanifest.xml" in archive.namelist()


def test_package_conditional_get_and_head(client):
    first = client.get("/oer/multiculturalism/en/scorm12.zip")
    etag = first.headers["ETag"]
    again = client.get("/oer/multiculturalism/en/scorm12.zip", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    since = client.get("/oer/multiculturalism/en/scorm12.zip",
                       headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    head = client.head("/oer/multiculturalism/en/scorm12.zip")
    assert head.status_code == 200 and head.headers["ETag"] == etag and head.data == b""


def test_package_same_bytes_twice(client):
    one = client.get("/oer/intercultural-communication/en/scorm2004.zip").data
    two = client.get("/oer/intercultural-communication/en/scorm2004.zip").data
    assert one == two


@pytest.mark.parametrize("url", ["/oer/nope/en/scorm12.zip", "/oer/diversity/fr/scorm12.zip",
                                 "/oer/diversity/en/scorm99.zip", "/oer/diversity/en/preview/nothing.html",
                                 "/oer/diversity/en/preview/imsmanifest.xml"])
def test_unknown_package_or_file_is_404(client, url):
    assert client.get(url).status_code == 404


def test_preview_serves_launch_page_in_preview_mode(client):
    resp = client.get("/oer/multiculturalism/en/preview/")
    assert resp.status_code == 200
    assert resp.mimetype == "text/html"
    assert b"<main" in resp.data


def test_broken_content_gives_503_with_message(app, client, tmp_path):
    (tmp_path / "01-broken").mkdir()
    (tmp_path / "01-broken" / "module.yaml").write_text("id: [unclosed\n")
    app.config["OER_DIR"] = str(tmp_path)
    resp = client.get("/training/")
    assert resp.status_code == 503
    assert b"qser oer validate" in resp.data
