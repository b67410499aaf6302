"""The pseudonymisation vault: tag <-> original value for one conversation, in memory only.

A vault lets a staff draft show the real name again (`restore`) while the model, logs and
storage only ever saw `[NAMN_1]`. It lives in process memory with a time-to-live, and it refuses
every way out in clear text: its repr shows counts only, and pickling, copying or JSON
serialisation raise.

A vault that will never restore (the citizen chat: nothing there is ever shown with the real
values back) is made with `keep_values=False`: it keeps only the tag numbering, keyed by a
salted hash of each normalised value (HMAC-SHA256 under a random key that lives and dies with the
vault), so the same value still gets the same tag and nothing readable is held. `VaultStore`, the
chat server's vaults per conversation, makes only such vaults and holds a bounded number of them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from guardrails.text.tags import parse_tag

DEFAULT_TTL_SECONDS = 60 * 60
# One conversation cannot make a vault grow without end: past this many values a new value gets a
# new tag without being remembered (a repeat of it then gets another tag; nothing is lost).
MAX_ENTRIES = 5_000
DEFAULT_MAX_CONVERSATIONS = 20_000


class VaultSerialisationError(TypeError):
    """Raised when something tries to pickle or copy a vault (it must never leave memory)."""


class Vault:
    """Tag <-> value map for one conversation.

    The same (type, normalised value) always gets the same tag; tags are numbered per type in
    order of first appearance. After `ttl_seconds` without use the values are wiped (the tag
    counters are kept so a later message never reuses a tag with a different meaning).
    """

    __slots__ = (
        "_by_key",
        "_by_tag",
        "_clock",
        "_counters",
        "_key_secret",
        "_lock",
        "_touched",
        "keep_values",
        "ttl_seconds",
    )

    def __init__(
        self,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        *,
        keep_values: bool = True,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self.keep_values = keep_values
        self._clock = clock
        self._lock = threading.Lock()
        self._by_key: dict[object, str] = {}
        self._by_tag: dict[str, str] = {}
        self._counters: dict[str, int] = {}
        self._key_secret = b"" if keep_values else secrets.token_bytes(32)
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
    def _map_key(self, entity_type: str, key: str) -> object:
        if self.keep_values:
            return (entity_type, key)
        # numbering only: a keyed hash, so the same value finds its tag and no value is readable
        return hmac.new(self._key_secret, f"{entity_type}\x1f{key}".encode(), hashlib.sha256).digest()[:16]

    def tag_for(self, entity_type: str, key: str, value: str) -> str:
        """The tag for this value, creating `[TYPE_n]` on first sight."""
        map_key = self._map_key(entity_type, key)
        with self._lock:
            self._refresh()
            tag = self._by_key.get(map_key)
            if tag is None:
                n = self._counters.get(entity_type, 0) + 1
                self._counters[entity_type] = n
                tag = f"[{entity_type}_{n}]"
                if len(self._by_key) < MAX_ENTRIES:
                    self._by_key[map_key] = tag
                    if self.keep_values:
                        self._by_tag[tag] = value
            return tag

    def reserve(self, tag: str) -> None:
        """Note a tag already present in text so new tags never reuse its number.

        Only a plausible tag (a known type, at most four digits) is noted: "[NAMN_4203279494]" is
        text, not a tag, and a 4 300-digit number must not be converted at all."""
        parsed = parse_tag(tag)
        if parsed is None:
            return
        entity_type, n = parsed
        with self._lock:
            if self._counters.get(entity_type, 0) < n:
                self._counters[entity_type] = n

    def issued(self, tag: str) -> bool:
        """Whether this vault issued (or reserved) `tag`: only such tags are left alone in text."""
        parsed = parse_tag(tag)
        if parsed is None:
            return False
        entity_type, n = parsed
        with self._lock:
            return 1 <= n <= self._counters.get(entity_type, 0)

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
            return len(self._by_key)

    def __contains__(self, tag: object) -> bool:
        with self._lock:
            self._refresh()
            return tag in self._by_tag

    def __bool__(self) -> bool:
        # An empty vault is still a vault: `vault or Vault()` must not replace it.
        return True

    # -- never in clear text ------------------------------------------------------------------
    def __repr__(self) -> str:
        kind = "" if self.keep_values else " numbering-only"
        return f"<Vault{kind} entries={len(self._by_key)} ttl={self.ttl_seconds:g}s>"

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
    """In-memory vaults per conversation id for the chat server: numbering only, bounded.

    Chat never restores, so its vaults keep no clear values (`keep_values=False`; pass True for a
    store whose vaults must restore, such as the staff drafts' vaults by draft id). At most
    `max_conversations` vaults are held: past that the least recently used one is dropped (its
    conversation starts a fresh numbering, as after the TTL). Expired vaults are dropped on every
    `get`, at most once a second (the sweep is O(n)).
    """

    __slots__ = (
        "_clock",
        "_last_purge",
        "_lock",
        "_vaults",
        "keep_values",
        "max_conversations",
        "ttl_seconds",
    )

    def __init__(
        self,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        *,
        max_conversations: int = DEFAULT_MAX_CONVERSATIONS,
        keep_values: bool = False,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_conversations = max(1, max_conversations)
        self.keep_values = keep_values
        self._clock = clock
        self._lock = threading.Lock()
        self._vaults: OrderedDict[str, Vault] = OrderedDict()
        self._last_purge = float("-inf")

    def get(self, conversation_id: str) -> Vault:
        """The conversation's vault, created on first use."""
        with self._lock:
            now = self._clock()
            if now - self._last_purge >= 1.0:
                self._purge_locked()
                self._last_purge = now
            vault = self._vaults.get(conversation_id)
            if vault is not None and vault.expired:
                self._vaults.pop(conversation_id).clear()
                vault = None
            if vault is None:
                vault = Vault(self.ttl_seconds, self._clock, keep_values=self.keep_values)
                self._vaults[conversation_id] = vault
                self._trim_locked()
            else:
                self._vaults.move_to_end(conversation_id)
            return vault

    def find(self, key: str) -> Vault | None:
        """The vault kept under `key` while it lives; None (and nothing created) otherwise."""
        with self._lock:
            vault = self._vaults.get(key)
            if vault is None:
                return None
            if vault.expired:
                self._vaults.pop(key).clear()
                return None
            self._vaults.move_to_end(key)
            return vault

    def put(self, key: str, vault: Vault) -> None:
        """Keep a vault made before its key existed (a staff draft's, until the draft is stored)."""
        with self._lock:
            old = self._vaults.pop(key, None)
            if old is not None and old is not vault:
                old.clear()
            self._vaults[key] = vault
            self._trim_locked()

    def _trim_locked(self) -> None:
        while len(self._vaults) > self.max_conversations:
            _, oldest = self._vaults.popitem(last=False)
            oldest.clear()

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
