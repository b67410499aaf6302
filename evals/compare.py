"""`tillit eval compare OLD NEW`: what changed between two runs, per metric and per case.

When both runs have dev and blind splits, each metric is compared per split too, and a change that
makes a metric better on dev but worse on blind is flagged: the classic sign of tuning to the cases
one has looked at. `--fail-on-regression` fails on such a change as well.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Metrics where a smaller number is better; every other metric is better when larger.
LOWER_IS_BETTER = (
    "latency.", "injection.", "leak.leaks", "cases.failed", "cases.errors", "readability.lix",
    "readability.sentence", "handoff.false_handoff_rate", "drafts.empty", "answers.words_before",
    "answers.mean_words",
)


class ReportError(ValueError):
    """A report that cannot be compared (one line, in Swedish)."""


def load_report(path: Path) -> dict[str, Any]:
    """A report.json, given as the file or the folder holding it."""
    file = path / "report.json" if path.is_dir() else path
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{file}: finns inte") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{file}: kan inte läsas ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ReportError(f"{file}: ogiltig JSON ({exc.msg}, rad {exc.lineno})") from None
    if not isinstance(data, dict) or data.get("tool") != "tillit eval" or "metrics" not in data:
        raise ReportError(f"{file}: är ingen rapport från tillit eval")
    return data


def lower_is_better(metric: str) -> bool:
    return metric.startswith(LOWER_IS_BETTER)


@dataclass(frozen=True)
class MetricDelta:
    metric: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return self.new - self.old

    @property
    def verdict(self) -> str:
        """"bättre", "sämre", "oförändrat", "ny" or "borttagen"."""
        if self.old is None:
            return "ny"
        if self.new is None:
            return "borttagen"
        delta = self.delta or 0.0
        if abs(delta) < 1e-9:
            return "oförändrat"
        better = delta < 0 if lower_is_better(self.metric) else delta > 0
        return "bättre" if better else "sämre"


@dataclass(frozen=True)
class SplitConflict:
    """A metric that got better on dev and worse on blind."""

    metric: str
    dev: MetricDelta
    blind: MetricDelta

    def describe(self) -> str:
        return (
            f"{self.metric}: dev {_fmt(self.dev.old)} -> {_fmt(self.dev.new)} ({self.dev.delta:+.4g}), "
            f"blind {_fmt(self.blind.old)} -> {_fmt(self.blind.new)} ({self.blind.delta:+.4g})"
        )


@dataclass
class Comparison:
    metrics: list[MetricDelta] = field(default_factory=list)
    by_split: dict[str, list[MetricDelta]] = field(default_factory=dict)
    split_conflicts: list[SplitConflict] = field(default_factory=list)
    gates: list[tuple[str, str, str]] = field(default_factory=list)  # metric, old status, new status
    regressed: list[str] = field(default_factory=list)  # cases that passed and now fail
    fixed: list[str] = field(default_factory=list)
    still_failing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    case_notes: dict[str, list[str]] = field(default_factory=dict)  # new failures of regressed cases

    @property
    def gate_regressions(self) -> list[str]:
        return [metric for metric, old, new in self.gates if old != "fail" and new == "fail"]


def _gate_key(gate: dict[str, Any]) -> str:
    return f"{gate['metric']} [{gate['split']}]" if gate.get("split") else gate["metric"]


def _split_metrics(report: dict[str, Any], split: str) -> dict[str, float]:
    return ((report.get("splits") or {}).get(split) or {}).get("metrics") or {}


def compare(old: dict[str, Any], new: dict[str, Any]) -> Comparison:
    result = Comparison()
    names = sorted(set(old["metrics"]) | set(new["metrics"]))
    result.metrics = [MetricDelta(n, old["metrics"].get(n), new["metrics"].get(n)) for n in names]
    for split in ("dev", "blind"):
        before, after = _split_metrics(old, split), _split_metrics(new, split)
        if before or after:
            result.by_split[split] = [
                MetricDelta(n, before.get(n), after.get(n)) for n in sorted(set(before) | set(after))
            ]
    dev = {d.metric: d for d in result.by_split.get("dev", [])}
    for blind in result.by_split.get("blind", []):
        ahead = dev.get(blind.metric)
        if ahead is not None and ahead.verdict == "bättre" and blind.verdict == "sämre":
            result.split_conflicts.append(SplitConflict(blind.metric, ahead, blind))
    old_gates = {_gate_key(g): g["status"] for g in old.get("gates", [])}
    new_gates = {_gate_key(g): g["status"] for g in new.get("gates", [])}
    for metric in sorted(set(old_gates) | set(new_gates)):
        result.gates.append((metric, old_gates.get(metric, "saknas"), new_gates.get(metric, "saknas")))
    old_cases = {c["id"]: c for c in old.get("cases", [])}
    new_cases = {c["id"]: c for c in new.get("cases", [])}
    for case_id in sorted(set(old_cases) | set(new_cases)):
        before, after = old_cases.get(case_id), new_cases.get(case_id)
        if before is None:
            result.added.append(case_id)
        elif after is None:
            result.removed.append(case_id)
        elif before["passed"] and not after["passed"]:
            result.regressed.append(case_id)
            result.case_notes[case_id] = list(after.get("failures", []))
        elif not before["passed"] and after["passed"]:
            result.fixed.append(case_id)
        elif not after["passed"]:
            result.still_failing.append(case_id)
    return result


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.4g}"


def render_text(comparison: Comparison) -> str:
    """Plain text for terminals and CI logs."""
    lines: list[str] = []
    if comparison.split_conflicts:
        lines.append("VARNING: bättre på dev men sämre på blind (tecken på anpassning till dev-fallen):")
        lines += [f"  !! {c.describe()}" for c in comparison.split_conflicts]
    lines.append("Mått:")
    width = max((len(d.metric) for d in comparison.metrics), default=10)
    for d in comparison.metrics:
        delta = "" if d.delta is None else f"{d.delta:+.4g}"
        lines.append(f"  {d.metric:<{width}}  {_fmt(d.old):>9} -> {_fmt(d.new):>9}  {delta:>9}  {d.verdict}")
    conflicted = {c.metric for c in comparison.split_conflicts}
    for split, deltas in comparison.by_split.items():
        lines.append(f"Mått, {split}:")
        for d in deltas:
            delta = "" if d.delta is None else f"{d.delta:+.4g}"
            mark = "  <-- dev upp, blind ned" if d.metric in conflicted else ""
            lines.append(
                f"  {d.metric:<{width}}  {_fmt(d.old):>9} -> {_fmt(d.new):>9}  {delta:>9}  {d.verdict}{mark}"
            )
    lines.append("Grindar:")
    for metric, before, after in comparison.gates:
        mark = "  <-- ny underkänd" if before != "fail" and after == "fail" else ""
        lines.append(f"  {metric:<{width}}  {before} -> {after}{mark}")
    lines.append(
        f"Fall: {len(comparison.regressed)} försämrade, {len(comparison.fixed)} lagade, "
        f"{len(comparison.still_failing)} fortfarande underkända, {len(comparison.added)} nya, "
        f"{len(comparison.removed)} borttagna"
    )
    for case_id in comparison.regressed:
        lines.append(f"  försämrad {case_id}: " + " | ".join(comparison.case_notes.get(case_id, [])))
    for case_id in comparison.fixed:
        lines.append(f"  lagad     {case_id}")
    return "\n".join(lines)
