"""Uploads are checked by content and size; rejected files leave nothing behind."""
import io
import zipfile
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from bridge.core import uploads
from bridge.core.errors import ValidationFailed
from bridge.modules.mentoring.models import Document

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20
OLE = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 20


def _zip(entries: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _file(data: bytes, name="file.pdf"):
    return FileStorage(io.BytesIO(data), name)


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n...", "pdf"), (PNG, "png"), (JPEG, "jpeg"), (OLE, "doc"),
    (_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}), "docx"),
    (_zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<x/>"}), "xlsx"),
    (_zip({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}), "pptx"),
    (_zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<c/>"}), "odt"),
    (_zip({"hello.txt": "a plain zip"}), None), (b"MZ\x90\x00 windows exe", None), (b"<html>", None),
])
def test_detect_kind_reads_content(data, kind):
    assert uploads.detect_kind(data) == kind


def test_check_upload_returns_kind_mimetype_and_data():
    assert uploads.check_upload(_file(PNG, "x.png"), uploads.DOCUMENTS, 1000) == ("png", "image/png", PNG)


@pytest.mark.parametrize("data, name, message", [
    (b"", "empty.pdf", "The file is empty."),
    (b"%PDF-" + b"x" * 2000, "big.pdf", "larger than"),
    (b"MZ\x90\x00 windows exe", "report.pdf", "not accepted"),
    (b"#!/bin/sh\nrm -rf /", "photo.jpg", "not accepted"),
])
def test_check_upload_rejects_with_clear_message(data, name, message):
    with pytest.raises(ValidationFailed) as exc:
        uploads.check_upload(_file(data, name), uploads.DOCUMENTS, 1000)
    assert message in str(exc.value) and exc.value.field == "file"


def test_check_upload_respects_allowed_kinds():
    with pytest.raises(ValidationFailed):
        uploads.check_upload(_file(OLE, "a.doc"), uploads.SCANS, 1000)


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "passwd.pdf"), ("..\\..\\boot.ini", "boot.pdf"), ("/abs/path/Plan 2026.pdf",
                                                                          "Plan_2026.pdf"),
    ("", "document.pdf"), ("....", "document.pdf"), ("scan.exe", "scan.pdf"),
])
def test_display_name_is_safe_and_matches_the_content(name, expected):
    assert uploads.display_name(name, "pdf") == expected


def test_store_uses_random_names_below_the_root(app):
    name = uploads.store(b"data", "pairs/7")
    assert name.startswith("pairs/7/") and len(name.rsplit("/", 1)[1]) == 32
    assert uploads.path_of(name).read_bytes() == b"data"
    for bad in ("../x", "pairs/../../x", ""):
        with pytest.raises(ValueError):
            uploads.store(b"x", bad)
    with pytest.raises(ValueError):
        uploads.path_of("../../etc/passwd")


def _stored_files(app):
    root = Path(app.config["STORAGE_DIR"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.app_config(UPLOAD_MAX_BYTES=1024)
@pytest.mark.parametrize("data, name, message", [
    (b"%PDF-" + b"x" * 2000, "big.pdf", b"larger than"),
    (b"MZ\x90\x00 an executable", "harmless.pdf", b"not accepted"),
    (b"", "empty.pdf", b"The file is empty."),
    (b"<script>alert(1)</script>", "../../static/evil.png", b"not accepted"),
])
def test_bad_uploads_are_rejected_and_nothing_is_stored(app, client, db, login, tandem, data, name, message):
    login(tandem.mentee)
    resp = client.post(f"/pairs/{tandem.id}/documents", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")
    assert resp.status_code == 400 and message in resp.data
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0
    assert _stored_files(app) == []


def test_missing_file_is_rejected(client, login, tandem):
    login(tandem.mentee)
    resp = client.post(f"/pairs/{tandem.id}/documents", data={}, content_type="multipart/form-data")
    assert resp.status_code == 400 and b"Please choose a file" in resp.data


def test_path_traversal_name_is_stored_under_a_random_name(app, client, db, login, tandem):
    login(tandem.mentee)
    resp = client.post(f"/pairs/{tandem.id}/documents",
                       data={"file": (io.BytesIO(b"%PDF-1.4 ok"), "../../../etc/cron.d/job.pdf")},
                       content_type="multipart/form-data")
    assert resp.status_code == 302
    doc = db.session.scalar(db.select(Document))
    assert doc.original_name == "job.pdf" and ".." not in doc.storage_name
    assert doc.size == 11 and doc.mimetype == "application/pdf" and len(doc.sha256) == 64
    assert _stored_files(app) == [uploads.path_of(doc.storage_name)]


def test_download_is_an_attachment_with_original_name_and_nosniff(client, db, login, tandem):
    login(tandem.mentee)
    client.post(f"/pairs/{tandem.id}/documents", data={"file": (io.BytesIO(PNG), "Photo.PNG")},
                content_type="multipart/form-data")
    doc = db.session.scalar(db.select(Document))
    with client.get(f"/pairs/{tandem.id}/documents/{doc.id}") as resp:
        assert resp.status_code == 200 and resp.data == PNG
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.headers["Content-Type"] == "image/png"
        disposition = resp.headers["Content-Disposition"]
        assert "attachment" in disposition and "Photo.png" in disposition


def test_only_the_owner_deletes_a_document(app, client, db, login, tandem):
    login(tandem.mentee)
    client.post(f"/pairs/{tandem.id}/documents", data={"file": (io.BytesIO(PNG), "a.png")},
                content_type="multipart/form-data")
    doc = db.session.scalar(db.select(Document))
    login(tandem.mentor)
    client.post(f"/pairs/{tandem.id}/documents/{doc.id}/delete")
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 1
    login(tandem.mentee)
    client.post(f"/pairs/{tandem.id}/documents/{doc.id}/delete")
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0 and _stored_files(app) == []
