"""The stages of one turn, each a small component with typed input and output.

redact -> policy -> retrieve -> compose -> check -> record. The runner (turn.py) times each one
into a Trace; nothing here sees clear text after the redact stage.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

import guardrails
from assistant.composers.base import ComposedAnswer, Composer, ComposeRequest
from assistant.storage import Store, TurnRecord
from guardrails import OfficeConfig, Vault
from guardrails.policy import Policy
from guardrails.policy.decision import ConversationState, Decision
from guardrails.policy.semantic import MessageVectors, message_sentences
from guardrails.text.tags import strip_tags
from knowledge import Embedder, KnowledgeIndex, Passage, embed_queries_array

if TYPE_CHECKING:
    from assistant.pipeline.safety_opinion import Opinion, SafetyOpinion

log = logging.getLogger("assistant.pipeline")


# -- redact ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RedactOut:
    text: str
    entity_types: tuple[str, ...]
    vault: Vault


class RedactStage:
    def __init__(self, office: OfficeConfig) -> None:
        self.office = office

    def run(self, message: str, vault: Vault | None, language: str | None = None) -> RedactOut:
        redacted = guardrails.redact(message, language=language, vault=vault, office=self.office)
        assert redacted.vault is not None
        return RedactOut(redacted.text, tuple(e.type for e in redacted.entities), redacted.vault)


# -- language ----------------------------------------------------------------------------------
class LanguageStage:
    """The asker's language: an explicit choice wins; otherwise detection on the redacted text."""

    def __init__(self, detect: Callable[[str], str]) -> None:
        self.detect = detect

    def run(self, redacted_text: str, hint: str | None, previous: str | None) -> str:
        if hint:
            return hint.lower()[:2]
        stripped = strip_tags(redacted_text).strip()
        # Very short follow-ups ("och då?") say little about language: keep the conversation's.
        if previous and len(stripped.split()) < 3:
            return previous
        try:
            return self.detect(stripped) or "sv"
        except Exception:  # detection must never stop an answer
            return previous or "sv"


# -- policy ------------------------------------------------------------------------------------
def message_vectors(embedder: Embedder, text: str, vectors: QueryVectors | None = None) -> MessageVectors:
    """The message and each of its sentences as query vectors, for the policy's intent model.

    Through `vectors` (the retrieval stage's cache) the whole message's vector is the one retrieval
    uses when it searches the same text, so a turn embeds the question once.
    """
    parts = [text, *message_sentences(text)]
    cache = vectors or QueryVectors(size=0)
    return MessageVectors(str(embedder.name), cache.get_many(embedder, parts), tuple(parts))


class PolicyStage:
    def __init__(
        self,
        policy: Policy,
        assess: Callable[..., Decision],
        embedder: Callable[[], Embedder] | None = None,
        vectors: QueryVectors | None = None,
        safety: SafetyOpinion | None = None,
    ) -> None:
        self.policy = policy
        self._assess = assess
        self._embedder = embedder
        self._vectors = vectors
        self._warned = False
        # The optional model's second opinion (off unless configured); it can only escalate.
        self.safety = safety

    def vectors_for(self, text: str) -> MessageVectors | None:
        semantic = self.policy.semantic
        if semantic is None or self._embedder is None:
            return None
        embedder = self._embedder()
        if str(embedder.name) != semantic.model.encoder:
            if not self._warned:
                log.warning(
                    "policy intent model trained with %s, index uses %s: rules only until "
                    "`tillit policy train` is run",
                    semantic.model.encoder,
                    embedder.name,
                )
                self._warned = True
            return None
        return message_vectors(embedder, text, self._vectors)

    def run(
        self,
        redacted_text: str,
        state: ConversationState,
        language: str | None = None,
        vectors: MessageVectors | None = None,
    ) -> Decision:
        return self._assess(redacted_text, state, policy=self.policy, language=language, vectors=vectors)

    def second_opinion(
        self, redacted_text: str, decision: Decision, state: ConversationState
    ) -> tuple[Decision, Opinion | None]:
        """The decision after the safety model's opinion (None: no model configured, nothing sent)."""
        if self.safety is None:
            return decision, None
        return self.safety.review(redacted_text, decision, state)


# -- retrieve ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RetrieveOut:
    passages: list[Passage]
    language: str
    query_vector: np.ndarray | None = None


class QueryVectors:
    """Recent query vectors by text. People ask the same questions in the same words far more
    often than not (FAQ traffic), and one embedding is most of a turn's CPU time."""

    def __init__(self, size: int = 4096) -> None:
        self._items: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, embedder: Embedder, text: str) -> np.ndarray:
        key = (str(embedder.name), text)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        vector = np.asarray(embedder.embed_query(text), dtype=np.float32)
        self._keep(key, vector)
        return vector

    def get_many(self, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) vectors; the missing ones embedded in one batch."""
        name = str(embedder.name)
        with self._lock:
            found = {t: self._items.get((name, t)) for t in texts}
        missing = [t for t, v in found.items() if v is None]
        if missing:
            fresh = embed_queries_array(embedder, missing)
            for text, vector in zip(missing, fresh, strict=True):
                found[text] = vector
                self._keep((name, text), vector)
        return np.stack([found[t] for t in texts]).astype(np.float32)

    def _keep(self, key: tuple[str, str], vector: np.ndarray) -> None:
        if self._size <= 0:
            return
        with self._lock:
            self._items[key] = vector
            self._items.move_to_end(key)
            if len(self._items) > self._size:
                self._items.popitem(last=False)


class RetrieveStage:
    def __init__(self, index: KnowledgeIndex, k: int = 5) -> None:
        self.index = index
        self.k = k
        self.vectors = QueryVectors()

    def languages(self) -> set[str]:
        return {d.language for d in self.index.documents()}

    def normalised(self, query: str, language: str) -> str:
        """The query as it is searched: "arsrakning" becomes "årsräkning"."""
        return self.index.normalise_query(query, language)

    def run(self, query: str, language: str) -> RetrieveOut:
        query = self.normalised(query, language)
        vector = self.vectors.get(self.index.embedder, query)
        hits = self.index.search_vector(query, vector, k=self.k * 2, language=language)
        # Answer from one language only: the language boost ranks them first, the rest is dropped.
        same = [p for p in hits if p.language == language][: self.k]
        return RetrieveOut(same, language, vector)


# -- compose -----------------------------------------------------------------------------------
class ComposeStage:
    def __init__(self, composer: Composer) -> None:
        self.composer = composer

    def run(self, request: ComposeRequest) -> ComposedAnswer:
        return self.composer.compose(request)


# -- check -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckOut:
    ok: bool
    reasons: tuple[str, ...] = ()
    unsupported: tuple[str, ...] = ()


class CheckStage:
    def __init__(self, office: OfficeConfig, embed: Any | None = None) -> None:
        self.office = office
        self.embed = embed

    def run(self, answer: ComposedAnswer) -> CheckOut:
        if answer.empty:
            return CheckOut(False, ("empty",))
        verdict = guardrails.check_output(answer.text, answer.cited, embed=self.embed, office=self.office)
        return CheckOut(bool(verdict.ok), tuple(verdict.reasons), tuple(verdict.unsupported))


# -- record ------------------------------------------------------------------------------------
@dataclass
class HandoffRecord:
    reason: str
    rule: str
    queue: str
    urgency: str
    language: str | None
    summary: str  # redacted
    citations: list[dict[str, Any]] = field(default_factory=list)
    prepare: list[str] = field(default_factory=list)


class RecordStage:
    def __init__(self, store: Store) -> None:
        self.store = store

    def handoff(self, conversation_id: str | None, record: HandoffRecord) -> str:
        return self.store.create_handoff(
            conversation_id,
            reason=record.reason,
            rule=record.rule,
            queue=record.queue,
            urgency=record.urgency,
            language=record.language,
            summary=record.summary,
            citations=record.citations,
            prepare=record.prepare,
        )

    def run(self, record: TurnRecord) -> int:
        return self.store.record_turn(record)


def citation_dicts(passages: Sequence[Passage]) -> list[dict[str, Any]]:
    return [
        {
            "n": i,
            "doc_id": p.doc_id,
            "version": p.version,
            "title": p.title,
            "section": p.section,
            "source_url": p.source_url,
        }
        for i, p in enumerate(passages, start=1)
    ]
