"""Checked uploads: the type is read from the content (magic bytes), never from the name or the browser."""
import hashlib
import io
import secrets
import zipfile
from pathlib import Path

from flask import current_app
from werkzeug.utils import secure_filename

from bridge.core.effects import on_rollback
from bridge.core.errors import N_, NotFound, ValidationFailed
from bridge.core.i18n import fmt_number
from bridge.core.storage import StoredFileMissing, storage

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
OOXML = {"word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
         "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
         "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")}
ODF = {"application/vnd.oasis.opendocument.text": "odt",
       "application/vnd.oasis.opendocument.spreadsheet": "ods",
       "application/vnd.oasis.opendocument.presentation": "odp"}
# Kinds a caller may allow, grouped for convenience.
IMAGES = frozenset({"png", "jpeg"})
OFFICE = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp", "doc"})
DOCUMENTS = frozenset({"pdf"}) | OFFICE | IMAGES
SCANS = frozenset({"pdf"}) | IMAGES
MIMETYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg", "doc": "application/msword",
             **{kind: mime for kind, mime in OOXML.values()}, **{kind: mime for mime, kind in ODF.items()}}


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return ODF.get(archive.read("mimetype").decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                return next((kind for prefix, (kind, _m) in OOXML.items()
                             if any(n.startswith(prefix) for n in names)), None)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def detect_kind(data: bytes) -> str | None:
    """Return the kind of a file from its first bytes (pdf, png, jpeg, doc, docx, odt ...), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(OLE_SIGNATURE):
        return "doc"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


def _read_limited(file_storage, max_bytes: int) -> bytes:
    data = file_storage.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationFailed(N_("The file is larger than %(mb)s MB. Please upload a smaller file."),
                               field="file", mb=fmt_number(max_bytes / 1024 / 1024, 1))
    return data


def display_name(filename: str | None, kind: str) -> str:
    """Return a safe display name (no directories), ending in an extension that matches the kind."""
    name = secure_filename((filename or "").replace("\\", "/").rsplit("/", 1)[-1]) or "document"
    extension = "jpg" if kind == "jpeg" else kind
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem[:150] or 'document'}.{extension}"


def check_upload(file_storage, allowed_kinds, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str, bytes]:
    """Read an uploaded file and return (kind, mimetype, data) or raise ValidationFailed."""
    if file_storage is None or not getattr(file_storage, "filename", ""):
        raise ValidationFailed(N_("Please choose a file to upload."), field="file")
    data = _read_limited(file_storage, max_bytes)
    if not data:
        raise ValidationFailed(N_("The file is empty."), field="file")
    kind = detect_kind(data)
    if kind is None or kind not in allowed_kinds:
        raise ValidationFailed(N_("This type of file is not accepted. Allowed: %(kinds)s."), field="file",
                               kinds=", ".join(sorted(k.upper() for k in allowed_kinds)))
    return kind, MIMETYPES[kind], data


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 of the bytes in hex."""
    return hashlib.sha256(data).hexdigest()


def storage_root() -> Path:
    """Return the configured storage folder (QSER_STORAGE_DIR) of the local store, outside the static files."""
    return Path(current_app.config["STORAGE_DIR"]).resolve()


def _safe_subdir(subdir: str) -> Path:
    parts = [p for p in str(subdir).split("/") if p]
    if not parts or any(p in (".", "..") or secure_filename(p) != p for p in parts):
        raise ValueError(f"unsafe storage folder: {subdir!r}")
    return Path(*parts)


def store(data: bytes, subdir: str) -> str:
    """Store the bytes under a random name in the configured storage; return the storage name (subdir/name).

    The file is removed again if the current transaction rolls back, so no file outlives a refused row.
    """
    name = (_safe_subdir(subdir) / secrets.token_hex(16)).as_posix()
    storage().put(name, data)
    on_rollback(remove, name)
    return name


def path_of(storage_name: str) -> Path:
    """Return the absolute path of a file in the local store, refusing names that leave the storage root."""
    root = storage_root()
    path = (root / storage_name).resolve()
    if root not in path.parents:
        raise ValueError(f"unsafe storage name: {storage_name!r}")
    return path


def open_stored(storage_name: str):
    """Return a stored file open for reading (for send_file); raise NotFound (404) when it is gone."""
    try:
        return storage().open(storage_name)
    except StoredFileMissing:
        raise NotFound(N_("This file is no longer stored.")) from None


def exists(storage_name: str) -> bool:
    """Return whether a file of that storage name is stored."""
    return storage().exists(storage_name)


def remove(storage_name: str) -> None:
    """Delete a stored file if it exists."""
    storage().delete(storage_name)
