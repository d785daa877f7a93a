"""Structured terms of an agreement: required before signing, reset to the template, extension moving due dates."""
from datetime import date

import pytest

from bridge.core.errors import Conflict, ValidationFailed
from bridge.modules.agreements.operations import agreement as ops
from bridge.modules.agreements.operations.period import planned_end
from bridge.modules.agreements.util import SECTIONS
from tests.bridge.agreements.conftest import TERMS, start_ready


def _sign_both(agreement):
    pair, number = agreement.pair, agreement.latest.number
    for person in (pair.mentee, pair.mentor):
        ops.sign(person, agreement, number, person.full_name, True)


def test_blank_agreement_cannot_be_signed(db, tandem):
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    ops.save_version(tandem.mentee, agreement, {key: "" for key in SECTIONS})
    with pytest.raises(Conflict) as exc:
        ops.sign(tandem.mentee, agreement, 2, tandem.mentee.full_name, True)
    assert all(word in exc.value.message for word in ("Goals", "Confidentiality", "planned duration"))
    assert agreement.latest.signatures == []


def test_terms_are_part_of_the_fingerprinted_version(db, tandem):
    agreement = start_ready(tandem)
    version = agreement.latest
    assert (version.start_on, version.duration_months, version.meeting_rhythm) == (
        date(2026, 1, 15), 6, "every three weeks")
    assert version.content["terms"]["duration_months"] == 6 and ops.verify(version)


@pytest.mark.parametrize("terms,field", [({"duration_months": 0}, "duration_months"),
                                         ({"duration_months": 99}, "duration_months"),
                                         ({"start_on": "soon"}, "start_on")])
def test_bad_terms_are_refused(db, tandem, terms, field):
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    with pytest.raises(ValidationFailed) as exc:
        ops.save_version(tandem.mentee, agreement, {key: "x" for key in SECTIONS} | TERMS | terms)
    assert exc.value.field == field


def test_reset_restores_the_template_and_keeps_goals_and_terms(db, tandem):
    agreement = start_ready(tandem)
    ops.save_version(tandem.mentee, agreement, {key: "" for key in SECTIONS} | {"goals": "Mine"} | TERMS)
    version = ops.reset_to_template(tandem.mentor, agreement)
    template = ops.default_templates()["en"]
    assert version.number == 4 and version.content["sections"]["confidentiality"] == template["confidentiality"]
    assert version.content["sections"]["goals"] == "Mine" and version.duration_months == 6


def test_signed_agreement_is_not_reset(db, tandem):
    agreement = start_ready(tandem)
    _sign_both(agreement)
    with pytest.raises(Conflict):
        ops.reset_to_template(tandem.mentee, agreement)


def test_extension_applies_once_both_sign(db, tandem):
    agreement = start_ready(tandem)
    _sign_both(agreement)
    assert planned_end(tandem) == date(2026, 7, 15)
    sections = agreement.latest.content["sections"]
    ops.save_version(tandem.mentor, agreement, sections | TERMS | {"duration_months": 9})
    assert planned_end(tandem) == date(2026, 7, 15)  # not yet signed by both
    _sign_both(agreement)
    assert planned_end(tandem) == date(2026, 10, 15)


def test_blank_page_shows_what_is_missing_and_signing_is_refused(client, db, login, tandem):
    ops.start_agreement(tandem.mentee, tandem, "en")
    db.session.commit()
    login(tandem.mentee)
    assert b"Before anyone can sign, please fill in" in client.get(f"/pairs/{tandem.id}/agreement").data
    resp = client.post(f"/pairs/{tandem.id}/agreement/sign", data={"number": "1", "confirm": "y",
                                                                    "typed_name": tandem.mentee.full_name})
    assert resp.status_code == 400 and b"cannot be signed yet" in resp.data


def test_reset_and_edit_terms_through_the_pages(client, db, login, tandem):
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    db.session.commit()
    login(tandem.mentor)
    assert client.post(f"/pairs/{tandem.id}/agreement/reset").status_code == 302
    data = {key: f"{key} text" for key in SECTIONS} | {"start_on": "2026-02-01", "duration_months": "7",
                                                        "meeting_rhythm": "monthly"}
    assert client.post(f"/pairs/{tandem.id}/agreement/edit", data=data).status_code == 302
    assert client.post(f"/pairs/{tandem.id}/agreement/edit", data=data | {"duration_months": "0"}).status_code == 400
    db.session.expire_all()
    assert [v.number for v in agreement.versions] == [1, 2, 3] and agreement.latest.duration_months == 7
