"""Vectors of every passage sentence, computed once at ingest and stored with the index version.

The extractive composer ranks a passage's sentences by cosine to the question. Embedding those
sentences while a citizen waits cost most of a turn's CPU (and stalled every other request on the
shared model), so ingest embeds them ahead of time, reusing the previous version's vectors for
sentences that did not change. At query time a lookup is a binary search in a memory-mapped file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

KEYS_FILE = "sentence_keys.npy"
VECTORS_FILE = "sentence_vectors.npy"

# embed(texts) -> (len(texts), dim) passage-side vectors.
EmbedPassages = Callable[[Sequence[str]], np.ndarray]
# progress(embedded so far, to embed in all)
Progress = Callable[[int, int], None]


def sentence_key(text: str) -> int:
    """A 64-bit key for a sentence's exact text (collisions are ~1 in 10^10 at a million sentences)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


class SentenceVectors:
    """Unit-length sentence vectors looked up by exact sentence text."""

    def __init__(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        if len(keys) != len(vectors):
            raise ValueError("sentence keys and vectors differ in length")
        self._keys = keys  # sorted uint64
        self._vectors = vectors

    @classmethod
    def empty(cls, dim: int = 0) -> SentenceVectors:
        return cls(np.zeros(0, dtype=np.uint64), np.zeros((0, dim), dtype=np.float32))

    @classmethod
    def load(cls, directory: Path) -> SentenceVectors:
        """The version's sentence vectors; empty for a version built before they existed."""
        keys_path, vectors_path = directory / KEYS_FILE, directory / VECTORS_FILE
        if not keys_path.exists() or not vectors_path.exists():
            return cls.empty()
        # Memory-mapped: a large corpus costs page cache, not process memory.
        return cls(np.load(keys_path), np.load(vectors_path, mmap_mode="r"))

    def save(self, directory: Path) -> None:
        np.save(directory / KEYS_FILE, self._keys)
        np.save(directory / VECTORS_FILE, np.asarray(self._vectors, dtype=np.float32))

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        """Each text's vector, or None for a text that is not a stored sentence."""
        if not len(self._keys) or not texts:
            return [None] * len(texts)
        wanted = np.fromiter((sentence_key(t) for t in texts), dtype=np.uint64, count=len(texts))
        rows = np.searchsorted(self._keys, wanted)
        out: list[np.ndarray | None] = []
        for key, row in zip(wanted, rows, strict=True):
            found = row < len(self._keys) and self._keys[row] == key
            out.append(np.array(self._vectors[row], dtype=np.float32) if found else None)
        return out

    def by_key(self) -> dict[int, np.ndarray]:
        return {int(k): self._vectors[i] for i, k in enumerate(self._keys)}


def build_sentence_vectors(
    sentences: Iterable[str],
    embed: EmbedPassages,
    dim: int,
    previous: SentenceVectors | None = None,
    batch_size: int = 32,
    progress: Progress | None = None,
) -> tuple[SentenceVectors, int]:
    """Vectors for the distinct sentences, reusing previous ones; returns (vectors, newly embedded)."""
    by_key: dict[int, str] = {}
    for text in sentences:
        by_key.setdefault(sentence_key(text), text)
    known = previous.by_key() if previous is not None and len(previous) else {}
    keys = np.array(sorted(by_key), dtype=np.uint64)
    vectors = np.zeros((len(keys), dim), dtype=np.float32)
    todo: list[int] = []
    for row, key in enumerate(keys):
        old = known.get(int(key))
        if old is not None and len(old) == dim:
            vectors[row] = old
        else:
            todo.append(row)
    if progress is not None:
        progress(0, len(todo))
    for start in range(0, len(todo), max(1, batch_size)):
        rows = todo[start : start + batch_size]
        matrix = np.asarray(embed([by_key[int(keys[r])] for r in rows]), dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        vectors[rows] = matrix / np.where(norms == 0, 1.0, norms)
        if progress is not None:
            progress(min(start + batch_size, len(todo)), len(todo))
    return SentenceVectors(keys, vectors), len(todo)
