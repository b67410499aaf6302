"""A trace of one turn: what each stage did (redacted) and how long it took."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from assistant import metrics


@dataclass
class StageRecord:
    stage: str
    ms: float
    note: dict[str, Any] = field(default_factory=dict)


@dataclass
class Trace:
    """Redacted only: the trace may be logged and is returned to evals and benchmarks."""

    redacted_text: str = ""
    query: str = ""
    stages: list[StageRecord] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[dict[str, Any]]:
        note: dict[str, Any] = {}
        start = time.perf_counter()
        try:
            yield note
        finally:
            elapsed = time.perf_counter() - start
            metrics.STAGE_SECONDS.labels(stage=name).observe(elapsed)
            self.stages.append(StageRecord(name, round(elapsed * 1000, 3), note))

    @property
    def timings_ms(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for record in self.stages:
            out[record.stage] = round(out.get(record.stage, 0.0) + record.ms, 3)
        return out

    @property
    def total_ms(self) -> float:
        return round(sum(r.ms for r in self.stages), 3)

    def as_dict(self) -> dict[str, Any]:
        return {
            "redacted_text": self.redacted_text,
            "query": self.query,
            "stages": [{"stage": r.stage, "ms": r.ms, **r.note} for r in self.stages],
            "total_ms": self.total_ms,
        }
