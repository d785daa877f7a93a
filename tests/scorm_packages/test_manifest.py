"""Manifests: schema-valid for every standard and language, for the fixture and real modules."""
from pathlib import Path

import pytest
from lxml import etree

from scorm_packages import (STANDARDS, SchemasMissing, build_manifest, load_module,
                            manifest_bytes, manifest_errors)
from scorm_packages.content import module_dirs
from scorm_packages.validate import schemas_dir

from .helpers import REAL_OER

IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"
SAMPLES = {"scorm12": "scorm12", "scorm2004": "scorm2004_4th", "imscp": "imscp"}


def ns_of(tree) -> dict:
    """Return an XPath namespace map with `m` for the manifest's default namespace."""
    root = tree.getroot()
    return {"m": root.nsmap[None], **{k: v for k, v in root.nsmap.items() if k}}


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_build_manifest_fixture_is_schema_valid(fixture_module, standard, lang):
    assert manifest_errors(build_manifest(fixture_module, lang, standard), standard) == []


REAL_MODULES = module_dirs(REAL_OER)


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("module_dir", REAL_MODULES or [None],
                         ids=[p.name for p in REAL_MODULES] or ["no-modules-yet"])
def test_build_manifest_real_module_is_schema_valid(module_dir, standard):
    if module_dir is None:
        assert module_dirs(REAL_OER) == []
        return
    module = load_module(module_dir)
    for lang in module.languages:
        assert manifest_errors(build_manifest(module, lang, standard), standard) == [], lang


def test_build_manifest_default_is_scorm12_first_language(fixture_module):
    tree = build_manifest(fixture_module)
    assert tree.getroot().nsmap[None] == "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    assert tree.getroot().get("identifier") == "qser-intercultural-basics-en"


def test_build_manifest_scorm12_one_sco_with_mastery_score(fixture_module):
    tree = build_manifest(fixture_module, "en", "scorm12")
    ns = ns_of(tree)
    assert tree.findtext("m:metadata/m:schemaversion", namespaces=ns) == "1.2"
    (resource,) = tree.findall("m:resources/m:resource", ns)
    assert resource.get(f"{{{ns['adlcp']}}}scormtype") == "sco"
    assert resource.get("href") == "index.html"
    assert tree.findtext(".//m:item/adlcp:masteryscore", namespaces=ns) == "75"


def test_build_manifest_scorm2004_sequencing_and_prefixes(fixture_module):
    tree = build_manifest(fixture_module, "de", "scorm2004")
    ns = ns_of(tree)
    assert tree.findtext("m:metadata/m:schemaversion", namespaces=ns) == "2004 4th Edition"
    (resource,) = tree.findall("m:resources/m:resource", ns)
    assert resource.get(f"{{{ns['adlcp']}}}scormType") == "sco"
    primary = tree.find(".//imsss:primaryObjective", ns)
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext("imsss:minNormalizedMeasure", namespaces=ns) == "0.75"
    text = manifest_bytes(build_manifest(fixture_module, "de", "scorm2004")).decode()
    assert all(part in text for part in ('adlcp:scormType="sco"', "<imsss:", "<adlnav:"))
    assert tree.findtext(f".//{{{LOM}}}title/{{{LOM}}}string") == fixture_module.translation(
        "de").title


@pytest.mark.parametrize("standard", ["imscp", "imscc"])
def test_build_manifest_ims_one_item_per_page_and_quiz(fixture_module, standard):
    tree = build_manifest(fixture_module, "en", standard)
    ns = ns_of(tree)
    refs = [item.get("identifierref") for item in tree.iterfind(".//m:item", ns)
            if item.get("identifierref")]
    assert len(refs) == 7 and refs[-1] == "res-quiz"
    hrefs = {r.get("identifier"): r.get("href") for r in tree.iterfind(".//m:resource", ns)}
    assert hrefs["res-01-welcome"] == "01-welcome.html" and hrefs["res-quiz"] == "quiz.html"
    assert "adlcp" not in manifest_bytes(tree).decode()


@pytest.mark.parametrize("standard", STANDARDS)
def test_build_manifest_identifiers_start_with_letter(fixture_module, standard):
    tree = build_manifest(fixture_module, "en", standard)
    values = [el.get(attr) for el in tree.iter() for attr in ("identifier", "identifierref")
              if el.get(attr)]
    assert values and all(v[0].isalpha() for v in values)


def test_manifest_errors_reports_broken_manifest(fixture_module):
    tree = build_manifest(fixture_module, "en", "scorm12")
    del tree.getroot().find(".//{*}resource").attrib["identifier"]
    errors = manifest_errors(tree, "scorm12")
    assert errors and "identifier" in errors[0]


def test_manifest_errors_checks_lom_strictly(fixture_module):
    tree = build_manifest(fixture_module, "en", "scorm2004")
    etree.SubElement(tree.find(f".//{{{LOM}}}general"), f"{{{LOM}}}colour").text = "blue"
    assert any("colour" in message for message in manifest_errors(tree, "scorm2004"))


def test_manifest_errors_checks_imsss_vocabulary(fixture_module):
    tree = build_manifest(fixture_module, "en", "scorm2004")
    tree.find(f".//{{{IMSSS}}}minNormalizedMeasure").text = "1.5"
    assert manifest_errors(tree, "scorm2004")


@pytest.mark.parametrize("standard,folder", sorted(SAMPLES.items()))
def test_manifest_errors_accepts_shared_samples(standard, folder):
    samples = sorted((schemas_dir() / "samples" / folder).glob("*.xml"))
    assert samples
    for sample in samples:
        assert manifest_errors(etree.parse(str(sample)), standard) == [], sample.name


def test_manifest_errors_accepts_cc_sample():
    sample = schemas_dir() / "samples" / "imscc" / "pyslet_cc11_sample_1_imsmanifest.xml"
    assert manifest_errors(etree.parse(str(sample)), "imscc") == []


def test_manifest_errors_without_schemas_says_what_to_set(fixture_module, tmp_path, monkeypatch):
    monkeypatch.setenv("QSER_SCHEMAS_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(SchemasMissing, match="QSER_SCHEMAS_DIR"):
        manifest_errors(build_manifest(fixture_module, "en", "scorm12"), "scorm12")


def test_schemas_dir_default_is_shared_next_to_repo(monkeypatch):
    monkeypatch.delenv("QSER_SCHEMAS_DIR", raising=False)
    assert schemas_dir() == Path(__file__).resolve().parents[3] / "shared" / "schemas"


def test_build_manifest_unknown_standard_is_refused(fixture_module):
    with pytest.raises(ValueError, match="scorm12, scorm2004, imscp, imscc"):
        build_manifest(fixture_module, "en", "aicc")
