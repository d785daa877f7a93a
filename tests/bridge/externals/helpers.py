"""Helpers for the externals tests: a valid application form and a past time stamp."""
import time
from io import BytesIO

from itsdangerous import URLSafeTimedSerializer

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def stamp(app, seconds_ago: float = 60) -> str:
    """Return a form time stamp signed as if the form had been opened some seconds ago."""
    return URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="externals.apply").dumps(time.time() - seconds_ago)


def form_data(app, cv=PDF, **overrides) -> dict:
    """Return a complete, valid application form post."""
    data = {"first_name": "Amira", "last_name": "Haddad", "email": "amira.haddad@example.org",
            "organisation": "Refugee Law Clinic", "languages": ["ar", "de"], "comp_intercultural_communication": "4",
            "comp_adaptability": "3", "experience_years": "12", "work_areas": "Asylum counselling",
            "know_how": "Interpreting in counselling", "willingness_statement": "I want better first contacts.",
            "willingness_scale": "4", "availability": ["mon-am", "wed-pm"], "modes": ["online"], "capacity": "2",
            "consent": "y", "website": "", "started": stamp(app)}
    if cv is not None:
        data["cv"] = (BytesIO(cv), "cv.pdf")
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def make_application(app, db, **overrides):
    """Submit a valid application through the operation and commit it."""
    from werkzeug.datastructures import FileStorage

    from bridge.modules.externals.operations.applications import submit_application

    data = form_data(app, cv=None, **overrides)
    data.update({"consent": True, "experience_years": 12, "capacity": 2, "willingness_scale": 4,
                 "competences": {"adaptability": "3", "intercultural_communication": "4"}, "answers": {}})
    application = submit_application(data, FileStorage(BytesIO(PDF), filename="cv.pdf"))
    db.session.commit()
    return application
