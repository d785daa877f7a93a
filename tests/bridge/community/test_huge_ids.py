"""A 30-digit id in a community form or URL is refused as bad input, never a 500."""
HUGE = "1" * 30


def test_huge_ids_in_community_forms_are_refused_not_500(client, login_as, make_person, make_question):
    login_as("mentee")
    question = make_question(answer_by=make_person(roles=["mentor"]))
    assert client.post(f"/community/qa/{question.id}/accept", data={"answer_id": HUGE}).status_code < 500
    assert client.get(f"/community/qa/ask?workshop={HUGE}").status_code == 200
    ask = client.post("/community/qa/ask", data={"title": "A question with a workshop", "body": "Body text",
                                                 "workshop_id": HUGE, "lang": "en"})
    assert ask.status_code < 500
    assert client.get(f"/community/practices/new?workshop={HUGE}").status_code == 200
    assert client.get(f"/community/qa/{HUGE}").status_code == 404
    assert client.get("/community/qa/²").status_code == 404
