"""IEEE LOM metadata for manifests: title, description, competences, objectives, time, version."""
from __future__ import annotations

from lxml import etree

from .model import Module, Translation

LOM = "http://ltsc.ieee.org/xsd/LOM"
CC_LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"


def ieee_lom(module: Module, translation: Translation) -> etree._Element:
    """Return a LOM record (strict IEEE 1484.12.3 binding) for one module language."""
    lang = translation.lang
    lom = etree.Element(f"{{{LOM}}}lom", nsmap={None: LOM})
    general = _el(lom, "general")
    identifier = _el(general, "identifier")
    _el(identifier, "catalog", "qser-oer")
    _el(identifier, "entry", f"{module.id}-{lang}")
    _langstring(_el(general, "title"), lang, translation.title)
    _el(general, "language", lang)
    _langstring(_el(general, "description"), lang, translation.description)
    for competence in module.competences:
        _langstring(_el(general, "keyword"), lang, competence.label(lang))
    _langstring(_el(_el(lom, "lifeCycle"), "version"), "x-none", str(module.version))
    educational = _el(lom, "educational")
    _el(_el(educational, "typicalLearningTime"), "duration", f"PT{module.duration_minutes}M")
    for objective in translation.objectives:
        _langstring(_el(educational, "description"), lang, objective.text)
    _el(educational, "language", lang)
    return lom


def cc_lom(module: Module, translation: Translation) -> etree._Element:
    """Return the manifest-level LOM of an IMS Common Cartridge 1.1."""
    lang = translation.lang
    lom = etree.Element(f"{{{CC_LOM}}}lom", nsmap={"lomimscc": CC_LOM})
    general = _el(lom, "general", ns=CC_LOM)
    _langstring(_el(general, "title", ns=CC_LOM), lang, translation.title, ns=CC_LOM)
    _el(general, "language", lang, ns=CC_LOM)
    _langstring(_el(general, "description", ns=CC_LOM), lang, translation.description, ns=CC_LOM)
    for competence in module.competences:
        keyword = _el(general, "keyword", ns=CC_LOM)
        _langstring(keyword, lang, competence.label(lang), ns=CC_LOM)
    return lom


def _el(parent, name: str, text: str | None = None, ns: str = LOM) -> etree._Element:
    """Append a LOM child element with optional text."""
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        element.text = text
    return element


def _langstring(parent, lang: str, text: str, ns: str = LOM) -> None:
    """Append a LOM `string` in `lang` to `parent`."""
    _el(parent, "string", text, ns=ns).set("language", lang)
