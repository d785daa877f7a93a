"""Who may do what with a tandem: the pair policy, and the member/open checks other domains use."""
import pytest

from bridge.core.errors import Conflict, PermissionDenied
from bridge.core.permissions import can
from bridge.modules.pairing.operations.pairs import transition
from bridge.modules.pairing.operations.review import record_offline_pair
from bridge.modules.pairing.util import require_member, require_open


@pytest.fixture
def tandem(checklist, db, coordinator, make_mentor, make_mentee):
    """Return an introduced tandem."""
    pair = record_offline_pair(coordinator, make_mentor(), make_mentee(), "Meeting")
    db.session.commit()
    return pair


def test_members_act_in_the_tandem_and_coordinators_move_it(db, coordinator, tandem, make_person):
    outsider = make_person()
    assert can(tandem.mentor, "act_as_member", tandem) and can(tandem.mentee, "act_as_member", tandem)
    assert not can(coordinator, "act_as_member", tandem) and not can(outsider, "act_as_member", tandem)
    assert can(coordinator, "transition", tandem)
    assert not can(tandem.mentor, "transition", tandem) and not can(outsider, "transition", tandem)
    assert not can(outsider, "view", tandem) and not can(outsider, "unknown action", tandem)


def test_require_member_and_require_open(db, coordinator, tandem, make_person):
    assert require_member(tandem.mentee, tandem) is tandem and require_open(tandem) is tandem
    with pytest.raises(PermissionDenied, match="Only the two members"):
        require_member(make_person(), tandem)
    transition(tandem, "ended_early", coordinator, "Moved to another city")
    with pytest.raises(Conflict, match="has ended"):
        require_open(tandem)


def test_only_coordinators_change_a_tandems_state(client, db, login_as, tandem):
    login_as("mentor")
    response = client.post(f"/pairing/pairs/{tandem.id}/transition", data={"to_state": "agreed"})
    assert response.status_code == 403
