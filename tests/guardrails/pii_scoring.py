"""Scoring of redaction against the labelled set: per-type precision, recall, F2 and leaks.

Matching is by overlap, the usual choice for redaction: a gold item is found when a predicted
span of the same group overlaps it; a prediction is correct when it overlaps any gold item. A
gold item is *left* (leaked) when any of its non-space characters is not covered by a
prediction: that is what a reader of the redacted text would still see.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data" / "pii_labelled.jsonl"
HOLDOUT = Path(__file__).parent / "data" / "pii_holdout.jsonl"

GROUPS = {
    "PERSONNUMMER": "identity",
    "TELEFON": "phone",
    "EPOST": "email",
    "BANKKONTO": "bank",
    "IBAN": "bank",
    "BANKGIRO": "bank",
    "PLUSGIRO": "bank",
    "KORTNUMMER": "card",
    "NAMN": "names",
    "ADRESS": "addresses",
    "POSTNUMMER": "addresses",
    "FODELSEDATUM": "other",
    "ARENDENUMMER": "other",
    "ORGANISATIONSNUMMER": "other",
}
RECALL_TARGETS = {
    "identity": 0.99,
    "phone": 0.99,
    "email": 0.99,
    "bank": 0.99,
    "card": 0.99,
    "names": 0.90,
    "addresses": 0.90,
}
PRECISION_TARGET = 0.90


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Counts:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def f2(self) -> float:
        p, r = self.precision, self.recall
        return 5 * p * r / (4 * p + r) if p + r else 0.0


@dataclass
class Report:
    by_group: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    total: Counts = field(default_factory=Counts)
    leaked: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def table(self) -> str:
        rows = [f"{'type':<10} {'gold':>5} {'found':>6} {'pred':>5} {'prec':>6} {'recall':>7} {'F2':>6}"]
        for group in sorted(self.by_group):
            c = self.by_group[group]
            rows.append(
                f"{group:<10} {c.gold:>5} {c.found:>6} {c.predicted:>5} "
                f"{c.precision:>6.3f} {c.recall:>7.3f} {c.f2:>6.3f}"
            )
        t = self.total
        rows.append(
            f"{'overall':<10} {t.gold:>5} {t.found:>6} {t.predicted:>5} "
            f"{t.precision:>6.3f} {t.recall:>7.3f} {t.f2:>6.3f}"
        )
        rows.append(f"personal-data items left in redacted text: {self.leaked} of {t.gold}")
        return "\n".join(rows)


def _covered(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return all(
        ch.isspace() or any(s <= i < e for s, e in spans)
        for i, ch in zip(range(start, end), text[start:end], strict=True)
    )


def score(rows: list[dict], predict) -> Report:
    """`predict(text, language)` returns a list of (start, end, type)."""
    report = Report()
    for row in rows:
        text = row["text"]
        gold = row["spans"]
        pred = predict(text, row["language"])
        pred_spans = [(s, e) for s, e, _ in pred]
        for g in gold:
            group = GROUPS[g["type"]]
            counts = report.by_group[group]
            counts.gold += 1
            report.total.gold += 1
            hit = any(s < g["end"] and g["start"] < e and GROUPS.get(t) == group for s, e, t in pred)
            if hit:
                counts.found += 1
                report.total.found += 1
            else:
                report.misses.append(f"{row['id']} {g['type']} {text[g['start'] : g['end']]!r}")
            if not _covered(text, g["start"], g["end"], pred_spans):
                report.leaked += 1
        for s, e, t in pred:
            group = GROUPS.get(t, "other")
            report.by_group[group].predicted += 1
            report.total.predicted += 1
            if any(s < g["end"] and g["start"] < e for g in gold):
                report.by_group[group].correct += 1
                report.total.correct += 1
            else:
                report.false_positives.append(f"{row['id']} {t} {text[s:e]!r}")
    return report
