"""Release gates: thresholds from YAML, checked against a run's metrics.

A gate may name a `split` (dev or blind): it is then checked against that split's metrics only, and
is "not measured" when the run had no case of that split. A gate without a split is checked against
the whole run. `target` is where the metric should get to (printed beside the gate); `min`/`max`
is what fails the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "thresholds.yaml"


class ThresholdsError(ValueError):
    """The thresholds file is unreadable or malformed (one line, in Swedish)."""


SPLITS = ("dev", "blind")


@dataclass(frozen=True)
class Gate:
    metric: str
    label: str
    min: float | None = None
    max: float | None = None
    split: str | None = None  # "dev" | "blind"; None: the whole run
    target: float | None = None  # the goal, shown beside the gate; does not fail the run

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
        unknown = set(raw) - {"metric", "min", "max", "label", "split", "target"}
        if unknown:
            raise ThresholdsError(f"{path}: grind {number}: okänt fält {', '.join(sorted(unknown))}")
        low, high, target = raw.get("min"), raw.get("max"), raw.get("target")
        if low is None and high is None:
            raise ThresholdsError(f"{path}: grind {number} ({raw['metric']}) behöver min eller max")
        for value in (low, high, target):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
                raise ThresholdsError(
                    f"{path}: grind {number} ({raw['metric']}): min/max/target ska vara tal"
                )
        split = raw.get("split")
        if split is not None and split not in SPLITS:
            raise ThresholdsError(f"{path}: grind {number} ({raw['metric']}): split ska vara dev eller blind")
        gates.append(
            Gate(raw["metric"], str(raw.get("label") or raw["metric"]), low, high, split, target)
        )
    return gates


def check_gates(
    metrics: dict[str, float],
    gates: list[Gate],
    by_split: dict[str, dict[str, float]] | None = None,
) -> list[GateResult]:
    """Each gate against the whole run's metrics, or its split's (`by_split`)."""
    results = []
    for gate in gates:
        source = metrics if gate.split is None else (by_split or {}).get(gate.split, {})
        value = source.get(gate.metric)
        if value is None:
            results.append(GateResult(gate, None, "not_measured"))
            continue
        ok = (gate.min is None or value >= gate.min - 1e-9) and (gate.max is None or value <= gate.max + 1e-9)
        results.append(GateResult(gate, value, "pass" if ok else "fail"))
    return results
