"""The impact dashboard: figures equal independent queries; charts come with tables."""
from datetime import date

from bridge.core.db import utcnow
from bridge.modules.evaluation.operations import dashboard
from bridge.modules.evaluation.operations import responses as ops
from bridge.modules.people.operations import set_roles
from bridge.modules.mentoring.models import MentoringSession
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
