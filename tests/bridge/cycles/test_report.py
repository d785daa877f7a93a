"""The cycle report: figures per department, no cell from fewer than five people, PDF and Excel in two languages."""
import io
import random
from datetime import date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from bridge.modules.community.models import GoodPractice, GoodPracticeReuse, PracticeState
from bridge.modules.cycles.models import ComplaintFigure
from bridge.modules.cycles.operations.exports import report_pdf, report_xlsx
from bridge.modules.cycles.operations.report import ALL, MIN_GROUP, cells_shown, compute, suppress
from bridge.modules.evaluation.models import EvaluationAnswer, EvaluationForm, EvaluationResponse
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.pairing.models import Pair

START = datetime(2026, 2, 1, 9, 0, tzinfo=timezone.utc)
SIZES = {"Big": 7, "Mid": 5, "Small": 2, "Tiny": 1}


@pytest.fixture
def programme(db, make_cycle, make_tandem):
    """Completed tandems in four departments of 7, 5, 2 and 1 tandems, each with sessions and a rating."""
    cycle = make_cycle()
    form = EvaluationForm(key="final", version=1, type="final", audience="mentee", title_en="F", title_de="F",
                          items=[{"key": "q1", "aspect": "a", "kind": "likert"}])
    db.session.add(form)
    db.session.flush()
    for dept, size in SIZES.items():
        for i in range(size):
            pair = make_tandem(state="completed", department=dept, started_at=START,
                               ended_at=START + timedelta(days=100 + i))
            db.session.add(MentoringSession(pair_id=pair.id, held_on=date(2026, 3, 1), duration_minutes=60,
                                            mode="online"))
            response = EvaluationResponse(form_id=form.id, form_key="final", form_version=1, pair_id=pair.id,
                                          respondent_id=pair.mentee_id, role="mentee")
            response.answers.append(EvaluationAnswer(item_key="q1", aspect="a", value=2 + (i % 3)))
            db.session.add(response)
    practice = GoodPractice(title="Interpreter checklist", state=PracticeState.PUBLISHED)
    db.session.add(practice)
    db.session.flush()
    reusers = db.session.scalars(db.select(Pair.mentee_id).order_by(Pair.id).limit(5)).all()  # the Big department
    db.session.add_all([GoodPracticeReuse(practice_id=practice.id, person_id=pid, note="Used it") for pid in reusers])
    db.session.add(ComplaintFigure(period_start=date(2026, 1, 1), period_end=date(2026, 3, 31), count=3, note=""))
    db.session.add(ComplaintFigure(period_start=date(2025, 1, 1), period_end=date(2025, 3, 31), count=9, note=""))
    db.session.commit()
    return cycle


def test_small_departments_are_hidden_and_one_more_so_the_total_gives_nothing_away(programme):
    figures = compute(programme)["figures"]
    completed = figures["tandems_completed"]
    assert completed[ALL] == {"value": 15, "n": 15}
    assert completed["Big"] == {"value": 7, "n": 7}
    # Small (2) and Tiny (1) are hidden; 15 - 7 would reveal their 3, so Mid (5) is hidden as well
    assert completed["Small"] == completed["Tiny"] == completed["Mid"] == {"suppressed": True}
    rating = figures["aspect_a"]
    assert rating[ALL]["count"] == 15 and rating[ALL]["n"] == 15
    assert rating["Big"]["value"] == round((2 + 3 + 4 + 2 + 3 + 4 + 2) / 7, 2)
    assert figures["sessions"]["Big"] == {"value": 7, "n": 7}
    assert figures["aspect_b"][ALL] == {"suppressed": True}  # nobody answered: no group at all
    assert figures["practices_transferred"][ALL] == figures["practices_transferred"]["Big"] == {"value": 5, "n": 5}


def test_no_report_cell_is_computed_from_fewer_than_five_people(programme):
    report = compute(programme)
    shown = list(cells_shown(report))
    assert shown, "the report shows something"
    for figure, dept, cell in shown:
        assert cell["n"] >= MIN_GROUP, (figure, dept, cell)
    for figure, cells in report["figures"].items():
        for dept, cell in cells.items():
            if cell.get("suppressed"):
                assert cell == {"suppressed": True}, (figure, dept)  # neither value nor count kept


@pytest.mark.parametrize("seed", range(40))
def test_suppression_never_leaves_a_small_group_to_be_worked_out(seed):
    rng = random.Random(seed)
    sizes = {f"D{i}": rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 20]) for i in range(rng.randint(1, 6))}
    cells = {ALL: {"value": sum(sizes.values()), "n": sum(sizes.values())}}
    cells.update({d: {"value": n, "n": n} for d, n in sizes.items()})
    out = suppress(cells)
    for dept, cell in out.items():
        assert cell.get("suppressed") or cell["n"] >= MIN_GROUP
    if not out[ALL].get("suppressed"):
        hidden = sum(sizes[d] for d in sizes if out[d].get("suppressed"))
        assert hidden == 0 or hidden >= MIN_GROUP  # total minus the shown cells is no group of 1 to 4


def test_complaints_of_the_cycle_are_listed(programme):
    complaints = compute(programme)["complaints"]
    assert complaints == [{"period_start": "2026-01-01", "period_end": "2026-03-31", "department": "", "count": 3}]


def test_excel_in_german_and_english_shows_no_hidden_value(app, programme):
    report = compute(programme)
    for lang, hidden, sheet in (("en", "fewer than 5", "Report"), ("de", "weniger als 5", "Bericht")):
        with app.test_request_context():
            workbook = load_workbook(io.BytesIO(report_xlsx(report, lang)))
        rows = list(workbook[sheet].iter_rows(values_only=True))
        header = rows[0]
        assert "Big" in header and "Mid" in header
        completed = next(r for r in rows if "completed" in str(r[1]) or "abgeschlossen" in str(r[1]))
        by_dept = dict(zip(header, completed))
        assert by_dept["Big"] == 7 and by_dept["Small"] == hidden and by_dept["Mid"] == hidden


def test_pdf_renders_in_both_languages(app, programme):
    report = compute(programme)
    for lang in ("de", "en"):
        with app.test_request_context():
            pdf = report_pdf(report, lang)
        assert pdf.startswith(b"%PDF")


def test_page_columns_leave_out_departments_with_nothing_to_show_and_name_them(app, programme):
    from bridge.modules.cycles.operations.exports import display

    with app.test_request_context():
        shown = display(compute(programme))
    assert shown["headers"] == ["All departments", "Big"]
    assert shown["hidden_departments"] == ["Mid", "Small", "Tiny"]
    tandems = dict(shown["sections"])["Tandems"]
    assert dict(tandems)["Tandems: completed"] == ["15", "7"]


def test_eligible_mentors_follow_the_training_gate_like_matching(app, db, make_cycle, make_person):
    """A mentor who passed the three Moodle quizzes (SCORM not finished) is eligible under the default gate
    (scorm_or_quiz) and counted so in the report, as pairing's is_eligible says; under the scorm gate neither counts."""
    from bridge.modules.cycles.operations.report import eligible_mentor_ids
    from bridge.modules.pairing.operations.eligibility import is_eligible
    from bridge.modules.training.models import OER_MODULES, TrainingRecord

    make_cycle()
    quiz_only = make_person(roles=["mentor"])
    for module in OER_MODULES:
        db.session.add(TrainingRecord(person_id=quiz_only.id, module_id=module, status="incomplete",
                                      quiz_status="passed", source="moodle"))
    db.session.commit()
    assert is_eligible(quiz_only).ok and eligible_mentor_ids() == {quiz_only.id}
    app.config["TRAINING_GATE"] = "scorm"
    try:
        assert not is_eligible(quiz_only).ok and eligible_mentor_ids() == set()
    finally:
        app.config["TRAINING_GATE"] = "scorm_or_quiz"
