"""Ingest: load -> chunk (redacted) -> reuse the vectors of unchanged passages and sentences ->
embed the rest -> write a new index version -> switch to it atomically -> remove versions older
than the previous."""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from guardrails.text.tags import find_tags
from knowledge.config import IndexConfig
from knowledge.documents import Document, DocumentMeta, LoadIssue, LoadReport
from knowledge.embedding import (
    Embedder,
    canonical_model_name,
    embed_documents_array,
    embed_query_array,
    get_embedder,
)
from knowledge.index_versions import (
    BUILDING_SUFFIX,
    LEXICAL,
    StoredPassage,
    garbage_collect,
    new_version_id,
    read_current,
    read_manifest,
    read_passages,
    read_vectors,
    switch_current,
    version_dir,
    write_version_files,
    writer_lock,
)
from knowledge.lexical import LexicalIndex
from knowledge.page_questions import PageQuestions
from knowledge.passage_sentences import passage_sentences
from knowledge.passages import Passage
from knowledge.sentence_vectors import SentenceVectors, build_sentence_vectors
from knowledge.vector_store import VectorStore, drop_collection
from knowledge.vocabulary import DEFAULT_VOCABULARY, Vocabulary

if TYPE_CHECKING:
    from guardrails import OfficeConfig

# progress(stage, done, total); stages: "load", "chunk", "embed", "sentences", "store".
Progress = Callable[[str, int, int], None]


@dataclass
class IngestReport:
    indexed: list[DocumentMeta] = field(default_factory=list)
    skipped: list[LoadIssue] = field(default_factory=list)
    failed: list[LoadIssue] = field(default_factory=list)
    passages: int = 0
    seconds: float = 0.0
    index_version: str = ""  # "" when no new version was built
    embedded: int = 0  # passages embedded in this run
    reused: int = 0  # passages whose vectors came from the previous version
    sentences_embedded: int = 0  # passage sentences embedded in this run (the rest were reused)
    switched: bool = False


def embedding_text(passage: Passage) -> str:
    """What the embedder and BM25 see: the headings give a short passage its topic."""
    heads = [h for h in (passage.title, passage.section) if h]
    if passage.section and passage.section.startswith(passage.title):
        heads = [passage.section]
    return " – ".join(heads) + "\n" + passage.text if heads else passage.text


_ID_SEPARATORS = re.compile(r"[-_.]")


def _identity_redactor(office: OfficeConfig | None = None) -> Callable[[Document], Document]:
    """Titles and file-name ids go through the redactor like the text does: a document named after
    a person ("beslut-Anna-Lind-19500101-1237.md", title "Beslut för Anna Lind") must not put the
    name in the index, the manifest, a citation or a report. One vault per ingest run, so the id
    and the title of a document name the same person with the same tag ("beslut-NAMN_1", "Beslut
    för [NAMN_1]") and two documents about two people keep two ids. An id is scanned with its
    separators read as spaces, as written and with every word capitalised (file names are often
    lower case: there only a full name of two words counts); what either finds is replaced, and
    the id keeps only id characters. `office`: whose public contact details stay (default: the
    packaged office file)."""
    import guardrails  # imported here: guardrails loads its recognisers, only ingest needs them

    vault = guardrails.Vault()
    office = office or guardrails.load_office()

    def redact_id(doc_id: str, language: str) -> str:
        spaced = _ID_SEPARATORS.sub(" ", doc_id)
        capitalised = " ".join(w[:1].upper() + w[1:] for w in spaced.split(" "))
        found = [(e.start, e.end, e.type) for e in guardrails.scan(spaced, language=language, office=office)]
        if len(capitalised) == len(spaced):
            # capitalised, only full names count: "Nar Huvudmannen Dor" would make "Dor" a name
            found += [
                (e.start, e.end, e.type)
                for e in guardrails.scan(capitalised, language=language, office=office)
                if e.type != "NAMN" or " " in capitalised[e.start : e.end]
            ]
        else:
            capitalised = spaced
        if not found:
            return doc_id
        merged: list[list[int]] = []
        for start, end, _ in sorted(found):
            if merged and start <= merged[-1][1] + 1:  # "Anna" "Lind": one name in "Anna-Lind"
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        out: list[str] = []
        cursor = 0
        for start, end in merged:
            # the segment on its own through the run's vault, so the id and the title share tags
            segment = guardrails.redact(capitalised[start:end], language=language, vault=vault, office=office)
            tags = find_tags(segment.text)
            if not tags:
                kind = next((t for s, e, t in found if s < end and start < e), "NAMN")
                tags = [vault.tag_for(kind, spaced[start:end].casefold(), doc_id[start:end])]
            out += [doc_id[cursor:start], "-".join(t.strip("[]") for t in tags)]
            cursor = end
        out.append(doc_id[cursor:])
        return "".join(out)

    def redact(doc: Document) -> Document:
        meta = doc.meta
        title = (
            guardrails.redact(meta.title, language=meta.language, vault=vault, office=office).text
            if meta.title
            else ""
        )
        doc_id = redact_id(meta.doc_id, meta.language)
        source_url = (
            meta.source_url.replace(meta.doc_id, doc_id) if doc_id != meta.doc_id else meta.source_url
        )
        if (title, doc_id, source_url) == (meta.title, meta.doc_id, meta.source_url):
            return doc
        return replace(doc, meta=replace(meta, title=title, doc_id=doc_id, source_url=source_url))

    return redact


def content_hash(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


def ingest(
    path: Path,
    config: IndexConfig,
    today: date | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> IngestReport:
    """Build a new index version from the approved, currently valid documents under path."""
    from knowledge.loading import load_documents

    started = time.perf_counter()
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} finns inte")
    if progress:
        progress("load", 0, 1)
    loaded = load_documents(path, today=today)
    if progress:
        progress("load", 1, 1)
    vocabulary = Vocabulary.for_corpus(path if path.is_dir() else None, default=_vocabulary_file(config))
    return build_index(
        loaded, config, progress=progress, embedder=embedder, started=started, vocabulary=vocabulary
    )


def _vocabulary_file(config: IndexConfig) -> Path:
    return Path(config.vocabulary_file) if config.vocabulary_file else DEFAULT_VOCABULARY


def build_index(
    loaded: LoadReport,
    config: IndexConfig,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
    started: float | None = None,
    chunker: Callable[[Document], list[Passage]] | None = None,
    vocabulary: Vocabulary | None = None,
) -> IngestReport:
    """Index already loaded documents (the loader's gating has run) as a new version, with the
    office vocabulary (the shipped one when not given) and the documents' own questions. Text,
    titles, ids and questions are redacted with `config.office_file`'s allow list."""
    office = _office(config)
    if chunker is None:
        from knowledge.chunking import chunk_document

        chunker = partial(chunk_document, office=office)

    started = time.perf_counter() if started is None else started
    report = IngestReport(skipped=list(loaded.skipped), failed=list(loaded.failed))
    documents: list[Document] = []
    seen: set[str] = set()
    redact_identity = _identity_redactor(office)
    for doc in loaded.documents:
        doc = redact_identity(doc)
        if doc.meta.doc_id in seen:
            report.failed.append(
                LoadIssue(doc.path or Path(doc.meta.doc_id), "dubblett av doc_id " + doc.meta.doc_id)
            )
            continue
        seen.add(doc.meta.doc_id)
        documents.append(doc)

    passages: list[Passage] = []
    metas: list[DocumentMeta] = []
    for n, doc in enumerate(documents, 1):
        try:
            chunks = chunker(doc)
        except Exception as exc:  # one bad document must not stop the run
            report.failed.append(LoadIssue(doc.path or Path(doc.meta.doc_id), f"kunde inte delas upp: {exc}"))
            continue
        if chunks:
            passages.extend(chunks)
            metas.append(doc.meta)
        if progress:
            progress("chunk", n, len(documents))

    if not passages:
        report.seconds = time.perf_counter() - started
        return report

    passages = _unique_ids(passages)
    embedder = embedder or get_embedder(config.embedding_model)
    model = canonical_model_name(embedder.name)
    texts = [embedding_text(p) for p in passages]
    hashes = [content_hash(model, t) for t in texts]

    with writer_lock(config):
        previous = read_current(config)
        # Vectors of the serving version are reused only when the same model made them.
        reuse_from = previous if previous and _same_model(config, previous, model, embedder.dim) else None
        reusable = _previous_vectors(config, reuse_from)
        vectors = np.zeros((len(passages), embedder.dim), dtype=np.float32)
        todo = []
        for i, h in enumerate(hashes):
            if h in reusable:
                vectors[i] = reusable[h]
            else:
                todo.append(i)
        report.reused = len(passages) - len(todo)
        batch = max(1, config.embed_batch_size)
        if progress:
            progress("embed", 0, len(todo))
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            vectors[chunk] = embed_documents_array(embedder, [texts[i] for i in chunk])
            if progress:
                progress("embed", min(start + batch, len(todo)), len(todo))
        report.embedded = len(todo)
        sentences, report.sentences_embedded = _sentence_vectors(
            config, reuse_from, embedder, passages, batch, progress
        )
        if vocabulary is None:
            vocabulary = Vocabulary.for_corpus(None, default=_vocabulary_file(config))
        vocabulary.vectors = _query_vectors(embedder, [e.text for e in vocabulary.entries])
        questions = [(m.doc_id, _redacted(q, m.language, office)) for m in metas for q in m.questions]
        question_vectors = _query_vectors(embedder, [q for _doc, q in questions])

        version = new_version_id()
        building = config.index_dir / (version + BUILDING_SUFFIX)
        try:
            store = VectorStore.create(config, version)
            stored = [StoredPassage(p, h) for p, h in zip(passages, hashes, strict=True)]
            _write_store(store, stored, vectors, progress)
            LexicalIndex.build([p.id for p in passages], texts, [p.language for p in passages]).save(
                building / LEXICAL
            )
            write_version_files(
                building,
                manifest={
                    "version": version,
                    "embedding_model": model,
                    "dim": embedder.dim,
                    "passages": len(passages),
                    "documents": len(metas),
                },
                documents=metas,
                passages=stored,
                vectors=vectors,
            )
            sentences.save(building)
            vocabulary.save(building)
            PageQuestions(
                [doc for doc, _q in questions], [q for _doc, q in questions], question_vectors
            ).save(building)
            if store.count() != len(passages):
                raise RuntimeError(f"vektorlagret har {store.count()} av {len(passages)} passager")
            building.rename(version_dir(config, version))
        except BaseException:
            drop_collection(config, version)
            shutil.rmtree(building, ignore_errors=True)
            raise
        switch_current(config, version)
        garbage_collect(config, keep={version, previous} if previous else {version})

    report.indexed = metas
    report.passages = len(passages)
    report.index_version = version
    report.switched = True
    report.seconds = time.perf_counter() - started
    return report


def _unique_ids(passages: Sequence[Passage]) -> list[Passage]:
    out, seen = [], set()
    for p in passages:
        pid, n = p.id, 1
        while pid in seen:
            n += 1
            pid = f"{p.id}~{n}"
        seen.add(pid)
        out.append(p if pid == p.id else Passage(**{**p.__dict__, "id": pid}))
    return out


def _previous_vectors(config: IndexConfig, previous: str | None) -> dict[str, np.ndarray]:
    """Passage vectors of version `previous` by content hash ({} without one)."""
    if not previous:
        return {}
    directory = version_dir(config, previous)
    try:
        old = read_passages(directory)
        vectors = read_vectors(directory)
    except (OSError, ValueError, KeyError):
        return {}  # an unreadable old version only costs re-embedding
    return {sp.content_hash: vectors[i] for i, sp in enumerate(old) if i < len(vectors)}


def _sentence_vectors(
    config: IndexConfig,
    previous: str | None,
    embedder: Embedder,
    passages: Sequence[Passage],
    batch: int,
    progress: Progress | None,
) -> tuple[SentenceVectors, int]:
    """Every passage sentence embedded ahead of time, so answering never embeds corpus text."""
    texts = [s for p in passages for s in passage_sentences(p.text)]
    old = None
    if previous:
        try:
            old = SentenceVectors.load(version_dir(config, previous))
        except (OSError, ValueError):
            old = None  # an unreadable old version only costs re-embedding

    def step(done: int, total: int) -> None:
        if progress:
            progress("sentences", done, total)

    return build_sentence_vectors(
        texts,
        lambda chunk: embed_documents_array(embedder, chunk),
        embedder.dim,
        previous=old,
        batch_size=batch,
        progress=step,
    )


def _redacted(text: str, language: str, office: OfficeConfig) -> str:
    import guardrails  # metadata text is stored like passage text: redacted

    return guardrails.redact(text, language=language, office=office).text


def _office(config: IndexConfig) -> OfficeConfig:
    """The office whose public contact details stay in the documents: the office file the caller
    serves with (config.office_file), or the packaged one. An unreadable file stops the ingest
    (OfficeConfigError) rather than indexing the office's own pages with another allow list."""
    import guardrails  # imported here: guardrails loads its recognisers, only ingest needs them

    return guardrails.load_office(config.office_file)


def _query_vectors(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Query-side unit vectors (vocabulary terms and page questions are compared with questions)."""
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    vectors = np.stack([embed_query_array(embedder, t) for t in texts]).astype(np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def _same_model(config: IndexConfig, version: str, model: str, dim: int) -> bool:
    try:
        manifest = read_manifest(version_dir(config, version))
    except (OSError, ValueError):
        return False
    return manifest.get("embedding_model") == model and manifest.get("dim") == dim


def _write_store(
    store: VectorStore, stored: Sequence[StoredPassage], vectors: np.ndarray, progress: Progress | None
) -> None:
    batch = 1000
    total = len(stored)
    for start in range(0, total, batch):
        part = stored[start : start + batch]
        store.add(
            [sp.passage.id for sp in part],
            vectors[start : start + batch],
            [sp.passage.text for sp in part],
            [
                {
                    "doc_id": sp.passage.doc_id,
                    "doc_version": sp.passage.version,
                    "title": sp.passage.title,
                    "section": sp.passage.section,
                    "source_url": sp.passage.source_url,
                    "language": sp.passage.language,
                    "hash": sp.content_hash,
                }
                for sp in part
            ],
        )
        if progress:
            progress("store", min(start + batch, total), total)
