"""Workspace vocabulary labels and the permission policies of documents and session reports."""
from bridge.core.auth import is_coordinator
from bridge.core.errors import N_
from bridge.core.permissions import can, policy
from bridge.modules.mentoring.models import Document, MentoringSession

MODE_LABELS = {"onsite": N_("on site"), "online": N_("online"), "phone": N_("by phone")}
RATING_LABELS = {1: N_("1 – not helpful"), 2: N_("2 – somewhat helpful"), 3: N_("3 – helpful"),
                 4: N_("4 – very helpful")}


@policy(Document)
def document_policy(person, action: str, document: Document) -> bool:
    """Who sees the tandem downloads its documents; the uploader (or a coordinator) deletes one."""
    if action == "view":
        return can(person, "view", document.pair)
    if action == "delete":
        return document.owner_id == person.id or is_coordinator(person)
    return False


@policy(MentoringSession)
def session_policy(person, action: str, session: MentoringSession) -> bool:
    """Who sees the tandem sees its reports; the member who did not write a report confirms it."""
    if action == "view":
        return can(person, "view", session.pair)
    if action == "confirm":
        return session.pair.has_member(person) and session.author_id != person.id
    return False
