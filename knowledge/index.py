"""Searching the current index version: hybrid dense + BM25 retrieval fused with reciprocal rank
fusion, a preference for the asker's language, de-duplication, and a re-check of every hit's
document against its stored approval metadata for today."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

import numpy as np

from knowledge.config import IndexConfig
from knowledge.diacritics import Diacritics
from knowledge.documents import DocumentMeta
from knowledge.embedding import Embedder, embed_query_array, get_embedder
from knowledge.index_versions import (
    DOCUMENTS,
    MANIFEST,
    PASSAGES,
    IndexNotFound,
    current_stamp,
    read_current,
    read_documents,
    read_manifest,
    read_passages,
    version_dir,
)
from knowledge.language import detect_language
from knowledge.lexical import LexicalIndex, words
from knowledge.page_questions import PageQuestions
from knowledge.passages import Passage, example_heading, navigation_heading
from knowledge.sentence_vectors import SentenceVectors
from knowledge.vector_store import VectorStore
from knowledge.vocabulary import Vocabulary

Mode = Literal["hybrid", "dense", "lexical"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Snapshot:
    """Everything one version needs for search, loaded once and never mutated: a search holds a
    reference to one snapshot, so it cannot mix versions even while CURRENT switches."""

    version: str
    stamp: tuple[int, int] | None
    model: str
    passages: dict[str, Passage]
    documents: dict[str, DocumentMeta]
    store: VectorStore
    lexical: LexicalIndex
    sentences: SentenceVectors
    spellings: dict[str, Diacritics]  # per language, for questions typed without å, ä and ö
    vocabulary: Vocabulary
    questions: PageQuestions
    sections: dict[tuple[str, str], tuple[str, ...]]  # (doc_id, section) -> its passage ids, in order


class KnowledgeIndex:
    """The serving view of a data directory's index. Reloads when CURRENT changes, so a
    long-running server sees re-ingests without a restart."""

    def __init__(
        self,
        config: IndexConfig,
        embedder: Embedder | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        self.config = config
        self._embedder = embedder
        self._today = today or date.today
        self._lock = threading.Lock()
        self._snap: _Snapshot | None = None
        self._snapshot()

    # -- versions -------------------------------------------------------------------------

    def _snapshot(self) -> _Snapshot:
        snap = self._snap
        stamp = current_stamp(self.config)
        if snap is not None and (stamp is None or stamp == snap.stamp):
            return snap
        with self._lock:
            snap = self._snap
            stamp = current_stamp(self.config)
            if snap is not None and (stamp is None or stamp == snap.stamp):
                return snap
            try:
                self._snap = self._load(stamp)
            except (OSError, ValueError, KeyError) as exc:
                # A switch raced with our read, or the new version is unreadable: keep serving
                # the version we have and try again on the next search.
                if snap is None:
                    raise IndexNotFound(f"inget läsbart index i {self.config.data_dir}: {exc}") from exc
                return snap
            return self._snap

    def _load(self, stamp: tuple[int, int] | None) -> _Snapshot:
        version = read_current(self.config)
        if version is None:
            raise IndexNotFound(f"inget index i {self.config.data_dir} (kör `tillit ingest` först)")
        directory = version_dir(self.config, version)
        manifest = read_manifest(directory)
        passages = {sp.passage.id: sp.passage for sp in read_passages(directory)}
        documents = {m.doc_id: m for m in read_documents(directory)}
        try:
            store = VectorStore.open(self.config, version)
        except Exception as exc:  # Chroma's "collection not found" types differ per client
            raise OSError(f"Chroma-samlingen för {version} saknas: {exc}") from exc
        lexical = LexicalIndex.load(directory / "lexical")
        sentences = SentenceVectors.load(directory)
        texts: dict[str, list[str]] = {}
        for passage in passages.values():
            texts.setdefault(passage.language, []).append(passage.text)
        spellings = {language: Diacritics(batch) for language, batch in texts.items()}
        sections: dict[tuple[str, str], list[str]] = {}
        for passage in passages.values():  # passages.jsonl is in document order
            sections.setdefault((passage.doc_id, passage.section), []).append(passage.id)
        return _Snapshot(
            version,
            stamp,
            manifest["embedding_model"],
            passages,
            documents,
            store,
            lexical,
            sentences,
            spellings,
            Vocabulary.load_stored(directory),
            PageQuestions.load(directory),
            {key: tuple(ids) for key, ids in sections.items()},
        )

    def refresh(self) -> bool:
        """Load CURRENT now if it changed; True when the version changed."""
        before = self._snap.version if self._snap else None
        return self._snapshot().version != before

    @property
    def version(self) -> str:
        return self._snapshot().version

    @property
    def embedder(self) -> Embedder:
        """The embedder the current version was built with (query vectors must match it)."""
        if self._embedder is None:
            self._embedder = get_embedder(self._snapshot().model)
        return self._embedder

    def sentence_vectors(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        """Unit vectors of passage sentences (as `passage_sentences` splits them) embedded at
        ingest; None for a text that is not a sentence of the current version."""
        return self._snapshot().sentences.get(texts)

    # -- search ---------------------------------------------------------------------------

    def normalise_query(self, query: str, language: str) -> str:
        """The query with å, ä and ö given back to words typed without them ("nar ska arsrakningen
        in" -> "när ska årsräkningen in"), from the current version's words in `language`."""
        spellings = self._snapshot().spellings.get(language)
        return spellings.restore(query) if spellings is not None else query

    def search(
        self, query: str, k: int = 5, language: str | None = None, mode: Mode = "hybrid"
    ) -> list[Passage]:
        """The k best servable passages for a question, best first, with fused scores."""
        if not query.strip() or k <= 0:
            return []
        if language is None:
            language = detect_language(query)
        query = self.normalise_query(query, language)
        vector = embed_query_array(self.embedder, query) if mode != "lexical" else None
        return self.search_vector(query, vector, k=k, language=language, mode=mode)

    def search_vector(
        self,
        query: str,
        vector: np.ndarray | None,
        k: int = 5,
        language: str | None = None,
        mode: Mode = "hybrid",
    ) -> list[Passage]:
        """search() with the query already embedded (benchmarks time this part alone)."""
        for attempt in range(3):
            snap = self._snapshot()
            try:
                return self._search(snap, query, vector, k, language, mode)
            except Exception:
                # The version we hold was garbage-collected under us (two quick re-ingests):
                # load CURRENT again and retry.
                if attempt == 2 or current_stamp(self.config) == snap.stamp:
                    raise
                time.sleep(0.01)
        raise AssertionError("unreachable")

    def _search(
        self,
        snap: _Snapshot,
        query: str,
        vector: np.ndarray | None,
        k: int,
        language: str | None,
        mode: Mode,
    ) -> list[Passage]:
        cfg = self.config
        n = max(cfg.candidates, k * 4)
        rankings: list[tuple[float, list[str]]] = []
        similarity: dict[str, float] = {}
        matched = snap.vocabulary.matches(query) if cfg.vocabulary_weight else []
        terms = tuple(dict.fromkeys(snap.vocabulary.entries[i].text for i in matched))
        if vector is not None:
            vector = self._with_vocabulary(snap, matched, vector)
        if mode in ("hybrid", "dense") and vector is not None:
            try:
                hits = snap.store.query(vector, n)
                similarity = {h.id: h.similarity for h in hits}
                rankings.append((1.0, [h.id for h in hits]))
            except Exception as exc:
                # A Chroma server that is away must not take answers down: hybrid search
                # degrades to the lexical ranking (same approved passages) until it is back.
                if mode != "hybrid" or not cfg.chroma_url:
                    raise
                _log.warning("vector store unavailable, lexical ranking only: %s", type(exc).__name__)
        if mode in ("hybrid", "lexical"):
            # The office's words for what the question describes are searched for too when it is
            # written in a language no document is in: the only words it can share with them. (A
            # question in the documents' language is searched by its own words; a long message
            # matches many entries, whose terms would drown them.)
            foreign = bool(terms) and detect_language(query) not in snap.spellings
            lexical_query = " ".join((query, *terms)) if foreign else query
            rankings.append((cfg.lexical_weight, [h.id for h in snap.lexical.search(lexical_query, n)]))
        fused: dict[str, float] = {}
        for weight, ranking in rankings:
            for rank, pid in enumerate(ranking):
                fused[pid] = fused.get(pid, 0.0) + weight / (cfg.rrf_k + rank + 1)
        self._add_document_evidence(snap, fused, vector)

        if language is None:
            language = detect_language(query)
        today = self._today()
        scored: list[tuple[float, Passage]] = []
        for pid, score in fused.items():
            passage = snap.passages.get(pid)
            if passage is None:
                continue
            meta = snap.documents.get(passage.doc_id)
            # Defence in depth: ingest already gated, but a document can expire while served.
            if meta is None or meta.version != passage.version or meta.servable_reason(today):
                continue
            if passage.language == language:
                score *= cfg.language_boost
            if cfg.easy_read_factor != 1.0 and is_easy_read(meta):
                score *= cfg.easy_read_factor
            if navigation_heading(passage.section):
                score *= cfg.navigation_factor
            elif example_heading(passage.section):
                score *= cfg.example_factor
            scored.append((score, passage))
        scored.sort(key=lambda sp: (-sp[0], sp[1].id))
        selected = self._select(scored, k, similarity)
        return [replace(p, terms=terms) for p in selected] if terms else selected

    def _with_vocabulary(self, snap: _Snapshot, matched: list[int], vector: np.ndarray) -> np.ndarray:
        """The query vector moved towards the office's words for what the question describes
        (`matched`: the vocabulary entries the question matches)."""
        vocabulary = snap.vocabulary
        weight = self.config.vocabulary_weight
        if not weight or vocabulary.vectors is None or len(vocabulary.vectors) == 0:
            return vector
        if not matched:
            return vector
        terms = vocabulary.vectors[matched].mean(axis=0)
        terms = terms / (float(np.linalg.norm(terms)) or 1.0)
        own = np.asarray(vector, dtype=np.float32)
        mixed = own / (float(np.linalg.norm(own)) or 1.0) + weight * terms
        return (mixed / (float(np.linalg.norm(mixed)) or 1.0)).astype(np.float32)

    def _add_document_evidence(
        self, snap: _Snapshot, fused: dict[str, float], vector: np.ndarray | None
    ) -> None:
        """Document- and section-level evidence on top of the passages' own scores: the documents
        and the sections the fused ranking favours as a whole, and the documents whose listed
        questions are closest to the asker's."""
        cfg = self.config
        rankings: list[tuple[float, list[str]]] = []
        if cfg.doc_weight:
            totals: dict[str, float] = {}
            for pid, score in fused.items():
                passage = snap.passages.get(pid)
                if passage is not None:
                    totals[passage.doc_id] = totals.get(passage.doc_id, 0.0) + score
            rankings.append((cfg.doc_weight, sorted(totals, key=lambda d: (-totals[d], d))))
        section_bonus: dict[tuple[str, str], float] = {}
        if cfg.section_weight:
            # A section several of whose passages match is about the question as a whole.
            sections: dict[tuple[str, str], float] = {}
            for pid, score in fused.items():
                passage = snap.passages.get(pid)
                if passage is not None:
                    key = (passage.doc_id, passage.section)
                    sections[key] = sections.get(key, 0.0) + score
            ranked = sorted(sections, key=lambda key: (-sections[key], key))
            section_bonus = {
                key: cfg.section_weight / (cfg.rrf_k + rank + 1) for rank, key in enumerate(ranked)
            }
        if cfg.questions_weight and vector is not None and len(snap.questions):
            unit = np.asarray(vector, dtype=np.float32)
            unit = unit / (float(np.linalg.norm(unit)) or 1.0)
            rankings.append((cfg.questions_weight, snap.questions.doc_ranking(unit)))
        if section_bonus:
            for pid in fused:
                passage = snap.passages.get(pid)
                if passage is not None:
                    fused[pid] += section_bonus.get((passage.doc_id, passage.section), 0.0)
        if not rankings:
            return
        bonus: dict[str, float] = {}
        for weight, docs in rankings:
            for rank, doc_id in enumerate(docs):
                bonus[doc_id] = bonus.get(doc_id, 0.0) + weight / (cfg.rrf_k + rank + 1)
        for pid in fused:
            passage = snap.passages.get(pid)
            if passage is not None:
                fused[pid] += bonus.get(passage.doc_id, 0.0)

    def section_passages(self, passage: Passage) -> list[Passage]:
        """Every passage of `passage`'s section in the current version, in document order (the
        whole section an answer may quote); [passage] when the version does not hold it."""
        snap = self._snapshot()
        ids = snap.sections.get((passage.doc_id, passage.section))
        if not ids or passage.id not in ids:
            return [passage]
        return [snap.passages[pid] for pid in ids]

    def section_of(self, doc_id: str, section: str, version: str | None = None) -> list[Passage]:
        """Every passage of a document's section in the current version, in document order (what a
        citation of that section may quote); [] when the version does not hold it (or holds
        another version of the document than `version`)."""
        snap = self._snapshot()
        passages = [snap.passages[pid] for pid in snap.sections.get((doc_id, section), ())]
        return [p for p in passages if not version or p.version == version]

    def _select(
        self, scored: list[tuple[float, Passage]], k: int, similarity: dict[str, float] | None = None
    ) -> list[Passage]:
        cfg = self.config
        chosen: list[Passage] = []
        chosen_words: list[set[str]] = []
        per_doc: dict[str, int] = {}
        for score, passage in scored:
            if cfg.max_per_doc and per_doc.get(passage.doc_id, 0) >= cfg.max_per_doc:
                continue
            ws = set(words(passage.text))
            if any(_jaccard(ws, other) >= cfg.duplicate_threshold for other in chosen_words):
                continue
            dense = round(float((similarity or {}).get(passage.id, 0.0)), 6)
            chosen.append(replace(passage, score=round(score, 6), dense=dense))
            chosen_words.append(ws)
            per_doc[passage.doc_id] = per_doc.get(passage.doc_id, 0) + 1
            if len(chosen) == k:
                break
        return chosen

    # -- inspection -----------------------------------------------------------------------

    def documents(self) -> list[DocumentMeta]:
        """The documents in the current version (as approved at ingest), by doc_id."""
        return sorted(self._snapshot().documents.values(), key=lambda m: m.doc_id)

    def passage_count(self, doc_id: str | None = None) -> int:
        passages = self._snapshot().passages.values()
        return sum(1 for p in passages if doc_id is None or p.doc_id == doc_id)

    def all_texts(self) -> Iterator[str]:
        """Every text the current version stores: Chroma documents and metadata, the lexical
        index's files and terms. For leak scans, not for answers."""
        snap = self._snapshot()
        for _pid, document, metadata in snap.store.iter_stored():
            yield document
            yield from (str(v) for v in metadata.values())
        directory = version_dir(self.config, snap.version)
        for name in (PASSAGES, DOCUMENTS, MANIFEST):
            yield (directory / name).read_text(encoding="utf-8")
        yield from snap.lexical.vocabulary()


_EASY_READ = re.compile(r"l[äa]ttl[äa]st|easy[- ]?(to[- ])?read|leicht lesen|selkokiel", re.IGNORECASE)


def is_easy_read(meta: DocumentMeta) -> bool:
    """An easy-to-read version of a page ("Lättläst – …", audience "lattlast")."""
    return bool(_EASY_READ.search(meta.title) or _EASY_READ.search(meta.audience or ""))


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / len(a | b)


def open_index(
    config: IndexConfig, embedder: Embedder | None = None, today: Callable[[], date] | None = None
) -> KnowledgeIndex:
    """Open the current version of the index in config.data_dir (IndexNotFound when none)."""
    return KnowledgeIndex(config, embedder=embedder, today=today)
