import pytest

from bridge.core.errors import Conflict, PermissionDenied, ValidationFailed
from bridge.modules.agreements.operations import agreement as ops
from bridge.modules.agreements.util import SECTIONS
from bridge.modules.agreements.models import AgreementSignature, AgreementVersion
from tests.bridge.agreements.conftest import TERMS, start_ready


def _sections(**overrides):
    data = {key: f"{key} text" for key in SECTIONS}
    data.update(overrides)
    return data


def _sign_both(db, agreement):
    pair = agreement.pair
    number = agreement.latest.number
    ops.sign(pair.mentee, agreement, number, pair.mentee.full_name, True)
    ops.sign(pair.mentor, agreement, number, pair.mentor.full_name, True)
    db.session.commit()


def test_template_sections_default_then_saved_version(db, make_person):
    coordinator = make_person(roles=["coordinator"])
    assert ops.template_sections("de") == ops.default_templates()["de"]
    saved = ops.save_template(coordinator, "de", _sections(cooperation_rules="Eigene Regeln"))
    again = ops.save_template(coordinator, "de", _sections(cooperation_rules="Neue Regeln"))
    assert (saved.number, again.number) == (1, 2)
    assert ops.template_sections("de")["cooperation_rules"] == "Neue Regeln"
    assert ops.template_sections("en") == ops.default_templates()["en"]


def test_save_template_rejects_empty_section(db, make_person):
    coordinator = make_person(roles=["coordinator"])
    with pytest.raises(ValidationFailed) as exc:
        ops.save_template(coordinator, "en", _sections(confidentiality=" "))
    assert exc.value.field == "confidentiality"


def test_start_agreement_copies_template_and_leaves_goals_to_the_pair(db, tandem):
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    version = agreement.latest
    assert version.number == 1 and agreement.state == "draft"
    assert version.content["sections"]["cooperation_rules"] == ops.default_templates()["en"]["cooperation_rules"]
    assert version.content["sections"]["deliverables"] == ""
    assert version.content["mentor"] == tandem.mentor.full_name
    assert ops.verify(version)


def test_start_agreement_twice_conflicts(db, tandem):
    ops.start_agreement(tandem.mentee, tandem, "en")
    with pytest.raises(Conflict):
        ops.start_agreement(tandem.mentor, tandem, "en")


def test_start_agreement_forbidden_to_non_members(db, tandem, make_person):
    with pytest.raises(PermissionDenied):
        ops.start_agreement(make_person(roles=["mentee"]), tandem, "en")


def test_every_save_keeps_a_version_and_unchanged_text_saves_nothing(db, tandem):
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    v2 = ops.save_version(tandem.mentee, agreement, _sections(goals="Speak plainly"))
    v3 = ops.save_version(tandem.mentor, agreement, _sections(goals="Speak plainly", deliverables="A checklist"))
    same = ops.save_version(tandem.mentor, agreement, _sections(goals="Speak plainly", deliverables="A checklist"))
    assert [v.number for v in agreement.versions] == [1, 2, 3]
    assert same is v3 and v2.sha256 != v3.sha256
    assert v2.content["sections"]["goals"] == "Speak plainly"


def test_sign_by_both_puts_agreement_in_force_and_pair_agreed(db, tandem):
    agreement = start_ready(tandem)
    _sign_both(db, agreement)
    assert agreement.state == "signed" and agreement.signed_number == 2
    assert tandem.state == "agreed"
    assert tandem.transitions[-1].to_state == "agreed"


def test_signature_records_who_when_version_and_hash(db, tandem):
    agreement = start_ready(tandem)
    signature = ops.sign(tandem.mentee, agreement, 2, f"  {tandem.mentee.full_name.upper()} ", True)
    db.session.commit()
    stored = db.session.get(AgreementSignature, signature.id)
    assert stored.person_id == tandem.mentee_id and stored.version.number == 2
    assert stored.sha256 == agreement.latest.sha256 and stored.signed_at is not None
    assert stored.typed_name == tandem.mentee.full_name.upper()
    assert agreement.state == "draft" and tandem.state == "introduced"


@pytest.mark.parametrize("typed, confirmed, field", [("Someone Else", True, "typed_name"), (None, False, "confirm")])
def test_sign_needs_own_name_and_confirmation(db, tandem, typed, confirmed, field):
    agreement = start_ready(tandem)
    with pytest.raises(ValidationFailed) as exc:
        ops.sign(tandem.mentee, agreement, 2, typed or tandem.mentee.full_name, confirmed)
    assert exc.value.field == field


def test_sign_twice_and_outdated_version_conflict(db, tandem):
    agreement = start_ready(tandem)
    ops.sign(tandem.mentee, agreement, 2, tandem.mentee.full_name, True)
    with pytest.raises(Conflict):
        ops.sign(tandem.mentee, agreement, 2, tandem.mentee.full_name, True)
    ops.save_version(tandem.mentor, agreement, _sections())
    with pytest.raises(Conflict):
        ops.sign(tandem.mentor, agreement, 2, tandem.mentor.full_name, True)


def test_edit_after_signing_creates_new_version_to_sign_again(db, tandem):
    agreement = start_ready(tandem)
    _sign_both(db, agreement)
    signed_hash = agreement.latest.sha256
    new = ops.save_version(tandem.mentor, agreement, _sections(deliverables="Two shadowing visits") | TERMS)
    db.session.commit()
    assert new.number == 3 and agreement.state == "draft" and agreement.signed_number == 2
    first = agreement.versions[1]
    assert first.sha256 == signed_hash and len(first.signatures) == 2 and ops.verify(first)
    _sign_both(db, agreement)
    assert agreement.state == "signed" and agreement.signed_number == 3 and tandem.state == "agreed"


def test_tampered_version_fails_hash_check_and_cannot_be_signed(db, tandem):
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    db.session.commit()
    version = db.session.get(AgreementVersion, agreement.latest.id)
    content = dict(version.content)
    content["sections"] = {**content["sections"], "confidentiality": "Anything goes."}
    db.session.execute(db.update(AgreementVersion).where(AgreementVersion.id == version.id).values(content=content))
    db.session.commit()
    db.session.expire_all()
    version = db.session.get(AgreementVersion, version.id)
    assert not ops.verify(version)
    with pytest.raises(Conflict):
        ops.sign(tandem.mentee, version.agreement, 1, tandem.mentee.full_name, True)


def test_fingerprint_is_canonical():
    a = {"b": "Straße", "a": [1, {"y": 2, "x": 1}]}
    b = {"a": [1, {"x": 1, "y": 2}], "b": "Stra\u00dfe"}
    assert ops.fingerprint(a) == ops.fingerprint(b)
    assert ops.fingerprint(a) != ops.fingerprint({**a, "b": "Strasse"})


def test_confirmed_scan_puts_agreement_in_force(db, tandem, make_person):
    from werkzeug.datastructures import FileStorage
    import io

    agreement = start_ready(tandem)
    scan = ops.upload_scan(tandem.mentor, agreement, FileStorage(io.BytesIO(b"%PDF-1.7 signed"), "scan.pdf"), 10_000)
    with pytest.raises(PermissionDenied):
        ops.confirm_scan(tandem.mentee, scan)
    ops.confirm_scan(make_person(roles=["coordinator"]), scan)
    db.session.commit()
    assert agreement.state == "signed" and tandem.state == "agreed" and scan.confirmed_at is not None
