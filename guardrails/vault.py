"""The pseudonymisation vault: tag <-> original value for one conversation, in memory only.

A vault lets a staff draft show the real name again (`restore`) while the model, logs and
storage only ever saw `[NAMN_1]`. It lives in process memory with a time-to-live, and it refuses
every way out in clear text: its repr shows counts only, and pickling, copying or JSON
serialisation raise.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

DEFAULT_TTL_SECONDS = 60 * 60
_TAG = re.compile(r"\[([A-ZÅÄÖ]+)_(\d+)\]")


class VaultSerialisationError(TypeError):
    """Raised when something tries to pickle or copy a vault (it must never leave memory)."""


class Vault:
    """Tag <-> value map for one conversation.

    The same (type, normalised value) always gets the same tag; tags are numbered per type in
    order of first appearance. After `ttl_seconds` without use the values are wiped (the tag
    counters are kept so a later message never reuses a tag with a different meaning).
    """

    __slots__ = ("_by_key", "_by_tag", "_clock", "_counters", "_lock", "_touched", "ttl_seconds")

    def __init__(
        self, ttl_seconds: float = DEFAULT_TTL_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._by_key: dict[tuple[str, str], str] = {}
        self._by_tag: dict[str, str] = {}
        self._counters: dict[str, int] = {}
        self._touched = clock()

    # -- lifetime -------------------------------------------------------------------------
    @property
    def expired(self) -> bool:
        return self._clock() - self._touched > self.ttl_seconds

    def _refresh(self) -> None:
        # Called with the lock held: wipe values once the TTL has passed, then extend it.
        now = self._clock()
        if now - self._touched > self.ttl_seconds:
            self._by_key.clear()
            self._by_tag.clear()
        self._touched = now

    def clear(self) -> None:
        """Forget every value now (e.g. when the conversation is erased)."""
        with self._lock:
            self._by_key.clear()
            self._by_tag.clear()

    # -- use --------------------------------------------------------------------------------
    def tag_for(self, entity_type: str, key: str, value: str) -> str:
        """The tag for this value, creating `[TYPE_n]` on first sight."""
        with self._lock:
            self._refresh()
            tag = self._by_key.get((entity_type, key))
            if tag is None:
                n = self._counters.get(entity_type, 0) + 1
                self._counters[entity_type] = n
                tag = f"[{entity_type}_{n}]"
                self._by_key[(entity_type, key)] = tag
                self._by_tag[tag] = value
            return tag

    def reserve(self, tag: str) -> None:
        """Note a tag already present in text so new tags never reuse its number."""
        m = _TAG.fullmatch(tag)
        if m is None:
            return
        with self._lock:
            entity_type, n = m.group(1), int(m.group(2))
            if self._counters.get(entity_type, 0) < n:
                self._counters[entity_type] = n

    def value(self, tag: str) -> str | None:
        """The original text behind `tag`, or None if unknown or expired."""
        with self._lock:
            self._refresh()
            return self._by_tag.get(tag)

    def tags(self) -> list[str]:
        with self._lock:
            self._refresh()
            return list(self._by_tag)

    def __len__(self) -> int:
        with self._lock:
            self._refresh()
            return len(self._by_tag)

    def __contains__(self, tag: object) -> bool:
        with self._lock:
            self._refresh()
            return tag in self._by_tag

    def __bool__(self) -> bool:
        # An empty vault is still a vault: `vault or Vault()` must not replace it.
        return True

    # -- never in clear text ------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"<Vault entries={len(self._by_tag)} ttl={self.ttl_seconds:g}s>"

    __str__ = __repr__

    def __reduce_ex__(self, protocol: object) -> object:
        raise VaultSerialisationError("Vault kan inte serialiseras: värdena får bara finnas i minnet")

    def __reduce__(self) -> object:
        raise VaultSerialisationError("Vault kan inte serialiseras: värdena får bara finnas i minnet")

    def __getstate__(self) -> object:
        raise VaultSerialisationError("Vault kan inte serialiseras: värdena får bara finnas i minnet")

    def __copy__(self) -> Vault:
        raise VaultSerialisationError("Vault kan inte kopieras")

    def __deepcopy__(self, memo: object) -> Vault:
        raise VaultSerialisationError("Vault kan inte kopieras")


class VaultStore:
    """In-memory vaults per conversation id, dropped after their TTL (for the chat server)."""

    __slots__ = ("_clock", "_lock", "_vaults", "ttl_seconds")

    def __init__(
        self, ttl_seconds: float = DEFAULT_TTL_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._vaults: dict[str, Vault] = {}

    def get(self, conversation_id: str) -> Vault:
        """The conversation's vault, created on first use."""
        with self._lock:
            self._purge_locked()
            vault = self._vaults.get(conversation_id)
            if vault is None:
                vault = Vault(self.ttl_seconds, self._clock)
                self._vaults[conversation_id] = vault
            return vault

    def drop(self, conversation_id: str) -> None:
        with self._lock:
            vault = self._vaults.pop(conversation_id, None)
        if vault is not None:
            vault.clear()

    def purge_expired(self) -> int:
        with self._lock:
            return self._purge_locked()

    def _purge_locked(self) -> int:
        dead = [cid for cid, v in self._vaults.items() if v.expired]
        for cid in dead:
            self._vaults.pop(cid).clear()
        return len(dead)

    def __len__(self) -> int:
        return len(self._vaults)

    def __repr__(self) -> str:
        return f"<VaultStore conversations={len(self._vaults)}>"

    def __reduce_ex__(self, protocol: object) -> object:
        raise VaultSerialisationError("VaultStore kan inte serialiseras")
