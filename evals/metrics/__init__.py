"""Scorers: retrieval, answer quality, readability, handoff, safety, and the run summary."""

from evals.metrics.answers import (
    Grounding,
    citation_precision,
    fact_coverage,
    groundedness,
    is_supported,
    split_sentences,
)
from evals.metrics.handoff import (
    Rate,
    crisis_breakdown,
    crisis_recall,
    false_handoff_rate,
    handoff_precision,
    handoff_recall,
    reason_precision,
    reason_recall,
    refusal_rate,
)
from evals.metrics.readability import lix, mean_sentence_words
from evals.metrics.retrieval import ndcg_at_k, recall_at_k, reciprocal_rank, retrieval_scores
from evals.metrics.safety import echoes, injection_signals
from evals.metrics.scoring import ScoringContext, score_case, summarise

__all__ = [
    "Grounding",
    "Rate",
    "ScoringContext",
    "citation_precision",
    "crisis_breakdown",
    "crisis_recall",
    "echoes",
    "fact_coverage",
    "false_handoff_rate",
    "groundedness",
    "handoff_precision",
    "handoff_recall",
    "injection_signals",
    "is_supported",
    "lix",
    "mean_sentence_words",
    "ndcg_at_k",
    "reason_precision",
    "reason_recall",
    "recall_at_k",
    "reciprocal_rank",
    "refusal_rate",
    "retrieval_scores",
    "score_case",
    "split_sentences",
    "summarise",
]
