"""Agreement vocabulary and the agreements' policies."""
from bridge.core.auth import is_coordinator
from bridge.core.errors import N_
from bridge.core.permissions import can, policy
from bridge.modules.agreements.models import Agreement, AgreementScan, AgreementTemplate, AgreementVersion
from bridge.modules.pairing.models import Pair

SECTIONS = ("goals", "deliverables", "duration", "meeting_frequency", "confidentiality", "cooperation_rules",
            "reporting")
# Sections the tandem writes itself; the template gives guidance for them, not text.
PAIR_SECTIONS = ("goals", "deliverables")
# Sections that must be filled in before anyone can sign (besides the start date and planned duration).
SIGN_REQUIRED = ("goals", "confidentiality")
TERMS = ("start_on", "duration_months", "meeting_rhythm")
SECTION_LABELS = {
    "goals": N_("Goals"),
    "deliverables": N_("Deliverables"),
    "duration": N_("Duration"),
    "meeting_frequency": N_("Meeting frequency"),
    "confidentiality": N_("Confidentiality"),
    "cooperation_rules": N_("Rules of cooperation"),
    "reporting": N_("Reporting duties"),
}
LANGUAGES = ("en", "de")
MEMBERS_ONLY = N_("Only the two members of the tandem can do this.")


def _pair_action(person, action: str, pair: Pair) -> bool:
    if action == "view":
        return can(person, "view", pair)
    if action in ("edit", "sign", "upload_scan"):
        return pair.has_member(person)
    return False


@policy(Agreement)
def agreement_policy(person, action: str, agreement: Agreement) -> bool:
    """Who sees the tandem sees its agreement; its two members edit, sign and upload scans."""
    return _pair_action(person, action, agreement.pair)


@policy(AgreementVersion)
def version_policy(person, action: str, version: AgreementVersion) -> bool:
    """A version is seen (and downloaded) like its agreement; its tandem's members sign it."""
    return _pair_action(person, action, version.agreement.pair)


@policy(AgreementScan)
def scan_policy(person, action: str, scan: AgreementScan) -> bool:
    """A scan is seen like its agreement; a coordinator confirms it."""
    if action == "confirm":
        return is_coordinator(person)
    return _pair_action(person, action, scan.agreement.pair)


@policy(AgreementTemplate)
def template_policy(person, action: str, _template) -> bool:
    """Coordinators see and edit the organisation's templates."""
    return action in ("view", "edit") and is_coordinator(person)
