import io
import zipfile

from bridge.modules.community.operations.documents import template_docx
from bridge.modules.community.models import GoodPractice, GoodPracticeReuse, GoodPracticeReview, PracticeState

FULL = {"title": "Plain-language letters", "kind": "practice", "context": "Job centre", "challenge": "Missed dates",
        "approach": "Rewrote the invitation", "tools_used": "Checklist", "outcome": "Fewer missed appointments",
        "evidence": "Counted over 3 months", "transferability": "Any office sending letters",
        "department": "Job centre", "competences": ["intercultural_communication"]}


def _state(db, practice_id):
    db.session.expire_all()
    return db.session.get(GoodPractice, practice_id).state


def _as(client, person):
    with client.session_transaction() as session:
        session["_user_id"] = person.account.get_id()


def test_practice_goes_from_draft_to_published_to_reused(client, login_as, make_person, db):
    author = login_as("mentor")
    resp = client.post("/community/practices/new", data=FULL)
    assert resp.status_code == 302
    practice = db.session.scalar(db.select(GoodPractice))
    assert practice.author_id == author.id and practice.state == PracticeState.DRAFT
    assert client.post(f"/community/practices/{practice.id}/submit").status_code == 302
    assert _state(db, practice.id) == PracticeState.SUBMITTED
    assert client.post(f"/community/practices/{practice.id}/edit", data=FULL).status_code == 409
    _as(client, make_person(roles=["coordinator"]))
    resp = client.post(f"/community/practices/{practice.id}/review", data={"decision": "publish", "comment": "Fine"})
    assert resp.status_code == 302 and _state(db, practice.id) == PracticeState.PUBLISHED
    _as(client, make_person(roles=["mentee"]))
    assert client.post(f"/community/practices/{practice.id}/reuse", data={"note": "Used it"}).status_code == 302
    assert _state(db, practice.id) == PracticeState.REUSED
    assert client.post(f"/community/practices/{practice.id}/reuse", data={"note": "Again"}).status_code == 400  # shown on the form (core.web)
    assert db.session.scalar(db.select(db.func.count(GoodPracticeReuse.id))) == 1


def test_coordinator_returns_practice_with_comment(client, login_as, make_practice, db):
    practice = make_practice(state=PracticeState.SUBMITTED)
    login_as("coordinator")
    resp = client.post(f"/community/practices/{practice.id}/review", data={"decision": "return", "comment": ""})
    assert resp.status_code == 400 and "Say what should change" in resp.get_data(as_text=True)
    assert _state(db, practice.id) == PracticeState.SUBMITTED
    resp = client.post(f"/community/practices/{practice.id}/review",
                       data={"decision": "return", "comment": "Add evidence"})
    assert resp.status_code == 302 and _state(db, practice.id) == PracticeState.DRAFT
    review = db.session.scalar(db.select(GoodPracticeReview))
    assert (review.decision, review.comment) == ("returned", "Add evidence")


def test_review_needs_a_decision(client, login_as, make_practice, db):
    practice = make_practice(state=PracticeState.SUBMITTED)
    login_as("coordinator")
    assert client.post(f"/community/practices/{practice.id}/review", data={"decision": "x"}).status_code == 400
    assert db.session.scalar(db.select(db.func.count(GoodPracticeReview.id))) == 0


def test_incomplete_draft_cannot_be_submitted(client, login_as, make_practice, db):
    author = login_as("mentee")
    practice = make_practice(author=author, approach="")
    resp = client.post(f"/community/practices/{practice.id}/submit")
    assert resp.status_code == 400
    assert _state(db, practice.id) == PracticeState.DRAFT


def test_practice_form_rejects_bad_input(client, login_as, db):
    login_as("mentor")
    for data in ({**FULL, "title": ""}, {**FULL, "kind": "poem"}, {**FULL, "competences": ["nope"]},
                 {**FULL, "department": "x" * 121}):
        assert client.post("/community/practices/new", data=data).status_code == 400
    assert db.session.scalar(db.select(db.func.count(GoodPractice.id))) == 0


def test_unpublished_practice_cannot_be_marked_reused(client, login_as, make_practice, db):
    practice = make_practice(state=PracticeState.SUBMITTED)
    login_as("coordinator")
    assert client.post(f"/community/practices/{practice.id}/reuse", data={"note": "x"}).status_code == 400  # Conflict shown with the form (core.web)
    assert _state(db, practice.id) == PracticeState.SUBMITTED


def test_practice_pdf_is_a_pdf(client, login_as, make_practice):
    login_as("mentee")
    practice = make_practice(state=PracticeState.PUBLISHED, approach="<script>x</script> **step**")
    resp = client.get(f"/community/practices/{practice.id}.pdf")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    assert resp.data.startswith(b"%PDF")


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                "word/styles.xml"} <= names
        return archive.read("word/document.xml").decode("utf-8")


def test_template_docx_has_the_headings_in_english_and_german(app):
    english = _docx_text(template_docx("en"))
    for heading in ("Context", "Challenge", "Approach", "Tools used", "Outcome", "Evidence", "Transferability",
                    "Department", "Competences"):
        assert f'<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">{heading}<' in english
    german = _docx_text(template_docx("de"))
    assert "Kontext" in german and "Übertragbarkeit" in german and "Selbsterkenntnis" in german


def test_template_docx_bytes_are_deterministic(app):
    assert template_docx("en") == template_docx("en")


def test_template_download_follows_the_interface_language(client, login_as):
    login_as(preferred_locale="de")
    resp = client.get("/community/practices/template.docx", headers={"Accept-Language": "de"})
    assert resp.status_code == 200
    assert resp.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "Herausforderung" in _docx_text(resp.data)
