"""The tandem state machine's guards: every (state, action, role), and the conditions of completion."""
from datetime import date

import pytest

from bridge.core.errors import Conflict, PermissionDenied, ValidationFailed
from bridge.modules.pairing.models import Pair, PairState
from bridge.modules.pairing.models.pairs import PairAction
from bridge.modules.pairing.operations.lifecycle import ROLES, Facts, allowed, check

TODAY = date(2026, 9, 1)
FAVOURABLE = Facts(planned_end=date(2026, 8, 1), missing_finals=())
ALL = {"mentor", "mentee", "coordinator"}
# Written out by hand from the issue: who may take which action in which state (everything else is refused).
EXPECTED = {
    ("proposed", "introduce"): {"coordinator"},
    ("proposed", "end_early"): {"coordinator"},  # the members do not see an unconfirmed proposal
    ("introduced", "agree"): ALL,
    ("introduced", "end_early"): ALL,
    ("agreed", "activate"): ALL,
    ("agreed", "end_early"): ALL,
    ("active", "complete"): ALL,
    ("active", "end_early"): ALL,
}


@pytest.fixture
def people(make_person):
    """Return {role: person} for the two members, a coordinator and an outsider."""
    return {"mentor": make_person(roles=["mentor"]), "mentee": make_person(roles=["mentee"]),
            "coordinator": make_person(roles=["coordinator"]), "other": make_person(roles=["mentor"])}


def _pair(people, state: str) -> Pair:
    return Pair(mentor_id=people["mentor"].id, mentee_id=people["mentee"].id, state=state)


def test_every_state_action_and_role(db, people):
    seen = 0
    for state in PairState:
        for action in PairAction:
            for role in ROLES:
                expected = role in EXPECTED.get((state.value, action.value), set())
                got = allowed(_pair(people, state.value), action, people[role], reason="Because", facts=FAVOURABLE,
                              today=TODAY)
                assert got is expected, (state.value, action.value, role)
                seen += 1
    assert seen == len(PairState) * len(PairAction) * len(ROLES) == 120


@pytest.mark.parametrize("role,reached,missing,reason,override,outcome", [
    ("mentee", False, False, "", False, Conflict),  # day one: the agreed duration is not reached
    ("mentee", False, False, "Goals reached", False, Conflict),  # members cannot approve themselves
    ("mentor", True, True, "", False, Conflict),  # final evaluations missing
    ("mentor", True, True, "Please", True, Conflict),  # only coordinators override
    ("mentor", True, False, "", False, None),
    ("coordinator", False, False, "", False, ValidationFailed),  # approval needs a reason
    ("coordinator", False, False, "Moved away, goals met", False, None),
    ("coordinator", True, False, "", False, None),
    ("coordinator", True, True, "", False, Conflict),
    ("coordinator", True, True, "Final forms on paper", False, Conflict),  # the override must be confirmed
    ("coordinator", True, True, "", True, Conflict),  # ... and explained
    ("coordinator", True, True, "Final forms on paper", True, None),
    ("other", True, False, "x", False, PermissionDenied),
])
def test_completion_conditions(db, people, role, reached, missing, reason, override, outcome):
    facts = Facts(planned_end=date(2026, 8, 1) if reached else date(2026, 12, 1),
                  missing_finals=("Final evaluation by the mentee",) if missing else ())
    call = lambda: check(_pair(people, "active"), PairAction.COMPLETE, people[role], reason=reason,  # noqa: E731
                         override=override, facts=facts, today=TODAY)
    if outcome is None:
        call()
    else:
        with pytest.raises(outcome):
            call()


def test_no_agreed_duration_means_not_reached(db, people):
    with pytest.raises(Conflict, match="No duration has been agreed"):
        check(_pair(people, "active"), PairAction.COMPLETE, people["mentee"], facts=Facts(), today=TODAY)


def test_ending_early_needs_a_reason(db, people):
    with pytest.raises(ValidationFailed):
        check(_pair(people, "active"), PairAction.END_EARLY, people["mentor"], reason="")
