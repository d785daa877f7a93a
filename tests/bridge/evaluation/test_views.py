"""Evaluation pages: filling in forms, mutual reveal and per-object permissions."""
from bridge.modules.evaluation.operations import responses as ops
from bridge.modules.evaluation.models import EvaluationResponse
from tests.bridge.evaluation.conftest import full_answers, post_data


def _submit(db, person, form, pair, **kwargs):
    response = ops.submit_evaluation(person, form, pair, full_answers(form, **kwargs))
    db.session.commit()
    return response


def test_fill_stores_response_and_redirects(db, client, forms, make_tandem, login):
    pair = make_tandem()
    login(pair.mentee)
    page = client.get(f"/evaluations/pairs/{pair.id}/final-mentee")
    assert page.status_code == 200 and "My mentor listened carefully" in page.text
    result = client.post(f"/evaluations/pairs/{pair.id}/final-mentee", data=post_data(forms["final-mentee"]))
    assert result.status_code == 302
    assert db.session.scalar(db.select(db.func.count(EvaluationResponse.id))) == 1


def test_fill_with_missing_and_out_of_range_answers_shows_errors(db, client, forms, make_tandem, login):
    pair = make_tandem()
    login(pair.mentor)
    data = post_data(forms["midterm"])
    data.pop("item_a_communication")
    data["item_b_goals_progress"] = "9"
    result = client.post(f"/evaluations/pairs/{pair.id}/midterm", data=data)
    assert result.status_code == 400
    assert "Please choose an answer." in result.text and "Please correct the marked answers." in result.text
    assert 'aria-describedby="item_a_communication-error"' in result.text
    assert db.session.scalar(db.select(db.func.count(EvaluationResponse.id))) == 0


def test_fill_in_german_shows_german_items(client, forms, make_tandem, login):
    pair = make_tandem()
    login(pair.mentee)
    client.post("/language", data={"locale": "de", "next": "/"})
    page = client.get(f"/evaluations/pairs/{pair.id}/final-mentee")
    assert "stimme voll und ganz zu" in page.text


def test_fill_twice_redirects_to_the_response(db, client, forms, make_tandem, login):
    pair = make_tandem()
    first = _submit(db, pair.mentor, forms["midterm"], pair)
    login(pair.mentor)
    result = client.post(f"/evaluations/pairs/{pair.id}/midterm", data=post_data(forms["midterm"], value=1))
    assert result.status_code == 302 and result.location.endswith(f"/evaluations/responses/{first.id}")
    assert db.session.scalar(db.select(db.func.count(EvaluationResponse.id))) == 1


def test_mutual_answers_revealed_only_after_both_submitted(db, client, forms, make_tandem, login):
    pair = make_tandem()
    mentor_response = _submit(db, pair.mentor, forms["mutual"], pair, text="Great listener")
    login(pair.mentee)
    assert client.get(f"/evaluations/responses/{mentor_response.id}").status_code == 403
    assert "Great listener" not in client.get(f"/evaluations/pairs/{pair.id}").text
    _submit(db, pair.mentee, forms["mutual"], pair)
    page = client.get(f"/evaluations/responses/{mentor_response.id}")
    assert page.status_code == 200 and "Great listener" in page.text


def test_response_permissions_per_object(db, client, forms, make_tandem, make_person, login):
    pair, other = make_tandem(), make_tandem()
    response = _submit(db, pair.mentee, forms["final-mentee"], pair, text="Private remark")
    url = f"/evaluations/responses/{response.id}"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for outsider in (other.mentor, other.mentee, make_person(roles=["external"])):
        login(outsider)
        assert client.get(url).status_code == 403
        assert client.get(f"/evaluations/pairs/{pair.id}").status_code == 403
    login(pair.mentor)  # a final evaluation is for the coordinators only by default (issue 14)
    assert client.get(url).status_code == 403
    login(pair.mentee)
    assert "Private remark" in client.get(url).text
    login(make_person(roles=["coordinator"]))
    assert "Private remark" in client.get(url).text


def test_form_states_its_visibility_before_answering(client, forms, make_tandem, login):
    pair = make_tandem()
    login(pair.mentee)
    assert "Only the coordinators see your answers" in client.get(f"/evaluations/pairs/{pair.id}/final-mentee").text
    assert "once both of you have submitted" in client.get(f"/evaluations/pairs/{pair.id}/mutual").text


def test_visibility_is_configurable_per_form(db, client, forms, make_tandem, make_person, login):
    from bridge.modules.evaluation.operations.definitions import save_version

    coordinator = make_person(roles=["coordinator"])
    source = forms["final-mentee"].source.replace("audience: mentee", "audience: mentee\nvisibility: members")
    new = save_version(coordinator, forms["final-mentee"], source)
    db.session.commit()
    assert new.visibility == "members"
    pair = make_tandem()
    response = _submit(db, pair.mentee, new, pair, text="Shared remark")
    login(pair.mentor)
    assert "Shared remark" in client.get(f"/evaluations/responses/{response.id}").text


def test_member_cannot_fill_other_pairs_or_wrong_forms(client, forms, make_tandem, login):
    pair, other = make_tandem(), make_tandem()
    login(other.mentee)
    assert client.post(f"/evaluations/pairs/{pair.id}/midterm", data=post_data(forms["midterm"])).status_code == 403
    login(pair.mentor)
    assert client.get(f"/evaluations/pairs/{pair.id}/final-mentee").status_code == 403
    assert client.get(f"/evaluations/pairs/{pair.id}/nonexistent").status_code == 404


def test_pair_page_lists_due_evaluations(client, forms, make_tandem, login):
    pair = make_tandem()
    login(pair.mentor)
    page = client.get(f"/evaluations/pairs/{pair.id}")
    assert page.status_code == 200
    assert "Mid-term review" in page.text and "Final evaluation by the mentor" in page.text
    assert client.get("/evaluations/").status_code == 200


def test_programme_evaluation_for_coordinators(db, client, forms, login_as):
    login_as("coordinator")
    assert client.get("/evaluations/programme").status_code == 200
    result = client.post("/evaluations/programme", data=post_data(forms["programme"]))
    assert result.status_code == 302
    login_as("mentor")
    assert client.get("/evaluations/programme").status_code == 403


def test_coordinator_edits_form_as_new_version(db, client, forms, login_as):
    login_as("coordinator")
    assert client.get("/evaluations/forms").status_code == 200
    source = forms["mutual"].source.replace("Mutual evaluation", "Feedback to each other")
    assert client.post("/evaluations/forms/mutual/edit", data={"source": source}).status_code == 302
    assert ops.find_form("mutual").version == 2
    bad = client.post("/evaluations/forms/mutual/edit", data={"source": "key: [oops"})
    assert bad.status_code == 400 and "not valid YAML" in bad.text
