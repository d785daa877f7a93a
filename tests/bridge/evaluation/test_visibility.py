"""The per-form visibility rule holds on every page, dashboard and export that shows answers."""
from datetime import date

from bridge.core.permissions import can
from bridge.core.spreadsheets import Sheet
from bridge.modules.evaluation.models import EvaluationResponse
from bridge.modules.evaluation.operations import dashboard
from bridge.modules.evaluation.operations import responses as ops
from bridge.modules.evaluation.operations.export_data import (
    ANONYMOUS_SCOPE, ExportFilter, build_sheets, distribution, pair_rows, response_rows,
)
from bridge.modules.evaluation.util import visible_condition
from tests.bridge.evaluation.conftest import full_answers


def _submit(db, person, form, pair, value=4):
    response = ops.submit_evaluation(person, form, pair, full_answers(form, value=value))
    db.session.commit()
    return response


def _world(db, forms, make_tandem, make_person):
    """Two tandems: one with a final form by each member and one mutual form; one with both mutual forms."""
    first, second = make_tandem(), make_tandem(department="Youth office")
    _submit(db, first.mentee, forms["final-mentee"], first, value=1)
    _submit(db, first.mentor, forms["final-mentor"], first, value=2)
    _submit(db, first.mentor, forms["mutual"], first, value=3)
    _submit(db, second.mentor, forms["mutual"], second, value=5)
    _submit(db, second.mentee, forms["mutual"], second, value=5)
    programme = make_person(roles=["coordinator"], first_name="Nora", last_name="Named", department="Unit of one")
    ops.submit_programme_evaluation(programme, forms["programme"], full_answers(forms["programme"], value=3))
    db.session.commit()
    return first, second, programme


def test_the_sql_rule_is_the_policy(db, forms, make_tandem, make_person):
    """visible_condition (used by lists and dashboards) selects exactly what response_policy allows."""
    first, second, programme = _world(db, forms, make_tandem, make_person)
    viewers = [first.mentor, first.mentee, second.mentor, second.mentee, programme,
               make_person(roles=["mentor"]), make_person(roles=["coordinator"])]
    everything = db.session.scalars(db.select(EvaluationResponse)).all()
    for viewer in viewers:
        by_sql = set(db.session.scalars(db.select(EvaluationResponse.id).where(visible_condition(viewer))))
        by_policy = {r.id for r in everything if can(viewer, "view", r)}
        assert by_sql == by_policy, viewer
    # the mentee of the first tandem: her own final form only; the mentor's final and the unrevealed mutual are hidden
    seen = {r.form_key for r in ops.pair_responses(first.mentee, first)}
    assert seen == {"final-mentee"}
    assert {r.form_key for r in ops.pair_responses(second.mentee, second)} == {"mutual"}
    assert len(ops.pair_responses(second.mentee, second)) == 2  # both submitted: revealed


def test_dashboard_ratings_count_only_what_the_viewer_may_see(db, forms, make_tandem, make_person):
    first, _second, _programme = _world(db, forms, make_tandem, make_person)
    coordinator = make_person(roles=["coordinator"])
    today = date.today()
    everything = dict(dashboard.aspect_averages(viewer=coordinator))
    assert everything == dict(dashboard.aspect_averages())
    mine = dict(dashboard.figures(today, viewer=first.mentee)["aspect_averages"])
    # she sees only her own final form, answered with 1 everywhere
    assert {value for value in mine.values() if value is not None} == {1.0}
    assert dict(dashboard.figures(today, viewer=make_person(roles=["mentor"]))["aspect_averages"]) == \
        {aspect: None for aspect in mine}
    f = dashboard.DashboardFilter()
    by_month = dashboard.aspect_averages_by_month(f, dashboard.months(f, today), viewer=first.mentee)
    assert {v for table in by_month.values() for v in table.values() if v is not None} == {1.0}


def test_exports_keep_anonymous_forms_anonymous(db, forms, make_tandem, make_person):
    _world(db, forms, make_tandem, make_person)
    programme_rows = [row for row in response_rows(ExportFilter()) if row[6] == "programme"]
    assert programme_rows
    for row in programme_rows:
        rid, pair_id, state, role, name, department = row[:6]
        assert (pair_id, state, name, department) == (None, None, "", None)
    named = [row for row in response_rows(ExportFilter()) if row[6] == "final-mentee"]
    assert named and all(row[4] and row[5] == "Social services" for row in named)
    # a department filter never narrows an anonymous form down to the respondent's department
    assert not [r for r in response_rows(ExportFilter(department="Unit of one"))]
    scopes = {row[0] for row in distribution(ExportFilter())}
    assert ANONYMOUS_SCOPE in scopes and "Unit of one" not in scopes
    summary = [s for s in build_sheets(ExportFilter()) if s.name == "Summary"][0]
    assert isinstance(summary, Sheet)
    assert "Unit of one" not in {row[0] for row in summary.rows}
    # pair averages stay about the tandems' own forms
    assert all(row[0] is not None for row in pair_rows(ExportFilter()))


def test_response_pages_name_no_one_for_anonymous_forms(db, client, forms, make_tandem, make_person, login):
    _first, _second, programme = _world(db, forms, make_tandem, make_person)
    response = db.session.scalar(db.select(EvaluationResponse).where(EvaluationResponse.form_key == "programme"))
    login(make_person(roles=["coordinator"]))
    page = client.get(f"/evaluations/responses/{response.id}").text
    assert "Nora" not in page and "Submitted anonymously" in page
    login(programme)  # the respondent still sees that it is hers
    assert "Nora" in client.get(f"/evaluations/responses/{response.id}").text
