"""Printable evaluations: blank PDFs of every form version, filled copies of responses, and paper responses
entered by a coordinator (marked as transcribed, with who entered them)."""
import io

import pytest

from bridge.core.errors import Conflict, PermissionDenied, ValidationFailed
from bridge.modules.evaluation.models import EvaluationResponse
from bridge.modules.evaluation.operations import responses as ops
from bridge.modules.evaluation.operations.definitions import save_version
from tests.bridge.evaluation.conftest import full_answers, post_data

pypdf = pytest.importorskip("pypdf")


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _submit(db, person, form, pair, **kwargs):
    response = ops.submit_evaluation(person, form, pair, full_answers(form, **kwargs))
    db.session.commit()
    return response


def test_every_form_version_prints_blank(db, client, forms, login, make_person):
    coordinator = make_person(roles=["coordinator"])
    old = forms["midterm"]
    new = save_version(coordinator, old, old.source.replace("title:", "title:", 1))
    db.session.commit()
    login(make_person(roles=["mentee"]))
    for version in (old, new):
        response = client.get(f"/evaluations/forms/{version.id}/print.pdf")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert "no-store" in response.headers["Cache-Control"]
        text = pdf_text(response.data)
        assert old.items[0]["text_en"][:30] in text and f"version {version.version}" in text
        assert "Signature" in text and "give it to your coordinator" in text
    assert client.get("/evaluations/forms/999999/print.pdf").status_code == 404
    assert client.get("/evaluations/forms/99999999999999999999/print.pdf").status_code == 404


def test_blank_form_prints_in_german(client, forms, login, make_person):
    login(make_person(roles=["mentor"]))
    client.post("/language", data={"locale": "de", "next": "/"})
    text = pdf_text(client.get(f"/evaluations/forms/{forms['final-mentee'].id}/print.pdf").data)
    assert "stimme voll und ganz zu" in text and "Unterschrift" in text


def test_blank_form_needs_a_login(client, forms):
    assert client.get(f"/evaluations/forms/{forms['midterm'].id}/print.pdf").status_code == 302


def test_filled_copy_shows_the_answers_to_those_who_may_read_it(db, client, forms, make_tandem, login, make_person):
    pair = make_tandem()
    response = _submit(db, pair.mentor, forms["final-mentor"], pair, value=2, text="Needs <more> time")
    url = f"/evaluations/responses/{response.id}.pdf"
    login(pair.mentor)
    own = client.get(url)
    assert own.status_code == 200
    text = pdf_text(own.data)
    assert "Needs <more> time" in text and pair.mentor.full_name in text and "entered by" not in text
    login(make_person(roles=["coordinator"]))
    assert client.get(url).status_code == 200
    for outsider in (pair.mentee, make_person(roles=["mentor"]), make_person(roles=["external"])):
        login(outsider)  # a final form is for the coordinators only: the partner may not read it either
        assert client.get(url).status_code == 403
    assert client.get("/evaluations/responses/999999.pdf").status_code == 404


def test_partner_prints_a_mutual_response_only_after_both_submitted(db, client, forms, make_tandem, login):
    pair = make_tandem()
    mentor_response = _submit(db, pair.mentor, forms["mutual"], pair)
    login(pair.mentee)
    assert client.get(f"/evaluations/responses/{mentor_response.id}.pdf").status_code == 403
    _submit(db, pair.mentee, forms["mutual"], pair)
    assert client.get(f"/evaluations/responses/{mentor_response.id}.pdf").status_code == 200


def test_coordinator_enters_a_paper_response(db, client, forms, make_tandem, login, make_person):
    pair = make_tandem()
    coordinator = login(make_person(roles=["coordinator"], first_name="Katrin", last_name="Vogel"))
    url = f"/evaluations/pairs/{pair.id}/midterm/paper"
    page = client.get(url + f"?respondent={pair.mentee.id}")
    assert page.status_code == 200 and "filled in on paper" in page.text
    result = client.post(url, data={**post_data(forms["midterm"], text="From paper"), "respondent": str(pair.mentee.id)})
    assert result.status_code == 302
    response = db.session.scalars(db.select(EvaluationResponse)).one()
    assert response.respondent_id == pair.mentee.id and response.role == "mentee"
    assert response.transcribed and response.transcribed_by_id == coordinator.id
    shown = client.get(f"/evaluations/responses/{response.id}")
    assert "Filled in on paper and entered by Katrin Vogel" in shown.text
    assert "entered by Katrin Vogel" in pdf_text(client.get(f"/evaluations/responses/{response.id}.pdf").data)
    again = client.post(url, data={**post_data(forms["midterm"]), "respondent": str(pair.mentee.id)})
    assert again.status_code == 400 and "already submitted" in again.text
    login(pair.mentee)
    assert client.get(f"/evaluations/responses/{response.id}").status_code == 200, "the respondent reads it"
    assert client.get(f"/evaluations/pairs/{pair.id}/midterm").status_code == 302, "and cannot submit again"


def test_paper_entry_refuses_bad_input(db, client, forms, make_tandem, login, make_person):
    pair = make_tandem()
    login(make_person(roles=["coordinator"]))
    url = f"/evaluations/pairs/{pair.id}/final-mentee/paper"
    stranger = make_person(roles=["mentee"])
    for who in ("", str(pair.mentor.id), str(stranger.id), "abc"):  # final-mentee is the mentee's form only
        result = client.post(url, data={**post_data(forms["final-mentee"]), "respondent": who})
        assert result.status_code == 400, who
    incomplete = post_data(forms["final-mentee"])
    required = next(i["key"] for i in forms["final-mentee"].items if i["required"])
    incomplete.pop(f"item_{required}")
    assert client.post(url, data={**incomplete, "respondent": str(pair.mentee.id)}).status_code == 400
    assert client.get(f"/evaluations/pairs/{pair.id}/programme/paper").status_code == 404
    assert client.get(f"/evaluations/pairs/{pair.id}/nonexistent/paper").status_code == 404
    assert client.get(f"/evaluations/pairs/999999/midterm/paper").status_code == 404
    proposed = make_tandem(state="proposed")
    result = client.post(f"/evaluations/pairs/{proposed.id}/midterm/paper",
                         data={**post_data(forms["midterm"]), "respondent": str(proposed.mentor.id)})
    assert result.status_code == 409 and "agreement is signed" in result.text
    assert db.session.scalar(db.select(db.func.count(EvaluationResponse.id))) == 0


@pytest.mark.parametrize("role", [None, "mentor", "mentee", "external"])
def test_only_coordinators_enter_paper_responses(db, client, forms, make_tandem, login, make_person, role):
    pair = make_tandem()
    url = f"/evaluations/pairs/{pair.id}/midterm/paper"
    if role == "mentor":
        login(pair.mentor)
    elif role:
        login(make_person(roles=[role]))
    expected = 302 if role is None else 403
    assert client.get(url).status_code == expected
    data = {**post_data(forms["midterm"]), "respondent": str(pair.mentee.id)}
    assert client.post(url, data=data).status_code == expected
    assert db.session.scalar(db.select(db.func.count(EvaluationResponse.id))) == 0


def test_transcribe_operation_checks(db, forms, make_tandem, make_person):
    pair = make_tandem()
    with pytest.raises(PermissionDenied):
        ops.transcribe_evaluation(pair.mentor, forms["midterm"], pair, pair.mentee.id, full_answers(forms["midterm"]))
    coordinator = make_person(roles=["coordinator"])
    with pytest.raises(Conflict):
        ops.transcribe_evaluation(coordinator, forms["programme"], pair, pair.mentee.id, {})
    with pytest.raises(ValidationFailed):
        ops.transcribe_evaluation(coordinator, forms["final-mentor"], pair, pair.mentee.id,
                                  full_answers(forms["final-mentor"]))
