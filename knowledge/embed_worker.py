"""One thread that owns a model handle: queries first and in arrival order, batched when they queue.

A server shares one embedding model between all request threads. Behind a plain lock, waiting
threads are served in no particular order (a few waited seconds under load while others passed)
and an ingest's large batch held every query up. Here callers queue their texts; the worker takes
all waiting queries (up to a batch) in one model call, which is also cheaper per text, and runs
document batches in slices so a query never waits behind more than one slice.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np

# texts -> (len(texts), dim) float32
Encode = Callable[[list[str]], np.ndarray]


@dataclass
class _Job:
    texts: list[str]
    future: Future[np.ndarray] = field(default_factory=Future)
    done: int = 0  # texts of a document job embedded so far
    parts: list[np.ndarray] = field(default_factory=list)


class EmbedWorker:
    def __init__(self, encode_queries: Encode, encode_documents: Encode, max_batch: int = 16) -> None:
        self._encode_queries = encode_queries
        self._encode_documents = encode_documents
        self._max_batch = max(1, max_batch)
        self._queries: deque[_Job] = deque()
        self._documents: deque[_Job] = deque()
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def query(self, text: str) -> np.ndarray:
        return self._submit(self._queries, [text])[0]

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Several queries at once (a message and its sentences): queued together, so the worker
        embeds them in one batch, still behind queries that were waiting before them."""
        jobs = [_Job([text]) for text in texts]
        if not jobs:
            return np.zeros((0, 0), dtype=np.float32)
        with self._ready:
            self._ensure_thread()
            self._queries.extend(jobs)
            self._ready.notify()
        return np.concatenate([job.future.result() for job in jobs])

    def documents(self, texts: Sequence[str]) -> np.ndarray:
        return self._submit(self._documents, list(texts))

    def _submit(self, queue: deque[_Job], texts: list[str]) -> np.ndarray:
        job = _Job(texts)
        with self._ready:
            self._ensure_thread()
            queue.append(job)
            self._ready.notify()
        return job.future.result()

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            # Started on first use: an embedder that is only loaded costs no thread.
            self._thread = threading.Thread(target=self._run, name="embed-worker", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._queries and not self._documents:
                    self._ready.wait()
                if self._queries:
                    batch = [self._queries.popleft() for _ in range(min(self._max_batch, len(self._queries)))]
                    document = None
                else:
                    batch, document = [], self._documents[0]
            if batch:
                self._answer_queries(batch)
            elif document is not None:
                self._advance(document)

    def _answer_queries(self, batch: list[_Job]) -> None:
        try:
            vectors = self._encode_queries([job.texts[0] for job in batch])
        except BaseException as exc:  # every waiting caller gets the error, the worker lives on
            for job in batch:
                job.future.set_exception(exc)
            return
        for job, vector in zip(batch, vectors, strict=True):
            job.future.set_result(np.asarray(vector, dtype=np.float32).reshape(1, -1))

    def _advance(self, job: _Job) -> None:
        """Embed the next slice of a document job; finish it when nothing is left."""
        part = job.texts[job.done : job.done + self._max_batch]
        try:
            if part:
                job.parts.append(np.asarray(self._encode_documents(part), dtype=np.float32))
                job.done += len(part)
        except BaseException as exc:
            self._finish(job)
            job.future.set_exception(exc)
            return
        if job.done >= len(job.texts):
            self._finish(job)
            job.future.set_result(np.concatenate(job.parts) if job.parts else np.zeros((0, 0), np.float32))

    def _finish(self, job: _Job) -> None:
        with self._ready:
            self._documents.remove(job)
