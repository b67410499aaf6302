"""Conversation, handoff, draft, feedback, audit and API-key storage (SQLAlchemy 2 + Alembic).

Only redacted text is ever stored here; clear personal data lives in the in-memory vault only.
"""

from assistant.storage.database import Database, DatabaseUnavailable, SchemaNotCurrent, Upgrade
from assistant.storage.keys import ApiKeyCreated, hash_token, new_conversation_token, tokens_match
from assistant.storage.models import (
    ApiKey,
    AuditEvent,
    Base,
    Conversation,
    Draft,
    Feedback,
    Handoff,
    Turn,
)
from assistant.storage.store import PurgeReport, Store, TurnRecord

__all__ = [
    "ApiKey",
    "ApiKeyCreated",
    "AuditEvent",
    "Base",
    "Conversation",
    "Database",
    "DatabaseUnavailable",
    "Draft",
    "Feedback",
    "Handoff",
    "PurgeReport",
    "SchemaNotCurrent",
    "Store",
    "Turn",
    "TurnRecord",
    "Upgrade",
    "hash_token",
    "new_conversation_token",
    "tokens_match",
]
