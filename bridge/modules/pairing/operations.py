"""Operations of the pairing domain (they flush, never commit); see the modules they come from."""
from bridge.modules.pairing.eligibility import (
    add_procedure, delete_procedure, find_exemption, is_eligible, procedure_items, procedures_complete,
    record_exemption, remove_exemption, set_procedure_done, training_status,
)
from bridge.modules.pairing.matching import build_engine_inputs, make_weights, run_matching
from bridge.modules.pairing.pairs import allowed_next_states, create_pair, current_pairs_of, transition
from bridge.modules.pairing.pins import add_exclusion, add_pin, remove_constraint
from bridge.modules.pairing.profiles import find_profile, profile_completeness, save_mentee_profile, save_mentor_profile
from bridge.modules.pairing.review import (
    accept_all, accept_proposal, confirm_run, record_offline_pair, reject_proposal, replace_proposal,
)

__all__ = [
    "accept_all", "accept_proposal", "add_exclusion", "add_pin", "add_procedure", "allowed_next_states",
    "build_engine_inputs", "confirm_run", "create_pair", "current_pairs_of", "delete_procedure", "find_exemption",
    "find_profile", "is_eligible", "make_weights", "procedure_items", "procedures_complete", "profile_completeness",
    "record_exemption", "record_offline_pair", "reject_proposal", "remove_constraint", "remove_exemption",
    "replace_proposal", "run_matching", "save_mentee_profile", "save_mentor_profile", "set_procedure_done",
    "training_status", "transition",
]
