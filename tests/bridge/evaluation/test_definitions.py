"""Form definitions: loading the YAML defaults, validation of definitions, versions."""
import pytest

from bridge.core.errors import ValidationFailed
from bridge.modules.evaluation.operations import definitions
from bridge.modules.evaluation.models import ASPECTS, EvaluationForm

EXPECTED = {"midterm", "final-mentee", "final-mentor", "mutual", "programme", "session-quick"}


def test_load_forms_adds_every_default_once(db, forms):
    assert set(forms) == EXPECTED
    assert definitions.load_forms() == []
    assert db.session.scalar(db.select(db.func.count(EvaluationForm.id))) == len(EXPECTED)


def test_default_forms_cover_every_aspect_in_both_languages(forms):
    items = [item for form in forms.values() for item in form.items]
    assert {item["aspect"] for item in items} == set(ASPECTS)
    for item in items:
        assert item["text_en"] and item["text_de"] and item["text_en"] != item["text_de"]
        if item["kind"] == "likert":
            assert len(item["anchors_de"]) == item["scale"]


def test_save_version_keeps_key_and_increments(db, forms, make_person):
    coordinator = make_person(roles=["coordinator"])
    source = forms["midterm"].source.replace("Mid-term review", "Halfway review")
    new = definitions.save_version(coordinator, forms["midterm"], source)
    db.session.commit()
    assert (new.version, new.title_en) == (2, "Halfway review")
    assert definitions.latest("midterm").id == new.id
    assert definitions.load_forms() == []  # a coordinator's edit is not overwritten by the file


@pytest.mark.parametrize("source, fragment", [
    ("key: [unclosed", "not valid YAML"),
    ("key: x\ntype: nonsense\naudience: both\n", "known type"),
    ("key: x\ntype: midterm\naudience: both\ntitle: {en: T}\nitems: []\n", "at least one item"),
    ("key: x\ntype: midterm\naudience: both\ntitle: {en: T}\nitems:\n  - {key: q, aspect: z, kind: text, "
     "text: {en: Q}}\n", "unknown aspect"),
    ("key: x\ntype: midterm\naudience: both\ntitle: {en: T}\nitems:\n  - {key: q, aspect: a, kind: likert, "
     "text: {en: Q}, anchors: {en: [a, b]}}\n", "anchor labels"),
])
def test_parse_rejects_bad_definitions(app, source, fragment):
    with pytest.raises(ValidationFailed) as caught:
        definitions.parse(source)
    assert fragment in str(caught.value)


def test_save_version_refuses_changed_key(db, forms, make_person):
    coordinator = make_person(roles=["coordinator"])
    with pytest.raises(ValidationFailed):
        definitions.save_version(coordinator, forms["mutual"], forms["mutual"].source.replace("key: mutual", "key: x"))
