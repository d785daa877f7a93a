"""Models of the pairing domain: profiles, checklist, matching runs and pairs."""
from bridge.modules.pairing.models.pairs import (
    CONFIRMED_STATES, FINAL_STATES, TRANSITIONS, Pair, PairSource, PairState, PairTransition,
)
from bridge.modules.pairing.models.notes import CoordinatorNote
from bridge.modules.pairing.models.profiles import (
    MODES, SLOTS, MenteeProfile, MentorConflict, MentorProfile, ProcedureCategory, ProcedureItem,
)
from bridge.modules.pairing.models.runs import (
    MatchExclusion, MatchPin, MatchProposal, MatchRun, ProposalStatus, RunKind, RunStatus,
)

__all__ = [
    "CONFIRMED_STATES", "CoordinatorNote", "FINAL_STATES", "MODES", "SLOTS", "TRANSITIONS", "MatchExclusion", "MatchPin",
    "MatchProposal", "MatchRun", "MenteeProfile", "MentorConflict", "MentorProfile", "Pair",
    "PairSource", "PairState", "PairTransition", "ProcedureCategory", "ProcedureItem",
    "ProposalStatus", "RunKind", "RunStatus",
]
