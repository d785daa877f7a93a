"""The impact dashboard: figures equal independent queries; charts come with tables."""
from datetime import date

from bridge.core.db import utcnow
from bridge.modules.evaluation.operations import dashboard
from bridge.modules.evaluation.operations import responses as ops
from bridge.modules.people.operations import set_roles
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.people.models import Person
from bridge.modules.training.models import OER_MODULES, TrainingExemption, TrainingRecord
from tests.bridge.evaluation.conftest import full_answers


def _train(db, person, modules=OER_MODULES, status="passed"):
    for module in modules:
        db.session.add(TrainingRecord(person_id=person.id, module_id=module, status=status))


def _setup(db, forms, make_tandem, make_person):
    trained = make_person(roles=["mentor"])
    partial = make_person(roles=["mentor"])
    exempt = make_person(roles=["mentor"])
    _train(db, trained)
    _train(db, partial, modules=OER_MODULES[:1])
    _train(db, make_person(roles=["mentee"]), status="failed")
    db.session.add(TrainingExemption(person_id=exempt.id, reason="Long experience"))
    first = make_tandem(state="completed")
    second = make_tandem(state="active", mentor=first.mentee)  # the former mentee now mentors
    set_roles(first.mentee, first.mentee.role_names | {"mentor"})
    today = utcnow().date()
    for pair in (first, second):
        db.session.add(MentoringSession(pair_id=pair.id, held_on=today, duration_minutes=45, mode="online"))
    db.session.add(MentoringSession(pair_id=first.id, held_on=date(2001, 1, 1), duration_minutes=45, mode="phone"))
    ops.submit_evaluation(first.mentor, forms["midterm"], first, full_answers(forms["midterm"], value=3))
    ops.submit_evaluation(second.mentee, forms["midterm"], second, full_answers(forms["midterm"], value=5))
    db.session.commit()
    return first, second


def test_figures_equal_independent_queries(db, forms, make_tandem, make_person):
    _setup(db, forms, make_tandem, make_person)
    today = utcnow().date()
    figures = dashboard.figures(today)
    records = db.session.execute(
        db.select(TrainingRecord.person_id, TrainingRecord.module_id, TrainingRecord.status)).all()
    done = [(p, m) for p, m, s in records if s in ("completed", "passed")]
    assert figures["people_trained"] == sum(
        1 for p in {p for p, _ in done} if {m for q, m in done if q == p} >= set(OER_MODULES))
    assert dict(figures["trained_per_module"]) == {m: sum(1 for _, n in done if n == m) for m in OER_MODULES}
    assert figures["mentors_eligible"] == 2  # fully trained + exempted; partial and the former mentee are not
    assert dict(figures["pairs_by_state"])["completed"] == 1 and dict(figures["pairs_by_state"])["active"] == 1
    month = today.strftime("%Y-%m")
    assert dict(figures["sessions_per_month"])[month] == 2
    assert sum(n for _, n in figures["sessions_per_month"]) == 2  # the 2001 session is outside the window
    assert dict(figures["aspect_averages"])["a"] == 4.0
    assert figures["rating_by_month"]["b"][month] == 4.0
    assert figures["mentees_become_mentors"] == 1
    assert figures["good_practices"] == 0


def test_dashboard_page_has_svg_charts_with_tables(db, client, forms, make_tandem, make_person, login_as):
    _setup(db, forms, make_tandem, make_person)
    login_as("coordinator")
    page = client.get("/evaluations/dashboard")
    assert page.status_code == 200
    assert page.text.count("<svg") == 5 and page.text.count('role="img"') == 5
    trend = page.text.split('id="c-trend-title"', 1)[1].split("</svg>", 1)[0]
    assert 'cy="50.0"' in trend  # aspect (b) averages 4.0 this month: 10 + 200 * (1 - 4/5)
    assert page.text.count("<table") >= 5
    assert "cdn" not in page.text.split("<main", 1)[1].lower()


def test_dashboard_empty_database_renders(client, login_as):
    login_as("coordinator")
    assert client.get("/evaluations/dashboard").status_code == 200


def test_dashboard_only_for_coordinators(client, login_as):
    login_as("mentee")
    assert client.get("/evaluations/dashboard").status_code == 403


def _ratings(db, forms, make_tandem):
    """Four midterm responses (5, 4, 4, 4): every aspect averages 4.25."""
    for pair, values in ((make_tandem(state="active"), (5, 4)), (make_tandem(state="active"), (4, 4))):
        ops.submit_evaluation(pair.mentor, forms["midterm"], pair, full_answers(forms["midterm"], value=values[0]))
        ops.submit_evaluation(pair.mentee, forms["midterm"], pair, full_answers(forms["midterm"], value=values[1]))
    db.session.commit()


def test_dashboard_numbers_and_months_follow_the_language(db, client, forms, make_tandem, login_as):
    _ratings(db, forms, make_tandem)
    login_as("coordinator")
    english = client.get("/evaluations/dashboard").text
    month = utcnow().date()
    assert "4.25" in english and "4,25" not in english
    assert f">{month:%b} {month.year}<" in english  # months as "Dec 2026", never "2026-12"
    with client.session_transaction() as session:
        session["locale"] = "de"
    german = client.get("/evaluations/dashboard").text
    assert "4,25" in german and "4.25" not in german.split("<main", 1)[1]
    assert f"{month:%Y-%m}" not in german.split("<main", 1)[1]


def test_dashboard_shows_titles_not_slugs_and_an_empty_state_per_chart(db, client, login_as):
    from bridge.core.vocabulary import module_title

    login_as("coordinator")
    page = client.get("/evaluations/dashboard").text
    assert page.count('class="alert alert-info"') == 5 and "<svg" not in page  # nothing to draw yet
    assert all(f'id="empty-{key}"' in page for key in ("trained", "states", "sessions", "aspects", "trend"))
    with client.session_transaction() as session:
        session["locale"] = "de"
    german = client.get("/evaluations/dashboard").text
    assert "Noch keine Daten." in german and "No data yet." not in german
    person = db.session.scalars(db.select(Person)).first()
    db.session.add(TrainingRecord(person_id=person.id, module_id=OER_MODULES[0], status="passed"))
    db.session.commit()
    german = client.get("/evaluations/dashboard").text
    assert module_title(OER_MODULES[0], "de") in german and f">{OER_MODULES[0]}<" not in german
    assert 'id="empty-trained"' not in german and german.count("<svg") == 1


def test_dashboard_filters_by_period_and_department(db, client, forms, make_tandem, make_person, login_as):
    _setup(db, forms, make_tandem, make_person)
    other = make_tandem(state="completed", department="Registry office")
    db.session.add(MentoringSession(pair_id=other.id, held_on=utcnow().date(), duration_minutes=30, mode="phone"))
    db.session.commit()
    figures = dashboard.figures(utcnow().date(), dashboard.DashboardFilter(department="Registry office"))
    assert dict(figures["pairs_by_state"])["completed"] == 1 and dict(figures["pairs_by_state"])["active"] == 0
    assert sum(n for _, n in figures["sessions_per_month"]) == 1
    everything = dashboard.figures(utcnow().date())
    assert sum(n for _, n in everything["sessions_per_month"]) == 3
    period = dashboard.DashboardFilter(date(2001, 1, 1), date(2001, 1, 31))
    old = dashboard.figures(utcnow().date(), period)
    assert old["rating_months"] == ["2001-01"] and dict(old["sessions_per_month"]) == {"2001-01": 1}
    assert old["aspect_averages"][0][1] is None and sum(n for _, n in old["pairs_by_state"]) == 0
    login_as("coordinator")
    page = client.get("/evaluations/dashboard?department=Registry+office&date_from=2001-01-01")
    assert page.status_code == 200 and '<option selected value="Registry office">' in page.text
    bad = client.get("/evaluations/dashboard?date_from=2026-02-01&date_to=2026-01-01")
    assert bad.status_code == 400 and "must not be before its start" in bad.text
    assert client.get("/evaluations/dashboard?date_from=yesterday").status_code == 400
    assert client.get("/evaluations/dashboard?department=Nowhere").status_code == 400


def test_dashboard_pdf_and_print_version(db, client, forms, make_tandem, make_person, login_as):
    _setup(db, forms, make_tandem, make_person)
    login_as("coordinator")
    page = client.get("/evaluations/dashboard").text
    assert 'media="print"' in page and "print.css" in page and "data-print" in page
    pdf = client.get("/evaluations/dashboard.pdf?department=Social+services")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert "no-store" in pdf.headers["Cache-Control"]
    assert client.get("/evaluations/dashboard.pdf?date_from=2026-02-01&date_to=2026-01-01").status_code == 400


def test_dashboard_pdf_only_for_coordinators(client, login_as):
    login_as("mentor")
    assert client.get("/evaluations/dashboard.pdf").status_code == 403


def test_trained_counts_follow_the_training_gate_and_date_a_quiz_pass_by_its_first_reading(app, db, make_person):
    """A colleague who passed the three Moodle quizzes (SCORM unfinished) is trained under the default gate, in the
    month the quizzes were first read passed; under the scorm gate only the SCORM completion counts."""
    from datetime import datetime, timezone

    from bridge.modules.evaluation.operations.dashboard import DashboardFilter, people_trained, trained_per_module

    march = datetime(2026, 3, 10, tzinfo=timezone.utc)
    quiz_only, scorm_only = make_person(roles=["mentor"]), make_person(roles=["mentor"])
    for module in OER_MODULES:
        db.session.add(TrainingRecord(person_id=quiz_only.id, module_id=module, status="incomplete",
                                      quiz_status="passed", quiz_passed_at=march, quiz_read_at=utcnow()))
        db.session.add(TrainingRecord(person_id=scorm_only.id, module_id=module, status="completed",
                                      completed_at=march))
    db.session.commit()
    in_march = DashboardFilter(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
    in_april = DashboardFilter(date_from=date(2026, 4, 1), date_to=date(2026, 4, 30))
    assert people_trained() == 2 and people_trained(in_march) == 2 and people_trained(in_april) == 0
    assert dict(trained_per_module(in_march)) == {module: 2 for module in OER_MODULES}
    app.config["TRAINING_GATE"] = "scorm"
    try:
        assert people_trained() == 1 and dict(trained_per_module()) == {module: 1 for module in OER_MODULES}
    finally:
        app.config["TRAINING_GATE"] = "scorm_or_quiz"
