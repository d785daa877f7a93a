"""The tandem state machine: allowed edges, logged transitions, final states."""
import pytest

from bridge.core.audit import AuditEvent
from bridge.core.errors import Conflict, ValidationFailed
from bridge.modules.pairing.models import TRANSITIONS, PairSource, PairState
from bridge.modules.pairing.operations.pairs import allowed_next_states, create_pair, transition
from bridge.modules.pairing.operations.review import record_offline_pair

HAPPY_PATH = ["introduced", "agreed", "active", "completed"]


@pytest.fixture
def pair(db, coordinator, make_mentor, make_mentee):
    made = create_pair(coordinator, make_mentor(), make_mentee(), PairSource.AUTOMATIC)
    db.session.commit()
    return made


def test_transition_follows_happy_path_and_logs_each_step(db, coordinator, pair):
    for state in HAPPY_PATH:
        transition(pair, state, coordinator, f"now {state}", override=True)
    db.session.commit()
    assert pair.state == "completed" and pair.started_at is not None and pair.ended_at is not None
    assert [(t.from_state, t.to_state) for t in pair.transitions] == [
        (None, "proposed"), ("proposed", "introduced"), ("introduced", "agreed"), ("agreed", "active"),
        ("active", "completed")]
    assert all(t.actor_id == coordinator.id for t in pair.transitions)
    events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "pair.transition")).all()
    assert [e.details["to_state"] for e in events] == HAPPY_PATH
    assert events[-1].details["comment"] == "now completed"


@pytest.mark.parametrize("start,target", [("proposed", "agreed"), ("proposed", "active"), ("introduced", "completed"),
                                          ("agreed", "introduced"), ("active", "proposed")])
def test_transition_rejects_edges_outside_the_machine(db, coordinator, pair, start, target):
    for state in HAPPY_PATH[:HAPPY_PATH.index(start) + 1] if start != "proposed" else []:
        transition(pair, state, coordinator)
    with pytest.raises(Conflict):
        transition(pair, target, coordinator)
    assert pair.state == start


@pytest.mark.parametrize("final", ["completed", "ended_early"])
def test_final_states_allow_nothing(db, coordinator, pair, final):
    for state in HAPPY_PATH[:3]:
        transition(pair, state, coordinator)
    transition(pair, final, coordinator, "Reason given", override=True)
    assert allowed_next_states(pair) == ()
    for target in PairState:
        with pytest.raises(Conflict):
            transition(pair, target, coordinator, "again")


def test_ended_early_requires_a_reason_and_keeps_it(db, coordinator, pair):
    with pytest.raises(ValidationFailed):
        transition(pair, PairState.ENDED_EARLY, coordinator, "  ")
    transition(pair, PairState.ENDED_EARLY, coordinator, "Mentor moved to another city")
    assert pair.end_reason == "Mentor moved to another city" and pair.ended_at is not None


def test_transition_rejects_unknown_state(db, coordinator, pair):
    with pytest.raises(ValidationFailed):
        transition(pair, "married", coordinator)


def test_every_non_final_state_may_end_early():
    for state, targets in TRANSITIONS.items():
        if targets:
            assert PairState.ENDED_EARLY in targets
    assert TRANSITIONS[PairState.COMPLETED] == () and TRANSITIONS[PairState.ENDED_EARLY] == ()


def test_ended_pair_frees_mentor_capacity(checklist, db, coordinator, pair, make_mentee):
    transition(pair, "ended_early", coordinator, "Did not work out")
    again = record_offline_pair(coordinator, pair.mentor, make_mentee(), "New start")
    assert again.state == "introduced"
