"""Operations of the workspace (they flush, never commit); see the modules they come from."""
from bridge.modules.mentoring.documents import delete_document, pair_documents, upload_document
from bridge.modules.mentoring.ending import accept_mentor_role, complete_pair, end_pair_early, find_candidate
from bridge.modules.mentoring.messages import pair_messages, post_message
from bridge.modules.mentoring.reminders import send_reminders
from bridge.modules.mentoring.sessions import confirm_session, log_session, pair_sessions
from bridge.modules.mentoring.timeline import build_timeline

__all__ = [
    "accept_mentor_role", "build_timeline", "complete_pair", "confirm_session", "delete_document",
    "end_pair_early", "find_candidate", "log_session", "pair_documents", "pair_messages", "pair_sessions",
    "post_message", "send_reminders", "upload_document",
]
