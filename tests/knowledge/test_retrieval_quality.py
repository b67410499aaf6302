"""Retrieval quality gate: for questions written as citizens and guardians ask them, an expected
document is among the top 5 results for at least 95% of them (default config, sample corpus).

The questions live in evals/datasets/accuracy.dev.jsonl (shared with the eval harness) and in
tests/knowledge/data/retrieval_questions.jsonl (written for retrieval: informal, typos, English).
benchmarks/retrieval_quality.py prints the same figures per model and per retriever.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge import IndexConfig, KnowledgeIndex, open_index

REPO = Path(__file__).resolve().parents[2]
QUESTION_FILES = [
    REPO / "evals" / "datasets" / "accuracy.dev.jsonl",
    Path(__file__).parent / "data" / "retrieval_questions.jsonl",
]


def _cases() -> list[dict]:
    cases = []
    for path in QUESTION_FILES:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line) if line.strip() else {}
                if row.get("expected_doc_ids"):
                    cases.append(row)
    return cases


def _rank(index: KnowledgeIndex, case: dict) -> int | None:
    docs: list[str] = []
    for p in index.search(case["question"], k=10):
        if p.doc_id not in docs:
            docs.append(p.doc_id)
    return next((i + 1 for i, d in enumerate(docs) if d in set(case["expected_doc_ids"])), None)


@pytest.fixture(scope="module")
def ranks(sample_data_dir: Path) -> dict[str, int | None]:
    index = open_index(IndexConfig(data_dir=sample_data_dir))
    return {case["id"]: _rank(index, case) for case in _cases()}


def test_there_are_enough_questions() -> None:
    cases = _cases()
    assert len(cases) >= 60
    assert {c["language"] for c in cases} >= {"sv", "en"}


def test_expected_document_in_top_5_for_95_percent(ranks: dict[str, int | None]) -> None:
    found = [r is not None and r <= 5 for r in ranks.values()]
    recall_at_5 = sum(found) / len(found)
    misses = sorted(case_id for case_id, r in ranks.items() if r is None or r > 5)
    assert recall_at_5 >= 0.95, f"recall@5 {recall_at_5:.3f}; missed: {misses}"


def test_expected_document_first_for_most(ranks: dict[str, int | None]) -> None:
    recall_at_1 = sum(r == 1 for r in ranks.values()) / len(ranks)
    assert recall_at_1 >= 0.6, f"recall@1 {recall_at_1:.3f}"
