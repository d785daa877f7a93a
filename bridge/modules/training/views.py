"""The training catalogue and the stable package URLs Moodle downloads from."""
import io
import mimetypes
import zipfile
from datetime import datetime, timezone
from functools import lru_cache

from flask import Blueprint, abort, current_app, render_template, send_file
from flask_babel import get_locale

import scorm_packages
from bridge.core.errors import N_, DomainError

bp = Blueprint("training", __name__)


class ContentBroken(DomainError):
    """The course content under oer/ does not load."""

    status = 503


def _modules():
    try:
        return scorm_packages.catalogue(current_app.config["OER_DIR"])
    except scorm_packages.InvalidContent as exc:
        current_app.logger.error("OER content does not load: %s", exc)
        raise ContentBroken(N_("The course content has errors. An administrator can see them with "
                               "`qser oer validate`.")) from exc


def _module(module_id: str, lang: str, standard: str | None = None):
    for module in _modules():
        if module.id == module_id and lang in module.languages:
            if standard is None or standard in scorm_packages.STANDARDS:
                return module
    abort(404)


def _last_modified(module) -> datetime:
    newest = max(p.stat().st_mtime for p in module.path.rglob("*") if p.is_file())
    return datetime.fromtimestamp(int(newest), tz=timezone.utc)


@bp.route("/training/")
def catalogue():
    """List the OER modules with objectives, languages, previews and package URLs."""
    lang = str(get_locale())
    return render_template("training/catalogue.html", modules=_modules(), lang=lang,
                           standards=scorm_packages.STANDARDS, labels=scorm_packages.LABELS,
                           default_standard=scorm_packages.DEFAULT_STANDARD)


@bp.route("/oer/<module_id>/<lang>/<standard>.zip")
def package(module_id: str, lang: str, standard: str):
    """Serve a package with ETag and Last-Modified (Moodle's 'downloaded package' URL)."""
    module = _module(module_id, lang, standard)
    data = scorm_packages.build_package(module, lang, standard)
    response = send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                         download_name=scorm_packages.package_filename(module, lang, standard),
                         etag=scorm_packages.package_sha256(module, lang, standard),
                         last_modified=_last_modified(module), conditional=True, max_age=300)
    response.headers["X-Content-SHA256"] = scorm_packages.package_sha256(module, lang, standard)
    return response


@lru_cache(maxsize=32)
def _preview_files(module_id: str, lang: str, sha: str) -> dict[str, bytes]:
    module = scorm_packages.find_module(module_id, current_app.config["OER_DIR"])
    with zipfile.ZipFile(io.BytesIO(scorm_packages.build_package(module, lang, "imscp"))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@bp.route("/oer/<module_id>/<lang>/preview/", defaults={"path": ""})
@bp.route("/oer/<module_id>/<lang>/preview/<path:path>")
def preview(module_id: str, lang: str, path: str):
    """Show a module in the browser from its IMS content package (no LMS: preview mode)."""
    module = _module(module_id, lang)
    files = _preview_files(module.id, lang, scorm_packages.package_sha256(module, lang, "imscp"))
    if not path:
        path = _launch_file(files)
    if path not in files or path == "imsmanifest.xml":
        abort(404)
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return send_file(io.BytesIO(files[path]), mimetype=mimetype, max_age=300)


def _launch_file(files: dict[str, bytes]) -> str:
    from lxml import etree

    manifest = etree.fromstring(files["imsmanifest.xml"])
    hrefs = manifest.xpath("//*[local-name()='resource']/@href")
    return hrefs[0] if hrefs else "index.html"
