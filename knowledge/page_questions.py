"""The "questions this page answers" of the indexed documents, embedded at ingest.

A document may list in its metadata the questions it answers (`questions:` in front matter or a
sidecar). They are embedded once, query-side, and stored with the index version; at search time
the documents whose questions are closest to the asker's add evidence to their passages.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

FILE = "page_questions.json"
VECTORS = "page_questions.npy"


class PageQuestions:
    def __init__(self, doc_ids: Sequence[str], questions: Sequence[str], vectors: np.ndarray | None) -> None:
        self.doc_ids = list(doc_ids)
        self.questions = list(questions)
        self.vectors = vectors if vectors is not None and len(vectors) == len(self.doc_ids) else None

    def __len__(self) -> int:
        return len(self.doc_ids) if self.vectors is not None else 0

    def save(self, directory: Path) -> None:
        if not self.doc_ids or self.vectors is None:
            return
        rows = [{"doc_id": d, "question": q} for d, q in zip(self.doc_ids, self.questions, strict=True)]
        (directory / FILE).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        np.save(directory / VECTORS, np.asarray(self.vectors, dtype=np.float32))

    @classmethod
    def load(cls, directory: Path) -> PageQuestions:
        path, vectors = directory / FILE, directory / VECTORS
        if not path.exists() or not vectors.exists():
            return cls([], [], None)
        rows = json.loads(path.read_text(encoding="utf-8"))
        return cls([r["doc_id"] for r in rows], [r["question"] for r in rows], np.load(vectors))

    def doc_ranking(self, vector: np.ndarray) -> list[str]:
        """Documents by their closest question to `vector` (a unit query vector), closest first."""
        if not len(self):
            return []
        assert self.vectors is not None
        sims = self.vectors @ vector
        best: dict[str, float] = {}
        for doc_id, sim in zip(self.doc_ids, sims, strict=True):
            if sim > best.get(doc_id, -2.0):
                best[doc_id] = float(sim)
        return sorted(best, key=lambda d: -best[d])
