"""Release gates: thresholds from YAML, checked against a run's metrics."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "thresholds.yaml"


class ThresholdsError(ValueError):
    """The thresholds file is unreadable or malformed (one line, in Swedish)."""


@dataclass(frozen=True)
class Gate:
    metric: str
    label: str
    min: float | None = None
    max: float | None = None

    def describe(self) -> str:
        if self.min is not None and self.max is not None:
            return f"{self.min:g}–{self.max:g}"
        return f"≥ {self.min:g}" if self.min is not None else f"≤ {self.max:g}"


@dataclass(frozen=True)
class GateResult:
    gate: Gate
    value: float | None
    status: str  # "pass" | "fail" | "not_measured"

    @property
    def passed(self) -> bool:
        return self.status != "fail"


def load_thresholds(path: Path | None = None) -> list[Gate]:
    path = path or DEFAULT_THRESHOLDS
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ThresholdsError(f"{path}: kan inte läsas ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise ThresholdsError(f"{path}: inte giltig YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("gates"), list):
        raise ThresholdsError(f"{path}: förväntade en lista under 'gates'")
    gates = []
    for number, raw in enumerate(data["gates"], start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("metric"), str):
            raise ThresholdsError(f"{path}: grind {number} saknar 'metric'")
        unknown = set(raw) - {"metric", "min", "max", "label"}
        if unknown:
            raise ThresholdsError(f"{path}: grind {number}: okänt fält {', '.join(sorted(unknown))}")
        low, high = raw.get("min"), raw.get("max")
        if low is None and high is None:
            raise ThresholdsError(f"{path}: grind {number} ({raw['metric']}) behöver min eller max")
        for value in (low, high):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
                raise ThresholdsError(f"{path}: grind {number} ({raw['metric']}): min/max ska vara tal")
        gates.append(Gate(raw["metric"], str(raw.get("label") or raw["metric"]), low, high))
    return gates


def check_gates(metrics: dict[str, float], gates: list[Gate]) -> list[GateResult]:
    results = []
    for gate in gates:
        value = metrics.get(gate.metric)
        if value is None:
            results.append(GateResult(gate, None, "not_measured"))
            continue
        ok = (gate.min is None or value >= gate.min - 1e-9) and (gate.max is None or value <= gate.max + 1e-9)
        results.append(GateResult(gate, value, "pass" if ok else "fail"))
    return results
