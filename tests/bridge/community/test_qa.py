from bridge.core.audit import AuditEvent
from bridge.modules.community.models import Answer, Question
from tests.bridge.querycount import get_counted


def _count(db, model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_ask_question_creates_it_with_tags(client, login_as, db):
    me = login_as("mentee")
    resp = client.post("/community/qa/ask", data={"title": "How do I start?", "body": "**Help**",
                                                  "competences": ["self_awareness"], "free_tags": "First Meeting, x"})
    assert resp.status_code == 302
    question = db.session.scalar(db.select(Question))
    assert question.author_id == me.id
    assert sorted(t.name for t in question.tags) == ["first meeting", "self_awareness", "x"]
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "<strong>Help</strong>" in page and "Self-awareness" in page


def test_ask_question_rejects_bad_input_and_writes_nothing(client, login_as, db):
    login_as("mentor")
    for data in ({"title": ""}, {"title": "x" * 201}, {"title": "ok", "free_tags": "<script>"},
                 {"title": "ok", "competences": ["not_a_competence"]}):
        resp = client.post("/community/qa/ask", data=data)
        assert resp.status_code == 400
        assert "invalid-feedback" in resp.get_data(as_text=True) or "alert-danger" in resp.get_data(as_text=True)
    assert _count(db, Question) == 0


def test_answer_mails_the_asker_and_asker_accepts(client, login_as, make_person, make_question, db, outbox):
    asker = make_person(roles=["mentee"], preferred_locale="en")
    question = make_question(author=asker)
    mentor = login_as("mentor")
    resp = client.post(f"/community/qa/{question.id}/answers", data={"body": "Brief them *first*."})
    assert resp.status_code == 302
    answer = db.session.scalar(db.select(Answer))
    assert answer.author_id == mentor.id
    mails = outbox()
    assert [m["To"] for m in mails] == [asker.email]
    assert mails[0]["Subject"] == "New answer to your question"
    assert f"/community/qa/{question.id}" in mails[0].get_content()
    # the mentor may not accept
    assert client.post(f"/community/qa/{question.id}/accept", data={"answer_id": answer.id}).status_code == 403
    with client.session_transaction() as session:
        session["_user_id"] = asker.account.get_id()
    assert client.post(f"/community/qa/{question.id}/accept", data={"answer_id": answer.id}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, question.id).accepted_answer_id == answer.id
    assert "Accepted answer" in client.get(f"/community/qa/{question.id}").get_data(as_text=True)


def test_answering_own_question_sends_no_mail(client, login_as, make_question, outbox):
    me = login_as("mentee")
    question = make_question(author=me)
    client.post(f"/community/qa/{question.id}/answers", data={"body": "Found it myself."})
    assert outbox() == []


def test_empty_answer_is_rejected(client, login_as, make_question, db):
    login_as("mentor")
    question = make_question()
    resp = client.post(f"/community/qa/{question.id}/answers", data={"body": ""})
    assert resp.status_code == 400 and "invalid-feedback" in resp.get_data(as_text=True)
    assert _count(db, Answer) == 0


def test_accept_answer_of_other_question_is_rejected(client, login_as, make_person, make_question, db):
    me = login_as("mentee")
    mentor = make_person(roles=["mentor"])
    mine = make_question(author=me)
    other = make_question(answer_by=mentor)
    foreign = other.answers[0]
    assert client.post(f"/community/qa/{mine.id}/accept", data={"answer_id": foreign.id}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Question, mine.id).accepted_answer_id is None


def test_author_edits_own_question_others_cannot(client, login_as, make_person, make_question, db):
    me = login_as("mentee")
    mine = make_question(author=me)
    other = make_question(author=make_person(roles=["mentee"]))
    assert client.post(f"/community/qa/{mine.id}/edit", data={"title": "Better title"}).status_code == 302
    assert client.post(f"/community/qa/{other.id}/edit", data={"title": "Hijack"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Question, mine.id).title == "Better title"
    assert db.session.get(Question, other.id).title != "Hijack"


def test_coordinator_hides_question_from_others(client, login_as, make_person, make_question, db):
    mentee = make_person(roles=["mentee"])
    question = make_question(author=mentee)
    login_as("coordinator")
    assert client.post(f"/community/qa/{question.id}/visibility", data={"hidden": "1"}).status_code == 302
    assert client.get(f"/community/qa/{question.id}").status_code == 200
    with client.session_transaction() as session:
        session["_user_id"] = mentee.account.get_id()
    assert client.get(f"/community/qa/{question.id}").status_code == 404
    assert question.title not in client.get("/community/qa/").get_data(as_text=True)


def test_visibility_needs_a_valid_flag(client, login_as, make_question):
    login_as("coordinator")
    question = make_question()
    assert client.post(f"/community/qa/{question.id}/visibility", data={"hidden": "maybe"}).status_code == 400


def test_coordinator_hides_answer_and_clears_acceptance(client, login_as, make_person, make_question, db):
    mentor = make_person(roles=["mentor"])
    question = make_question(answer_by=mentor)
    answer = question.answers[0]
    question.accepted_answer_id = answer.id
    db.session.commit()
    login_as("coordinator")
    assert client.post(f"/community/qa/answers/{answer.id}/visibility", data={"hidden": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Answer, answer.id).hidden_at is not None
    assert db.session.get(Question, question.id).accepted_answer_id is None


def test_merge_moves_answers_and_redirects(client, login_as, make_person, make_question, db):
    mentor = make_person(roles=["mentor"])
    kept = make_question(title="Interpreters: how to brief?")
    duplicate = make_question(title="Briefing interpreters", answer_by=mentor)
    login_as("coordinator")
    resp = client.post(f"/community/qa/{duplicate.id}/merge", data={"target": kept.id})
    assert resp.status_code == 302
    db.session.expire_all()
    assert [a.question_id for a in db.session.scalars(db.select(Answer))] == [kept.id]
    resp = client.get(f"/community/qa/{duplicate.id}")
    assert resp.status_code == 301 and resp.headers["Location"].endswith(f"/community/qa/{kept.id}")
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "question.merged")) is not None


def test_merge_into_itself_or_unknown_is_rejected(client, login_as, make_question, db):
    login_as("coordinator")
    question = make_question()
    assert client.post(f"/community/qa/{question.id}/merge", data={"target": question.id}).status_code == 400
    assert client.post(f"/community/qa/{question.id}/merge", data={"target": "999999"}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Question, question.id).merged_into_id is None


def test_answer_edit_by_author_only(client, login_as, make_person, make_question, db):
    me = login_as("mentor")
    question = make_question(answer_by=me)
    answer = question.answers[0]
    assert client.post(f"/community/qa/answers/{answer.id}/edit", data={"body": "Better"}).status_code == 302
    other = make_question(answer_by=make_person(roles=["mentor"]))
    assert client.post(f"/community/qa/answers/{other.answers[0].id}/edit", data={"body": "x"}).status_code == 403
    assert client.post(f"/community/qa/answers/{answer.id}/edit", data={"body": ""}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Answer, answer.id).body == "Better"


def test_question_page_escapes_script_in_posts(client, login_as, make_question):
    login_as("mentee")
    question = make_question(title="<script>alert(1)</script>", body="<img src=x onerror=alert(1)>")
    page = client.get(f"/community/qa/{question.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page


def test_answer_to_merged_question_is_refused_with_a_message(client, login_as, make_question, db):
    kept, duplicate = make_question(title="Kept"), make_question(title="Duplicate")
    duplicate.merged_into_id = kept.id
    db.session.commit()
    login_as("mentor")
    resp = client.post(f"/community/qa/{duplicate.id}/answers", data={"body": "Late answer"})
    assert resp.status_code == 400 and "closed for answers" in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Answer)) == 0


def test_question_list_reads_its_authors_together_not_one_query_per_question(app, client, login_as, make_question):
    def queries() -> int:
        return get_counted(app, client, "/community/qa/")[0]

    login_as("mentor")
    for i in range(2):
        make_question(title=f"Question {i}")
    client.get("/community/qa/")
    few = queries()
    for i in range(2, 12):
        make_question(title=f"Question {i}")  # each by another author
    assert queries() == few
