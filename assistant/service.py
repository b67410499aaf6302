"""The Assistant: the product's one entry point for chat, drafts, erasure and staff actions.

It loads the index, policy, office facts and database once; the HTTP API, the CLI and evals all
drive this same object.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.composers.base import Composer
from assistant.composers.extractive import ExtractiveComposer
from assistant.corpus_roots import bundled_corpus_dir, within_corpus_roots
from assistant.pipeline.drafts import DraftWriter
from assistant.pipeline.replies import ChatReply, DraftReply
from assistant.pipeline.turn import ChatPipeline, TurnResult
from assistant.settings import Settings, get_settings
from assistant.storage import Database, Store
from guardrails import OfficeConfig, VaultStore, assess, load_office, load_policy
from knowledge import IndexNotFound, KnowledgeIndex, open_index

if TYPE_CHECKING:
    from assistant.pipeline.safety_opinion import SafetyOpinion

log = logging.getLogger(__name__)


class IndexUnavailable(RuntimeError):
    """No knowledge index has been built yet (run `tillit ingest`)."""


class Assistant:
    def __init__(
        self,
        settings: Settings,
        *,
        index: KnowledgeIndex | None = None,
        database: Database | None = None,
        office: OfficeConfig | None = None,
        chat_model: Any | None = None,
        prompt_capture: Any | None = None,
        min_confidence: float = 0.3,
    ) -> None:
        self.settings = settings
        self.office = office or load_office(settings.office_file)
        self.database = database or Database(settings.db_url)
        self.store = Store(self.database)
        self.policy = load_policy(settings.policy_file, office=self.office)
        self.index_config = settings.index_config()
        self.prompt_capture = prompt_capture
        self._chat_model = chat_model
        self.min_confidence = min_confidence
        self.vaults = VaultStore()
        # A draft's vault keeps the values, so the staff member gets the names back (drafts only).
        self.draft_vaults = VaultStore(keep_values=True)
        self._lock = threading.Lock()
        self._index = index
        self._pipeline: ChatPipeline | None = None
        self._drafts: DraftWriter | None = None
        self.safety = self._build_safety()
        if self._index is None:
            try:
                self._index = open_index(self.index_config)
            except IndexNotFound:
                log.warning(
                    "no knowledge index in %s yet; answers wait for `tillit ingest`", settings.data_dir
                )

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **kwargs: Any) -> Assistant:
        return cls(settings or get_settings(), **kwargs)

    # -- parts -----------------------------------------------------------------------------------
    @property
    def index(self) -> KnowledgeIndex:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    try:
                        self._index = open_index(self.index_config)
                    except IndexNotFound as exc:
                        raise IndexUnavailable(str(exc)) from exc
        return self._index

    @property
    def ready(self) -> bool:
        try:
            return bool(self.index.version)
        except (IndexUnavailable, IndexNotFound, OSError):
            return False

    def _build_composer(self, extractive: ExtractiveComposer) -> Composer:
        s = self.settings
        if s.composer == "extractive":
            return extractive
        from assistant.composers.llm import LLMComposer, build_chat_model

        model = self._chat_model or build_chat_model(
            s.composer,
            base_url=s.llm_base_url,
            model=s.llm_model,
            api_key=s.llm_api_key,
            temperature=s.llm_temperature,
            timeout_s=s.llm_timeout_s,
        )
        callbacks = [self.prompt_capture] if self.prompt_capture is not None else []
        return LLMComposer(
            model,
            extractive,
            timeout_s=s.llm_timeout_s,
            office_name=self.office.office.name,
            callbacks=callbacks,
            name=s.composer,
        )

    def _build_safety(self) -> SafetyOpinion | None:
        """The model's safety opinion when the office turned it on (built at start, so a missing
        model address fails there); None by default, and then no model is ever called."""
        if self.settings.safety_model == "off":
            return None
        from assistant.pipeline.safety_opinion import build_safety_opinion

        callbacks = [self.prompt_capture] if self.prompt_capture is not None else []
        return build_safety_opinion(self.settings, self.policy, self.office.office.name, callbacks=callbacks)

    @property
    def pipeline(self) -> ChatPipeline:
        if self._pipeline is None:
            index = self.index
            with self._lock:
                if self._pipeline is None:
                    from knowledge import detect_language

                    extractive = ExtractiveComposer(
                        index.embedder,
                        stored_vectors=index.sentence_vectors,
                        sections=index.section_passages,
                    )
                    self._pipeline = ChatPipeline(
                        index=index,
                        store=self.store,
                        office=self.office,
                        policy=self.policy,
                        assess=assess,
                        composer=self._build_composer(extractive),
                        extractive=extractive,
                        detect_language=detect_language,
                        k=self.settings.retrieval_k,
                        min_confidence=self.min_confidence,
                        vaults=self.vaults,
                        safety=self.safety,
                        check_embed=extractive.embed_cached if index.embedder is not None else None,
                    )
        return self._pipeline

    @property
    def drafts(self) -> DraftWriter:
        if self._drafts is None:
            pipeline = self.pipeline
            self._drafts = DraftWriter(
                office=self.office,
                language=pipeline.detect,
                policy=pipeline.policy,
                answering=pipeline,
                store=self.store,
                vaults=self.draft_vaults,
            )
        return self._drafts

    def warm_up(self) -> None:
        """Load models, word lists and caches before the first citizen waits for them."""
        pipeline = self.pipeline
        from assistant.pipeline.trace import Trace
        from guardrails import warm_up as warm_guardrails
        from knowledge import detect_language

        try:
            warm_guardrails()
            detect_language("Hur lämnar jag in årsräkningen?")
            pipeline.answer(Trace(), "Vad är en god man?", "Vad är en god man?", "sv", ())
        except Exception:  # warm-up is best effort
            log.warning("warm-up failed", exc_info=True)

    # -- citizen ---------------------------------------------------------------------------------
    def turn(
        self,
        message: str,
        conversation_id: str | None = None,
        token: str | None = None,
        language: str | None = None,
    ) -> TurnResult:
        return self.pipeline.run(message, conversation_id, token, language)

    def chat(
        self,
        message: str,
        conversation_id: str | None = None,
        token: str | None = None,
        language: str | None = None,
    ) -> ChatReply:
        return self.turn(message, conversation_id, token, language).reply

    def erase(self, conversation_id: str, token: str | None) -> None:
        self.store.erase_conversation(conversation_id, token)
        self.vaults.drop(conversation_id)

    def feedback(
        self,
        conversation_id: str,
        token: str | None,
        helpful: bool,
        reason: str | None,
        turn_id: int | None = None,
    ) -> None:
        self.store.check_token(conversation_id, token)
        self.store.add_feedback(conversation_id, helpful, reason, turn_id)

    # -- staff -----------------------------------------------------------------------------------
    def draft(self, text: str, staff: str) -> DraftReply:
        return self.drafts.write(text, staff)

    def draft_outcome(
        self,
        draft_id: str,
        outcome: str,
        staff: str,
        final_text: str | None = None,
        edit_distance: int | None = None,
    ) -> int | None:
        return self.drafts.outcome(draft_id, outcome, staff, final_text, edit_distance)

    def documents(self) -> list[Any]:
        return self.index.documents()

    def corpus_path(self, path: Path) -> Path:
        """`path` resolved, if it lies inside a configured corpus root; OutsideCorpusRoots otherwise."""
        return within_corpus_roots(path, self.settings.corpus_roots)

    def reindex(self, path: Path | None = None) -> Any:
        """Ingest `path` (inside a corpus root) or the bundled corpus, then serve the new version.

        The ingest runs in a low-priority child process, so answers keep their speed meanwhile."""
        from assistant.reindexing import ingest_at_low_priority

        source = self.corpus_path(path) if path is not None else bundled_corpus_dir()
        report = ingest_at_low_priority(source, self.index_config)
        with contextlib.suppress(IndexUnavailable):
            self.index.refresh()
        return report

    def purge(self, older_than: dt.timedelta, actor: str = "system") -> Any:
        self.vaults.purge_expired()
        self.draft_vaults.purge_expired()
        return self.store.purge(older_than, actor=actor)

    def close(self) -> None:
        if self.safety is not None:
            self.safety.close()
        self.database.dispose()
