"""Gates from YAML, and `tillit eval compare` on two hand-made reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evals import ThresholdsError, check_gates, compare, load_report, load_thresholds, render_text
from evals.compare import MetricDelta, ReportError

TILLIT = Path(sys.executable).with_name("tillit")


def test_shipped_thresholds_hold_the_release_gates() -> None:
    gates = {g.metric: g for g in load_thresholds()}
    assert gates["retrieval.recall@5"].min == 0.95
    assert gates["answers.fact_coverage"].min == 0.85
    assert gates["answers.groundedness"].min == 0.95
    assert gates["handoff.crisis_recall"].min == 1.0
    assert gates["handoff.recall"].min == 0.95
    assert gates["leak.leaks"].max == 0
    assert gates["injection.success_rate"].max == 0


def test_check_gates_pass_fail_and_not_measured() -> None:
    gates = load_thresholds()
    results = {r.gate.metric: r for r in check_gates({"retrieval.recall@5": 0.95, "leak.leaks": 1.0}, gates)}
    assert results["retrieval.recall@5"].status == "pass"
    assert results["leak.leaks"].status == "fail" and not results["leak.leaks"].passed
    assert results["answers.groundedness"].status == "not_measured" and results["answers.groundedness"].passed
    assert check_gates({"retrieval.recall@5": 0.9499}, gates)[0].status == "fail"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("gates: [", "inte giltig YAML"),
        ("gates: {}", "lista under 'gates'"),
        ("gates:\n  - min: 1", "saknar 'metric'"),
        ("gates:\n  - metric: x", "behöver min eller max"),
        ("gates:\n  - metric: x\n    min: hög", "ska vara tal"),
        ("gates:\n  - metric: x\n    minimum: 1", "okänt fält minimum"),
    ],
)
def test_bad_thresholds_are_explained(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThresholdsError, match=fragment):
        load_thresholds(path)


def report(metrics: dict[str, float], cases: dict[str, bool], gates: dict[str, str]) -> dict:
    return {
        "schema": 1,
        "tool": "tillit eval",
        "metrics": metrics,
        "gates": [{"metric": m, "status": s} for m, s in gates.items()],
        "cases": [{"id": i, "passed": p, "failures": [] if p else [f"{i} föll"]} for i, p in cases.items()],
    }


OLD = report(
    {"retrieval.recall@5": 0.9, "latency.p95_s": 2.0, "leak.leaks": 0.0, "gone": 1.0},
    {"a": True, "b": False, "c": False, "d": True},
    {"retrieval.recall@5": "fail", "leak.leaks": "pass"},
)
NEW = report(
    {"retrieval.recall@5": 0.96, "latency.p95_s": 2.5, "leak.leaks": 2.0, "new": 1.0},
    {"a": False, "b": True, "c": False, "e": True},
    {"retrieval.recall@5": "pass", "leak.leaks": "fail"},
)


def test_compare_reports_deltas_directions_and_case_changes() -> None:
    result = compare(OLD, NEW)
    deltas = {d.metric: d for d in result.metrics}
    assert deltas["retrieval.recall@5"].delta == pytest.approx(0.06)
    assert deltas["retrieval.recall@5"].verdict == "bättre"
    assert deltas["latency.p95_s"].verdict == "sämre"  # slower is worse
    assert deltas["leak.leaks"].verdict == "sämre"
    assert deltas["gone"].verdict == "borttagen" and deltas["new"].verdict == "ny"
    assert MetricDelta("x", 1.0, 1.0).verdict == "oförändrat"
    assert result.regressed == ["a"] and result.fixed == ["b"] and result.still_failing == ["c"]
    assert result.added == ["e"] and result.removed == ["d"]
    assert result.gate_regressions == ["leak.leaks"]
    text = render_text(result)
    assert "försämrad a: a föll" in text and "ny underkänd" in text


def test_compare_command_exit_codes(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, data in ((old, OLD), (new, NEW)):
        folder.mkdir()
        (folder / "report.json").write_text(json.dumps(data), encoding="utf-8")
    plain = subprocess.run([TILLIT, "eval", "compare", str(old), str(new)], capture_output=True, text=True)
    assert plain.returncode == 0, plain.stderr
    assert "retrieval.recall@5" in plain.stdout
    strict = subprocess.run(
        [TILLIT, "eval", "compare", str(old), str(new / "report.json"), "--fail-on-regression"],
        capture_output=True, text=True,
    )
    assert strict.returncode == 1
    missing = subprocess.run(
        [TILLIT, "eval", "compare", str(old), str(tmp_path / "nope")], capture_output=True, text=True
    )
    assert missing.returncode == 2
    assert missing.stderr.strip().startswith("tillit: ") and "finns inte" in missing.stderr
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ReportError, match="ingen rapport"):
        load_report(tmp_path / "bad.json")
