"""Secrets: conversation tokens and staff API keys are stored hashed and compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

KEY_PREFIX = "tk"


def new_conversation_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str, salt: str = "") -> str:
    # Tokens and keys carry 256 bits of randomness, so a salted SHA-256 is enough (no slow KDF needed).
    return hashlib.sha256((salt + token).encode("utf-8")).hexdigest()


def tokens_match(token: str | None, stored_hash: str, salt: str = "") -> bool:
    if not token:
        return False
    return hmac.compare_digest(hash_token(token, salt), stored_hash)


@dataclass(frozen=True)
class ApiKeyCreated:
    key: str  # shown once
    key_id: str
    name: str
    role: str


def new_api_key() -> tuple[str, str, str]:
    """(full key, public key id, secret part). The key id lets us find the row without scanning hashes."""
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return f"{KEY_PREFIX}_{key_id}_{secret}", key_id, secret


def split_api_key(key: str) -> tuple[str, str] | None:
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]
