"""Retrieval quality against a case's acceptable documents.

`expected` lists every document that would be a right source for the question (the Swedish page
and its English version, say). A case counts as recalled at k when at least one of them is among
the first k distinct documents retrieved; MRR uses the first acceptable document's rank; nDCG uses
binary relevance over all acceptable documents.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def dedupe(doc_ids: Sequence[str]) -> list[str]:
    """Ranked passages -> ranked documents (a document counts at its best passage's rank)."""
    return list(dict.fromkeys(doc_ids))


def recall_at_k(ranked: Sequence[str], expected: Sequence[str], k: int) -> float:
    wanted = set(expected)
    return 1.0 if wanted & set(dedupe(ranked)[:k]) else 0.0


def reciprocal_rank(ranked: Sequence[str], expected: Sequence[str]) -> float:
    wanted = set(expected)
    for rank, doc_id in enumerate(dedupe(ranked), start=1):
        if doc_id in wanted:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], expected: Sequence[str], k: int) -> float:
    wanted = set(expected)
    if not wanted:
        return 0.0
    gains = [1.0 if doc_id in wanted else 0.0 for doc_id in dedupe(ranked)[:k]]
    dcg = sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(wanted), k) + 1))
    return dcg / ideal


def retrieval_scores(ranked: Sequence[str], expected: Sequence[str]) -> dict[str, float]:
    return {
        "recall@1": recall_at_k(ranked, expected, 1),
        "recall@5": recall_at_k(ranked, expected, 5),
        "mrr": reciprocal_rank(ranked, expected),
        "ndcg@5": ndcg_at_k(ranked, expected, 5),
    }
