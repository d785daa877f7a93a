import io

from bridge.modules.agreements.operations import agreement as ops
from bridge.modules.agreements.util import SECTIONS
from bridge.modules.agreements.models import AgreementScan, AgreementTemplate, AgreementVersion
from tests.bridge.agreements.conftest import TERMS, start_ready


def _form(**overrides):
    data = {key: f"{key} text" for key in SECTIONS}
    data.update(overrides)
    return data


def test_empty_state_offers_a_draft_then_draft_edit_and_versions(client, db, login, tandem):
    login(tandem.mentee)
    page = client.get(f"/pairs/{tandem.id}/agreement").data
    assert b"There is no agreement yet" in page
    resp = client.post(f"/pairs/{tandem.id}/agreement/start", data={"language": "de"})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/agreement/edit")
    assert "Pünktlich".lower() in client.get(f"/pairs/{tandem.id}/agreement/edit").data.decode().lower()
    assert client.post(f"/pairs/{tandem.id}/agreement/edit", data=_form(goals="Klar sprechen")).status_code == 302
    login(tandem.mentor)
    client.post(f"/pairs/{tandem.id}/agreement/edit", data=_form(goals="Klar sprechen", deliverables="Checkliste"))
    assert db.session.scalar(db.select(db.func.count(AgreementVersion.id))) == 3
    page = client.get(f"/pairs/{tandem.id}/agreement").data.decode()
    assert "version 3" in page and "Checkliste" in page


def test_sign_through_the_page_and_bad_signature_is_400(client, db, login, tandem):
    agreement = start_ready(tandem)
    db.session.commit()
    login(tandem.mentee)
    bad = client.post(f"/pairs/{tandem.id}/agreement/sign", data={"number": "2", "typed_name": "Nobody",
                                                                   "confirm": "y"})
    assert bad.status_code == 400 and b"Please type your full name" in bad.data
    ok = client.post(f"/pairs/{tandem.id}/agreement/sign", data={"number": "2", "confirm": "y",
                                                                  "typed_name": tandem.mentee.full_name})
    assert ok.status_code == 302
    login(tandem.mentor)
    client.post(f"/pairs/{tandem.id}/agreement/sign", data={"number": "2", "confirm": "y",
                                                             "typed_name": tandem.mentor.full_name})
    db.session.expire_all()
    assert agreement.state == "signed" and tandem.state == "agreed"
    assert b"Signed by both and in force" in client.get(f"/pairs/{tandem.id}/agreement").data


def test_pdf_download(client, db, login, tandem):
    ops.start_agreement(tandem.mentee, tandem, "en")
    db.session.commit()
    login(tandem.mentor)
    resp = client.get(f"/pairs/{tandem.id}/agreement/versions/1/pdf")
    assert resp.status_code == 200 and resp.data.startswith(b"%PDF-")
    assert resp.mimetype == "application/pdf" and "attachment" in resp.headers["Content-Disposition"]
    assert client.get(f"/pairs/{tandem.id}/agreement/versions/9/pdf").status_code == 404


def test_scan_upload_rejects_office_files_and_coordinator_confirms(client, db, login, login_as, tandem):
    start_ready(tandem)
    db.session.commit()
    login(tandem.mentee)
    bad = client.post(f"/pairs/{tandem.id}/agreement/scans", content_type="multipart/form-data",
                      data={"file": (io.BytesIO(bytes.fromhex("D0CF11E0A1B11AE1") + b"0" * 9), "scan.pdf")})
    assert bad.status_code == 400 and db.session.scalar(db.select(db.func.count(AgreementScan.id))) == 0
    ok = client.post(f"/pairs/{tandem.id}/agreement/scans", content_type="multipart/form-data",
                     data={"file": (io.BytesIO(b"\xff\xd8\xff\xe0 scan"), "signed.jpeg")})
    assert ok.status_code == 302
    scan = db.session.scalar(db.select(AgreementScan))
    assert client.post(f"/pairs/{tandem.id}/agreement/scans/{scan.id}/confirm").status_code == 403
    login_as("coordinator")
    assert client.post(f"/pairs/{tandem.id}/agreement/scans/{scan.id}/confirm").status_code == 302
    db.session.expire_all()
    assert tandem.state == "agreed"


def test_coordinator_edits_template_in_both_languages(client, db, login_as):
    login_as("coordinator")
    page = client.get("/agreements/templates").data
    assert b"built-in default" in page
    assert b"Regeln" not in client.get("/agreements/templates/en").data
    assert client.post("/agreements/templates/de", data=_form(cooperation_rules="Unsere Regeln")).status_code == 302
    assert client.post("/agreements/templates/en", data=_form(reporting="")).status_code == 400
    assert client.get("/agreements/templates/fr").status_code == 404
    templates = db.session.scalars(db.select(AgreementTemplate)).all()
    assert [(t.language, t.sections["cooperation_rules"]) for t in templates] == [("de", "Unsere Regeln")]


def test_unreadable_old_durations_are_flagged_to_the_coordinators(client, db, login, login_as, tandem):
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    db.session.commit()
    coordinator = login_as("coordinator")
    assert 'id="flagged-agreements"' not in client.get("/pairing/pairs").get_data(as_text=True)
    agreement.duration_flagged = True  # as the migration leaves an agreement whose free-text duration it could not read
    db.session.commit()
    assert ops.count_flagged_agreements() == 1
    page = client.get("/pairing/pairs").get_data(as_text=True)
    assert 'id="flagged-agreements"' in page and "/agreements/flagged" in page
    listed = client.get("/agreements/flagged").get_data(as_text=True)
    assert f"/pairs/{tandem.id}/agreement" in listed
    login(tandem.mentee)
    assert client.get("/agreements/flagged").status_code == 403
    ops.save_version(tandem.mentee, agreement, {key: f"{key} text" for key in SECTIONS} | TERMS)
    db.session.commit()
    assert ops.count_flagged_agreements() == 0  # a duration agreed in the structured field settles the flag
    login(coordinator)
    assert 'id="flagged-agreements"' not in client.get("/pairing/pairs").get_data(as_text=True)
