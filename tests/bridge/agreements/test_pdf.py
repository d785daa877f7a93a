import io
import re

import pytest

from bridge.modules.agreements.operations import agreement as ops
from bridge.modules.agreements.operations.pdf import render_pdf

pypdf = pytest.importorskip("pypdf")


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_contains_names_version_and_fingerprint(app, db, tandem):
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    ops.save_version(tandem.mentee, agreement, {"goals": "Speak plainly with clients",
                                                "cooperation_rules": "Be on time."})
    version = agreement.latest
    data = render_pdf(version)
    assert data.startswith(b"%PDF-")
    text = " ".join(_text(data).split())
    assert tandem.mentor.full_name in text and tandem.mentee.full_name in text
    assert version.sha256 in text.replace(" ", "")
    assert "Version 2" in text and "Speak plainly with clients" in text


def test_pdf_in_german_uses_the_agreement_language(app, db, tandem):
    agreement = ops.start_agreement(tandem.mentee, tandem, "de")
    text = _text(render_pdf(agreement.latest))
    assert "Pünktlich" in text or "pünktlich" in text


def _long_agreement(tandem, paragraphs: int):
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    text = "\n\n".join(f"Paragraph {n}: we meet regularly, prepare each meeting and write down what we agreed."
                       for n in range(paragraphs))
    ops.save_version(tandem.mentee, agreement, {"goals": text, "cooperation_rules": "Be on time.",
                                                "reporting": "We report after each meeting."})
    return agreement.latest


@pytest.mark.parametrize("paragraphs", [8, 14, 20, 26])
def test_signatures_never_stand_alone_and_page_numbers_stay_on_one_line(app, db, tandem, paragraphs):
    data = render_pdf(_long_agreement(tandem, paragraphs))
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    last = pages[-1]
    assert "Place, date, signature" in last
    assert "We report after each meeting." in last  # the last clause goes with the signatures
    for number, text in enumerate(pages, start=1):
        # "1 / 2" on one line: no line break inside (the separators are no-break spaces)
        assert re.search(rf"(?<!\S){number}[ \xa0]/[ \xa0]{len(pages)}(?!\S)", text), text[-200:]


@pytest.mark.app_config(ORGANISATION_NAME="Stadt Lindenau")
def test_pdf_has_the_organisation_name_and_no_logo_by_default(app, db, tandem):
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    data = render_pdf(agreement.latest)
    assert "Stadt Lindenau" in _text(data)
    assert not pypdf.PdfReader(io.BytesIO(data)).pages[0].images


def test_pdf_embeds_the_configured_logo(app, db, tandem, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (31, 78, 121)).save(logo)
    app.config["ORGANISATION_LOGO"] = str(logo)
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    assert len(pypdf.PdfReader(io.BytesIO(render_pdf(agreement.latest))).pages[0].images) == 1


@pytest.mark.parametrize("content", [b"not an image", None])
def test_a_bad_or_missing_logo_is_left_out(app, db, tandem, tmp_path, caplog, content):
    logo = tmp_path / "logo.png"
    if content is not None:
        logo.write_bytes(content)
    app.config["ORGANISATION_LOGO"] = str(logo)
    agreement = ops.start_agreement(tandem.mentee, tandem, "en")
    data = render_pdf(agreement.latest)
    assert data.startswith(b"%PDF-") and not pypdf.PdfReader(io.BytesIO(data)).pages[0].images
    assert "QSER_ORGANISATION_LOGO" in caplog.text


def test_the_renderer_fetches_no_file_and_no_address(tmp_path):
    from bridge.core.pdf import html_to_pdf

    secret = tmp_path / "secret.png"
    from PIL import Image

    Image.new("RGB", (10, 10)).save(secret)
    data = html_to_pdf(f'<p>x</p><img src="file://{secret}"><img src="http://127.0.0.1:9/x.png">')
    assert data.startswith(b"%PDF-") and not pypdf.PdfReader(io.BytesIO(data)).pages[0].images
