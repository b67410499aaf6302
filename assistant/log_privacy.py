"""Conversation ids in log lines become pseudonyms that nothing stored can turn back into an id.

A log line such as "turn conversation=1a2b3c4d action=crisis" outlives the conversation: logs are
shipped and kept elsewhere, and erasure or retention cannot reach them. With the id itself in the
line, anyone holding a person's conversation id (their browser, an export) could find their
crisis in the log after the conversation was erased. So the id is replaced by a keyed hash whose
key is made at process start and kept in memory only: lines of one conversation still belong
together while the process runs, and once the key is gone no one can tell whose they were.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets

_KEY = secrets.token_bytes(32)
_ID = re.compile(r"(\bconversation(?:_id)?[=:] ?)([0-9a-f]{6,32})\b")


def pseudonym(conversation_id: str) -> str:
    return "p-" + hmac.new(_KEY, conversation_id.encode(), hashlib.sha256).hexdigest()[:10]


class ConversationPseudonyms(logging.Filter):
    """Rewrites `conversation=<id>` in a record's message to `conversation=p-<keyed hash>`."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the handler's problem, not ours
            return True
        if "conversation" not in message:
            return True
        rewritten = _ID.sub(lambda m: m.group(1) + pseudonym(m.group(2)), message)
        if rewritten != message:
            record.msg, record.args = rewritten, None
        return True


_FILTER = ConversationPseudonyms()
# The loggers that name conversations (a logger's filter sees the records made on it).
LOGGERS = ("assistant", "assistant.pipeline", "assistant.api", "assistant.pipeline.drafts")


def pseudonymise_conversation_ids() -> None:
    """Install the filter on the service's own loggers (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
