"""Build deterministic package zips: same content in, byte-identical zip out.

Entries are sorted (imsmanifest.xml first), dated 1980-01-01 00:00:00, stored with Unix
permissions 0644 and no extra fields, and compressed with a fixed deflate level. Built zips
are cached in memory by the module's source fingerprint, so asking again for a package (or its
sha256, e.g. for an HTTP ETag) costs a dictionary lookup until the content changes.
"""
from __future__ import annotations

import hashlib
import io
import os
import tempfile
import threading
import zipfile
from collections import OrderedDict
from pathlib import Path

from .manifest import build_manifest, manifest_bytes
from .model import Module
from .render import clear_render_cache, render_files
from .standards import DEFAULT_STANDARD, check_standard

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644
CACHE_SIZE = 64
_cache: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
_lock = threading.Lock()


def package_filename(module: Module, lang: str, standard: str = DEFAULT_STANDARD) -> str:
    """Return the file name of a package, e.g. `multiculturalism-en-scorm12.zip`."""
    return f"{module.id}-{lang}-{check_standard(standard)}.zip"


def package_files(module: Module, lang: str, standard: str = DEFAULT_STANDARD) -> dict[str, bytes]:
    """Return every file of the package, imsmanifest.xml included, keyed by zip path."""
    files = render_files(module, lang, standard)
    files["imsmanifest.xml"] = manifest_bytes(build_manifest(module, lang, standard))
    return files


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """Return a deterministic zip of `files`: manifest first, then sorted, fixed date and mode."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files, key=lambda name: (name != "imsmanifest.xml", name)):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def build_package(module: Module, lang: str, standard: str = DEFAULT_STANDARD) -> bytes:
    """Return the package zip of `module` in `lang` for `standard` (cached by content)."""
    return _cached(module, lang, standard)[0]


def package_sha256(module: Module, lang: str, standard: str = DEFAULT_STANDARD) -> str:
    """Return the hex sha256 of the package zip (cached by content; cheap for ETags)."""
    return _cached(module, lang, standard)[1]


def write_package(module: Module, lang: str, standard: str, out_dir: Path | str) -> Path:
    """Write the package into `out_dir` atomically and return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / package_filename(module, lang, standard)
    handle, temp = tempfile.mkstemp(dir=out_dir, prefix=".tmp-", suffix=".zip")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(build_package(module, lang, standard))
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def clear_cache() -> None:
    """Forget all cached packages and rendered pages (benchmarks and tests use this)."""
    with _lock:
        _cache.clear()
    clear_render_cache()


def _cached(module: Module, lang: str, standard: str) -> tuple[bytes, str]:
    """Return (zip bytes, sha256), building and caching them when missing."""
    key = (module.fingerprint, str(module.path), lang, check_standard(standard))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    data = zip_bytes(package_files(module, lang, standard))
    entry = (data, hashlib.sha256(data).hexdigest())
    with _lock:
        _cache[key] = entry
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return entry
