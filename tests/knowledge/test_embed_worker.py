"""The embedding worker: right vector to the right caller, queued queries batched, queries not held
behind a long document job, errors reach the caller and the worker carries on."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from knowledge.embed_worker import EmbedWorker


def _vector(text: str) -> np.ndarray:
    return np.array([len(text), sum(map(ord, text)) % 997, 1.0], dtype=np.float32)


class _SlowModel:
    """Encodes deterministically, slowly enough for callers to queue up, and records its calls."""

    def __init__(self, delay: float = 0.02) -> None:
        self.delay = delay
        self.calls: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    def encode(self, kind: str, texts: list[str]) -> np.ndarray:
        with self.lock:
            self.calls.append((kind, len(texts)))
        time.sleep(self.delay * len(texts))
        return np.stack([_vector(t) for t in texts])


def test_concurrent_queries_get_their_own_vectors_in_fewer_model_calls() -> None:
    model = _SlowModel()
    worker = EmbedWorker(lambda t: model.encode("q", t), lambda t: model.encode("d", t), max_batch=8)
    texts = [f"fråga nummer {i} om årsräkningen" for i in range(24)]
    with ThreadPoolExecutor(max_workers=24) as pool:
        results = list(pool.map(worker.query, texts))
    for text, result in zip(texts, results, strict=True):
        assert np.array_equal(result.reshape(-1), _vector(text))
    assert len(model.calls) < len(texts)
    assert max(n for _, n in model.calls) <= 8


def test_a_query_is_answered_between_slices_of_a_long_document_job() -> None:
    model = _SlowModel(delay=0.01)
    worker = EmbedWorker(lambda t: model.encode("q", t), lambda t: model.encode("d", t), max_batch=4)
    documents = [f"stycke {i}" for i in range(40)]
    finished: dict[str, float] = {}

    def ingest() -> None:
        out = worker.documents(documents)
        assert out.shape == (40, 3)
        assert np.array_equal(out[7], _vector(documents[7]))
        finished["documents"] = time.perf_counter()

    thread = threading.Thread(target=ingest)
    thread.start()
    while not model.calls:
        time.sleep(0.001)
    worker.query("när ska årsräkningen vara inne?")
    finished["query"] = time.perf_counter()
    thread.join()
    assert finished["query"] < finished["documents"]
    query_at = model.calls.index(("q", 1))
    assert 0 < query_at < len(model.calls) - 1  # in between document slices, not after them all


def test_an_encoding_error_reaches_the_caller_and_the_worker_lives_on() -> None:
    def queries(texts: list[str]) -> np.ndarray:
        if any("trasig" in t for t in texts):
            raise ValueError("modellen klarade inte texten")
        return np.stack([_vector(t) for t in texts])

    worker = EmbedWorker(queries, queries)
    with pytest.raises(ValueError, match="klarade inte"):
        worker.query("en trasig text")
    assert np.array_equal(worker.query("hel text").reshape(-1), _vector("hel text"))
    assert worker.documents(["a", "bb"]).shape == (2, 3)
