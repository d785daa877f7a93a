"""OER modules (oer/) packaged as SCORM 1.2, SCORM 2004 4th Edition, IMS CP and IMS CC zips.

Pure Python: reads the content folder only (no Flask, no database). The web layer uses:

    modules = catalogue(oer_dir)                      # cached; reloads when files change
    module = find_module("multiculturalism", oer_dir)
    data = build_package(module, "en", "scorm12")     # deterministic zip bytes (cached)
    etag = package_sha256(module, "en", "scorm12")    # cheap after the first build
    name = package_filename(module, "en", "scorm12")  # multiculturalism-en-scorm12.zip
"""
from __future__ import annotations

from .catalogue import catalogue, find_module
from .content import default_oer_dir, load_competences, load_module, load_modules, validate_all
from .errors import ContentError, InvalidContent, ManifestInvalid, SchemasMissing
from .manifest import build_manifest, manifest_bytes
from .model import (Competence, MediaFile, Module, Objective, Option, Page, Question, Quiz,
                    Translation)
from .package import (build_package, clear_cache, package_filename, package_sha256,
                      write_package)
from .standards import DEFAULT_STANDARD, LABELS, STANDARDS
from .validate import check_manifest, manifest_errors, package_errors

__all__ = [
    "Competence", "ContentError", "DEFAULT_STANDARD", "InvalidContent", "LABELS",
    "ManifestInvalid", "MediaFile", "Module", "Objective", "Option", "Page", "Question", "Quiz",
    "STANDARDS", "SchemasMissing", "Translation", "build_manifest", "build_package",
    "catalogue", "check_manifest", "clear_cache", "default_oer_dir", "find_module",
    "load_competences", "load_module", "load_modules", "manifest_bytes", "manifest_errors",
    "package_errors", "package_filename", "package_sha256", "validate_all", "write_package",
]
