"""Build `imsmanifest.xml` trees for SCORM 1.2, SCORM 2004 4th Edition, IMS CP and IMS CC.

The whole module is ONE SCO with its own page navigation inside (a single launch document):
Moodle's SCORM player starts one attempt per SCO, records one score and one status per SCO,
and reloads the SCO frame on every LMS-side navigation. With one SCO per module Moodle gets
exactly one grade and completion per module, the learner is never sent back through the LMS
between pages, and the bookmark (location) plus suspend_data restore the page and answers.
The IMS packages have no runtime, so each page is its own item and resource instead.
"""
from __future__ import annotations

from lxml import etree

from .lom import cc_lom, ieee_lom
from .model import Module, Translation
from .render import entries, file_names, launch_href
from .standards import DEFAULT_STANDARD, check_standard, is_scorm

XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS = {
    "scorm12": {None: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
                "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2", "xsi": XSI},
    "scorm2004": {None: "http://www.imsglobal.org/xsd/imscp_v1p1",
                  "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
                  "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
                  "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
                  "imsss": "http://www.imsglobal.org/xsd/imsss", "xsi": XSI},
    "imscp": {None: "http://www.imsglobal.org/xsd/imscp_v1p1", "xsi": XSI},
    "imscc": {None: "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
              "lomimscc": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest", "xsi": XSI},
}
SCHEMA_FILES = {
    "scorm12": [("", "imscp_rootv1p1p2.xsd"), ("adlcp", "adlcp_rootv1p2.xsd")],
    "scorm2004": [("", "imscp_v1p1.xsd"), ("adlcp", "adlcp_v1p3.xsd"),
                  ("adlseq", "adlseq_v1p3.xsd"), ("adlnav", "adlnav_v1p3.xsd"),
                  ("imsss", "imsss_v1p0.xsd")],
    "imscp": [("", "imscp_v1p1.xsd")],
    "imscc": [("", "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd"),
              ("lomimscc",
               "http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd")],
}
SCHEMA_NAMES = {"scorm12": ("ADL SCORM", "1.2"), "scorm2004": ("ADL SCORM", "2004 4th Edition"),
                "imscp": ("IMS Content", "1.1.4"), "imscc": ("IMS Common Cartridge", "1.1.0")}


def build_manifest(module: Module, lang: str | None = None,
                   standard: str = DEFAULT_STANDARD) -> etree._ElementTree:
    """Return the imsmanifest.xml tree of `module` in `lang` (default: its first language)."""
    translation = module.translation(lang or module.languages[0])
    standard = check_standard(standard)
    ns = NS[standard]
    root = etree.Element(_q(ns, None, "manifest"), nsmap=ns)
    root.set("identifier", f"qser-{module.id}-{translation.lang}")
    if standard != "imscc":
        root.set("version", str(module.version))
    root.set(f"{{{XSI}}}schemaLocation", _schema_location(standard))
    _metadata(root, ns, module, translation, standard)
    _organizations(root, ns, module, translation, standard)
    _resources(root, ns, module, translation, standard)
    return etree.ElementTree(root)


def manifest_bytes(tree: etree._ElementTree) -> bytes:
    """Serialise a manifest tree with an XML declaration, indented, UTF-8."""
    etree.indent(tree, space="  ")
    body = etree.tostring(tree.getroot(), encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _q(ns: dict, prefix: str | None, name: str) -> str:
    """Return the Clark name of `prefix:name` in the namespace map `ns`."""
    return f"{{{ns[prefix]}}}{name}"


def _sub(parent, ns: dict, name: str, text: str | None = None, prefix: str | None = None,
         **attrs) -> etree._Element:
    """Append a child element with optional text and attributes."""
    element = etree.SubElement(parent, _q(ns, prefix, name))
    for key, value in attrs.items():
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def _schema_location(standard: str) -> str:
    """Return the xsi:schemaLocation value listing each namespace and its schema file."""
    ns = NS[standard]
    return " ".join(f"{ns[prefix or None]} {name}" for prefix, name in SCHEMA_FILES[standard])


def _metadata(root, ns: dict, module: Module, translation: Translation, standard: str) -> None:
    """Add schema, schemaversion and (except for 1.2) LOM metadata."""
    metadata = _sub(root, ns, "metadata")
    schema, version = SCHEMA_NAMES[standard]
    _sub(metadata, ns, "schema", schema)
    _sub(metadata, ns, "schemaversion", version)
    if standard == "imscc":
        metadata.append(cc_lom(module, translation))
    elif standard != "scorm12":
        metadata.append(ieee_lom(module, translation))


def _organizations(root, ns: dict, module: Module, translation: Translation,
                   standard: str) -> None:
    """Add the organization: one SCO item for SCORM, one item per page for IMS."""
    org_id = f"org-{module.id}"
    organizations = _sub(root, ns, "organizations")
    if standard != "imscc":
        organizations.set("default", org_id)
    organization = _sub(organizations, ns, "organization", identifier=org_id)
    if standard == "imscc":
        organization.set("structure", "rooted-hierarchy")
        parent = _sub(organization, ns, "item", identifier=f"root-{module.id}")
    else:
        _sub(organization, ns, "title", translation.title)
        parent = organization
    if is_scorm(standard):
        _sco_item(parent, ns, module, translation, standard)
    else:
        for entry in entries(translation, standard):
            item = _sub(parent, ns, "item", identifier=f"item-{entry.slug}",
                        identifierref=f"res-{entry.slug}")
            _sub(item, ns, "title", entry.title)
    if standard == "scorm2004":
        sequencing = _sub(organization, ns, "sequencing", prefix="imsss")
        _sub(sequencing, ns, "controlMode", prefix="imsss", choice="true", flow="true")


def _sco_item(parent, ns: dict, module: Module, translation: Translation, standard: str) -> None:
    """Add the single SCO item with its mastery score (1.2) or sequencing (2004)."""
    item = _sub(parent, ns, "item", identifier=f"item-{module.id}",
                identifierref=f"res-{module.id}")
    _sub(item, ns, "title", translation.title)
    if standard == "scorm12":
        _sub(item, ns, "masteryscore", str(module.mastery_score), prefix="adlcp")
        return
    sequencing = _sub(item, ns, "sequencing", prefix="imsss")
    objectives = _sub(sequencing, ns, "objectives", prefix="imsss")
    primary = _sub(objectives, ns, "primaryObjective", prefix="imsss",
                   objectiveID=f"{module.id}-mastery", satisfiedByMeasure="true")
    _sub(primary, ns, "minNormalizedMeasure", _decimal(module.mastery_score / 100),
         prefix="imsss")
    _sub(sequencing, ns, "deliveryControls", prefix="imsss", completionSetByContent="true",
         objectiveSetByContent="true")
    presentation = _sub(item, ns, "presentation", prefix="adlnav")
    interface = _sub(presentation, ns, "navigationInterface", prefix="adlnav")
    for control in ("previous", "continue"):
        _sub(interface, ns, "hideLMSUI", control, prefix="adlnav")


def _decimal(value: float) -> str:
    """Format a fraction without a trailing `.0` (0.8, 1, 0.75)."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


def _resources(root, ns: dict, module: Module, translation: Translation, standard: str) -> None:
    """Add the resources: one SCO with every file, or one resource per page plus assets."""
    resources = _sub(root, ns, "resources")
    names = file_names(module, translation.lang, standard)
    if is_scorm(standard):
        attr = "scormtype" if standard == "scorm12" else "scormType"
        resource = _sub(resources, ns, "resource", identifier=f"res-{module.id}",
                        type="webcontent", href=launch_href(translation, standard))
        resource.set(_q(ns, "adlcp", attr), "sco")
        for name in names:
            _sub(resource, ns, "file", href=name)
        return
    pages = [entry.href for entry in entries(translation, standard)]
    for entry in entries(translation, standard):
        resource = _sub(resources, ns, "resource", identifier=f"res-{entry.slug}",
                        type="webcontent", href=entry.href)
        _sub(resource, ns, "file", href=entry.href)
        _sub(resource, ns, "dependency", identifierref="res-assets")
    assets = _sub(resources, ns, "resource", identifier="res-assets", type="webcontent")
    for name in names:
        if name not in pages:
            _sub(assets, ns, "file", href=name)
