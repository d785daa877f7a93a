import io

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
