"""The organisation's application template: versioned questions answered on the public form."""
from bridge.modules.externals.models import ApplicationTemplate, ExternalApplication
from tests.bridge.externals.helpers import form_data


def _add(client, **data):
    return client.post("/applications/template", data={"required": "", **data})


def test_add_questions_creates_versions(client, db, login_as):
    login_as("coordinator")
    assert _add(client, label="Why our city?", kind="text", required="y").status_code == 302
    assert _add(client, label="Weekends possible?", kind="yesno").status_code == 302
    assert _add(client, label="Area", kind="choice", options="Youth\nHealth").status_code == 302
    versions = list(db.session.scalars(db.select(ApplicationTemplate).order_by(ApplicationTemplate.version)))
    assert [v.version for v in versions] == [1, 2, 3]
    assert [q.label for q in versions[-1].questions] == ["Why our city?", "Weekends possible?", "Area"]
    assert versions[-1].questions[2].options == ["Youth", "Health"]
    assert client.post("/applications/template/0/remove").status_code == 302
    assert client.post("/applications/template/9/remove").status_code == 404


def test_add_question_bad_input_is_rejected(client, db, login_as):
    login_as("coordinator")
    assert _add(client, label="Area", kind="choice", options="only one").status_code == 400
    assert _add(client, label="<script>x</script>", kind="text").status_code == 400
    assert _add(client, label="", kind="text").status_code == 400
    assert db.session.scalar(db.select(db.func.count(ApplicationTemplate.id))) == 0


def test_answers_are_stored_with_the_template_version(app, client, db, login_as):
    login_as("coordinator")
    _add(client, label="Why our city?", kind="text", required="y")
    _add(client, label="Area", kind="choice", options="Youth\nHealth")
    _add(client, label="Evenings?", kind="yesno", required="y")
    template = db.session.scalar(db.select(ApplicationTemplate).order_by(ApplicationTemplate.version.desc()))
    first, second, third = template.questions
    with client.session_transaction() as session:
        session.clear()
    page = client.get("/apply")
    assert b"Why our city?" in page.data and b"Youth" in page.data and b"Evenings?" in page.data
    missing = client.post("/apply", data=form_data(app), content_type="multipart/form-data")
    assert missing.status_code == 400 and b"Please answer this question." in missing.data
    bad = client.post("/apply", data=form_data(app, **{f"q_{first.id}": "Home", f"q_{second.id}": "Sports",
                                                       f"q_{third.id}": "yes"}),
                      content_type="multipart/form-data")
    assert bad.status_code == 400 and b"choose one of the options" in bad.data
    maybe = client.post("/apply", data=form_data(app, **{f"q_{first.id}": "Home", f"q_{second.id}": "Health",
                                                         f"q_{third.id}": "maybe"}),
                        content_type="multipart/form-data")
    assert maybe.status_code == 400 and db.session.scalar(db.select(ExternalApplication)) is None
    ok = client.post("/apply", data=form_data(app, **{f"q_{first.id}": "Home", f"q_{second.id}": "Health",
                                                      f"q_{third.id}": "no"}),
                     content_type="multipart/form-data")
    assert ok.status_code == 302
    application = db.session.scalar(db.select(ExternalApplication))
    assert application.template_version == template.version
    assert application.answers == [{"question": "Why our city?", "kind": "text", "answer": "Home"},
                                   {"question": "Area", "kind": "choice", "answer": "Health"},
                                   {"question": "Evenings?", "kind": "yesno", "answer": "no"}]
