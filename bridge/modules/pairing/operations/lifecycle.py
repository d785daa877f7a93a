"""The guards of the tandem state machine: who may take which action in which state, and on what conditions.

Facts the guards need from later domains (the agreed end date from the agreement, the missing final evaluations)
are registered by those domains with `@pair_fact(name)`, so the whole decision stays here.
"""
from dataclasses import dataclass
from datetime import date


from bridge.core.auth import is_coordinator
from bridge.core.db import utcnow
from bridge.core.errors import N_, Conflict, PermissionDenied, ValidationFailed
from bridge.core.i18n import fmt_date
from bridge.modules.pairing.models.pairs import ACTION_TO, ACTIONS, Pair, PairAction, PairState

FACTS: dict = {}
ROLES = ("mentor", "mentee", "coordinator", "other")


def pair_fact(name: str):
    """Register fn(pair) as the provider of one fact the guards use ("planned_end", "missing_finals")."""
    def register(fn):
        FACTS[name] = fn
        return fn
    return register


@dataclass(frozen=True)
class Facts:
    """What the guards know about a tandem: its agreed end date and the final evaluations still missing."""

    planned_end: date | None = None
    missing_finals: tuple[str, ...] = ()

    def duration_reached(self, today: date) -> bool:
        """Return whether the agreed duration is over (never, while no duration is agreed)."""
        return self.planned_end is not None and today >= self.planned_end


def facts_of(pair: Pair) -> Facts:
    """Collect the registered facts about the tandem."""
    provide = {name: fn(pair) for name, fn in FACTS.items()}
    return Facts(planned_end=provide.get("planned_end"), missing_finals=tuple(provide.get("missing_finals", ())))


def role_of(person, pair: Pair) -> str:
    """Return the person's role towards the tandem (a coordinator who is also a member acts as the member)."""
    if person is not None and person.id == pair.mentor_id:
        return "mentor"
    if person is not None and person.id == pair.mentee_id:
        return "mentee"
    return "coordinator" if is_coordinator(person) else "other"


def action_for(target: str) -> PairAction:
    """Return the action that leads to the target state."""
    return ACTION_TO[PairState(target)]


def _check_completion(role: str, facts: Facts, today: date, reason: str, override: bool) -> None:
    if role != "coordinator":
        if not facts.duration_reached(today):
            if facts.planned_end is None:
                raise Conflict(N_("No duration has been agreed for this tandem yet, so it cannot be marked completed "
                                  "by its members. A coordinator can approve the completion, with a reason."))
            raise Conflict(N_("The agreed duration runs until %(day)s. Before then only a coordinator can approve "
                              "the completion, with a reason."), day=fmt_date(facts.planned_end))
        if facts.missing_finals:
            raise Conflict(N_("The final evaluations are still missing (%(forms)s). Please submit them first."),
                           forms=", ".join(facts.missing_finals))
        return
    if not reason and not facts.duration_reached(today):
        raise ValidationFailed(N_("The agreed duration has not been reached: please give the reason for approving "
                                  "the completion."), field="comment")
    if facts.missing_finals and not (override and reason):
        raise Conflict(N_("The final evaluations are still missing (%(forms)s). To complete the tandem anyway, "
                          "confirm the override and give a reason."), forms=", ".join(facts.missing_finals))


def check(pair: Pair, action: PairAction, person, reason: str = "", override: bool = False,
          facts: Facts | None = None, today: date | None = None) -> None:
    """Raise unless the person may take the action on the tandem now (state, role and the action's conditions)."""
    sources, target, roles = ACTIONS[action]
    if PairState(pair.state) not in sources:
        raise Conflict(N_("A tandem cannot go from %(current)s to %(target)s."), current=pair.state,
                       target=target.value)
    role = role_of(person, pair)
    if role not in roles:
        raise PermissionDenied(N_("You may not change the state of this tandem."))
    if role in ("mentor", "mentee") and pair.state == PairState.PROPOSED.value:
        raise PermissionDenied(N_("You may not change the state of this tandem."))
    if action == PairAction.END_EARLY and not reason:
        raise ValidationFailed(N_("Please give a reason."), field="comment")
    if action == PairAction.COMPLETE:
        _check_completion(role, facts or facts_of(pair), today or utcnow().date(), reason, override)


def allowed(pair: Pair, action: PairAction, person, **kwargs) -> bool:
    """Return whether check() would let the person take the action."""
    try:
        check(pair, action, person, **kwargs)
    except (Conflict, PermissionDenied, ValidationFailed):
        return False
    return True
