"""Application mails go out after the commit, and a failed commit leaves no CV file on disk."""
from io import BytesIO

from werkzeug.datastructures import FileStorage

from bridge.core.uploads import storage_root
from bridge.modules.externals.operations import applications, review
from tests.bridge.externals.helpers import PDF, form_data, make_application
from tests.bridge.failing_commit import fail_commit


def _stored_cvs(app) -> list:
    with app.app_context():
        folder = storage_root() / "applications"
    return sorted(folder.glob("*")) if folder.exists() else []


def test_failed_commit_sends_no_receipt_and_leaves_no_cv(app, db, make_person, outbox):
    existing = make_person()
    data = form_data(app, cv=None)
    data.update({"consent": True, "experience_years": 12, "capacity": 2, "willingness_scale": 4, "competences": {},
                 "answers": {}})
    application = applications.submit_application(data, FileStorage(BytesIO(PDF), filename="cv.pdf"))
    assert len(_stored_cvs(app)) == 1 and application.cv_storage_name
    fail_commit(db, existing)
    assert outbox() == [] and _stored_cvs(app) == []


def test_committed_application_keeps_its_cv_and_is_confirmed(app, db, outbox):
    application = make_application(app, db)
    assert [p.name for p in _stored_cvs(app)] == [application.cv_storage_name.split("/")[-1]]
    assert [m["To"] for m in outbox()] == [application.email]


def test_failed_commit_sends_no_review_mails(app, db, make_person, outbox):
    coordinator = make_person(roles=["coordinator"])
    first, second = make_application(app, db), make_application(app, db, email="other@example.org")
    third = make_application(app, db, email="third@example.org")
    sent = len(outbox())
    review.request_info(coordinator, first, "Please send your certificates.")
    review.reject(coordinator, second, "No places this year.")
    review.accept(coordinator, third)
    fail_commit(db, coordinator)
    assert len(outbox()) == sent
