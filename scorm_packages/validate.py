"""Validate manifests against the XSDs in the shared schemas folder (see its SOURCES.md).

lxml validates against one compiled schema, so each standard gets a small in-memory driver
schema that imports every namespace the manifest uses by absolute file URI. Compiled schemas
are cached per folder and standard.
"""
from __future__ import annotations

import functools
import io
import os
import threading
import zipfile
from pathlib import Path

from lxml import etree

from .errors import ManifestInvalid, SchemasMissing
from .standards import check_standard

XSD = "http://www.w3.org/2001/XMLSchema"
LOM_STRICT = ("http://ltsc.ieee.org/xsd/LOM", "scorm2004_4th/lomStrict.xsd")
DRIVERS = {
    "scorm12": [("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "scorm12/imscp_rootv1p1p2.xsd"),
                ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "scorm12/adlcp_rootv1p2.xsd")],
    "scorm2004": [("http://www.imsglobal.org/xsd/imscp_v1p1", "scorm2004_4th/imscp_v1p1.xsd"),
                  ("http://www.adlnet.org/xsd/adlcp_v1p3", "scorm2004_4th/adlcp_v1p3.xsd"),
                  ("http://www.adlnet.org/xsd/adlseq_v1p3", "scorm2004_4th/adlseq_v1p3.xsd"),
                  ("http://www.adlnet.org/xsd/adlnav_v1p3", "scorm2004_4th/adlnav_v1p3.xsd"),
                  ("http://www.imsglobal.org/xsd/imsss", "scorm2004_4th/imsss_v1p0.xsd"),
                  LOM_STRICT],
    "imscp": [("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp/imscp_v1p1.xsd"), LOM_STRICT],
}
CC_DRIVER = "imscc/cc11libxml2validator.xsd"
_LOCK = threading.Lock()


def schemas_dir() -> Path:
    """Return the schema folder: $QSER_SCHEMAS_DIR or `<repo>/../shared/schemas`."""
    configured = os.environ.get("QSER_SCHEMAS_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "schemas"


def schema_for(standard: str, folder: Path | None = None) -> etree.XMLSchema:
    """Return the compiled (cached) schema that validates manifests of `standard`."""
    folder = Path(folder or schemas_dir()).resolve()
    return _compiled(check_standard(standard), folder)


@functools.lru_cache(maxsize=None)
def _compiled(standard: str, folder: Path) -> etree.XMLSchema:
    """Compile the driver schema of `standard` from `folder` (libxml2 is not re-entrant here)."""
    if not folder.is_dir():
        raise SchemasMissing(f"schema folder {folder} not found; set QSER_SCHEMAS_DIR")
    with _LOCK:
        if standard == "imscc":
            return etree.XMLSchema(etree.parse(str(_existing(folder / CC_DRIVER))))
        imports = "".join(
            f'<xs:import namespace="{ns}" schemaLocation="{_existing(folder / rel).as_uri()}"/>'
            for ns, rel in DRIVERS[standard])
        driver = f'<xs:schema xmlns:xs="{XSD}">{imports}</xs:schema>'
        return etree.XMLSchema(etree.fromstring(driver.encode()))


def _existing(path: Path) -> Path:
    """Return `path`, raising SchemasMissing if it does not exist."""
    if not path.exists():
        raise SchemasMissing(f"schema file {path} not found; set QSER_SCHEMAS_DIR")
    return path


def manifest_errors(tree, standard: str, folder: Path | None = None) -> list[str]:
    """Return schema violations of a manifest tree as 'line N: message' strings."""
    schema = schema_for(standard, folder)
    with _LOCK:
        if schema.validate(tree):
            return []
        return [f"line {e.line}: {e.message}" for e in schema.error_log]


def check_manifest(tree, standard: str, folder: Path | None = None) -> None:
    """Raise ManifestInvalid if the manifest tree breaks its schemas."""
    errors = manifest_errors(tree, standard, folder)
    if errors:
        raise ManifestInvalid(standard, errors)


def package_errors(data: bytes, standard: str, folder: Path | None = None) -> list[str]:
    """Return problems of a package zip: manifest at the root, schema-valid, files present."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if "imsmanifest.xml" not in names:
            return ["imsmanifest.xml is not at the root of the zip"]
        tree = etree.parse(io.BytesIO(archive.read("imsmanifest.xml")))
    errors = manifest_errors(tree, standard, folder)
    for element in tree.iter():
        href = element.get("href") if element.tag.endswith("}file") else None
        if href and href not in names:
            errors.append(f"manifest lists {href!r} but the zip does not contain it")
    return errors
