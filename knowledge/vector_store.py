"""The dense half of the index: one Chroma collection per index version, embedded or server."""

from __future__ import annotations

import os

# Chroma reads this before its first client is created; telemetry must never leave the machine.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import numpy as np

from knowledge.config import IndexConfig

COLLECTION_PREFIX = "passages_"
_clients: dict[tuple[str, str], Any] = {}
_clients_lock = threading.Lock()


def collection_name(version: str) -> str:
    return f"{COLLECTION_PREFIX}{version}"


def chroma_client(config: IndexConfig) -> Any:
    """A Chroma client for this config: HttpClient when chroma_url is set, else PersistentClient.

    Clients are shared per location because Chroma keeps one system per path in a process.
    """
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if config.chroma_url:
        key = ("http", config.chroma_url)
        with _clients_lock:
            if key not in _clients:
                url = urlparse(
                    config.chroma_url if "//" in config.chroma_url else f"http://{config.chroma_url}"
                )
                ssl = url.scheme == "https"
                port = url.port or (443 if ssl else 8000)
                _clients[key] = chromadb.HttpClient(
                    host=url.hostname or "127.0.0.1", port=port, ssl=ssl, settings=settings
                )
            return _clients[key]
    path = str(config.chroma_dir.resolve())
    key = ("path", path)
    with _clients_lock:
        if key not in _clients:
            config.chroma_dir.mkdir(parents=True, exist_ok=True)
            _clients[key] = chromadb.PersistentClient(path=path, settings=settings)
        return _clients[key]


@dataclass
class DenseHit:
    id: str
    similarity: float


class VectorStore:
    """One version's Chroma collection. Only ids and distances travel on search: the passage
    table of the version lives in memory beside it."""

    def __init__(self, collection: Any) -> None:
        self._collection = collection
        self._size: int | None = None  # a version never changes once built, so count once

    @classmethod
    def create(cls, config: IndexConfig, version: str) -> VectorStore:
        client = chroma_client(config)
        collection = client.create_collection(
            collection_name(version),
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine", "ef_search": 100, "ef_construction": 100}},
            metadata={"tillit_index_version": version},
        )
        return cls(collection)

    @classmethod
    def open(cls, config: IndexConfig, version: str) -> VectorStore:
        client = chroma_client(config)
        return cls(client.get_collection(collection_name(version), embedding_function=None))

    def add(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        documents: Sequence[str],
        metadatas: Sequence[dict[str, str | int | float | bool]],
        batch_size: int = 2000,
    ) -> None:
        for start in range(0, len(ids), batch_size):
            end = start + batch_size
            self._collection.add(
                ids=list(ids[start:end]),
                embeddings=np.asarray(vectors[start:end], dtype=np.float32),
                documents=list(documents[start:end]),
                metadatas=list(metadatas[start:end]),  # type: ignore[arg-type]
            )
        self._size = None

    def count(self) -> int:
        if self._size is None:
            self._size = int(self._collection.count())
        return self._size

    def query(self, vector: np.ndarray, n: int) -> list[DenseHit]:
        n = min(n, self.count()) if n > 0 else 0
        if n <= 0:
            return []
        result = self._collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=n, include=["distances"]
        )
        ids = result["ids"][0]
        distances = (result.get("distances") or [[0.0] * len(ids)])[0]
        return [DenseHit(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def iter_stored(self, page: int = 1000) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(id, document, metadata) of every stored item, for leak scans."""
        offset = 0
        while True:
            got = self._collection.get(limit=page, offset=offset, include=["documents", "metadatas"])
            ids = got["ids"]
            if not ids:
                return
            docs = got.get("documents") or [""] * len(ids)
            metas = got.get("metadatas") or [{}] * len(ids)
            for i, d, m in zip(ids, docs, metas, strict=True):
                yield i, d or "", dict(m or {})
            offset += len(ids)


def drop_collection(config: IndexConfig, version: str) -> None:
    """Delete a version's collection; a missing one is already gone."""
    client = chroma_client(config)
    try:
        client.delete_collection(collection_name(version))
    except Exception as exc:  # Chroma raises different types for "not found" per client kind
        if "does not exist" not in str(exc).lower() and "not found" not in str(exc).lower():
            raise
