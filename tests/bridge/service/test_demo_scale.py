"""`qser demo --scale N` generates a programme of N people with tandems in every state."""
from bridge.modules.pairing.models import Pair, PairState


def test_demo_scale_generates_a_programme(app, db):
    result = app.test_cli_runner().invoke(args=["demo", "--scale", "120"])
    assert result.exit_code == 0, result.output
    from bridge.modules.evaluation.models import EvaluationResponse
    from bridge.modules.mentoring.models import MentoringSession
    from bridge.modules.people.models import Person

    assert db.session.scalar(db.select(db.func.count(Person.id))) == 120
    states = set(db.session.scalars(db.select(Pair.state)))
    assert states == {state.value for state in PairState}
    assert db.session.scalar(db.select(db.func.count(MentoringSession.id))) > 0
    assert db.session.scalar(db.select(db.func.count(EvaluationResponse.id))) > 0
    again = app.test_cli_runner().invoke(args=["demo", "--scale", "10"])
    assert again.exit_code == 2 and "already" in again.output
