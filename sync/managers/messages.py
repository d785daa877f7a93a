"""Instant messages (core_message_send_instant_messages)."""
from dataclasses import dataclass

from sync.managers.base import Manager, chunk_size, chunked


@dataclass(frozen=True)
class SentMessage:
    """The outcome of one message: msgid -1 and errormessage when Moodle refused it."""

    msgid: int
    clientmsgid: str = ""
    errormessage: str = ""

    @property
    def ok(self):
        """Tell whether Moodle accepted the message."""
        return self.msgid != -1


class MessageManager(Manager):
    """Send instant messages from the web-service user; refusals are per message, not errors."""

    def send(self, messages):
        """Send [(touserid, text, clientmsgid)] and return one SentMessage per message."""
        sent = []
        for chunk in chunked(messages, chunk_size(4)):
            payload = [{"touserid": int(to), "text": text, "textformat": 1, "clientmsgid": cid}
                       for to, text, cid in chunk]
            body = self.call("core_message_send_instant_messages", {"messages": payload})
            sent.extend(SentMessage(int(m.get("msgid", -1)), m.get("clientmsgid") or "",
                                    m.get("errormessage") or "") for m in body)
        return sent
