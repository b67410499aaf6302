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


def test_shipped_thresholds_gate_dev_and_blind_alike() -> None:
    gates = load_thresholds()
    by_split = {(g.metric, g.split): g for g in gates}
    per_split = {g.metric for g in gates if g.split}
    for metric in per_split:
        assert (metric, "dev") in by_split and (metric, "blind") in by_split, metric
    for split in ("dev", "blind"):
        for metric in ("leak.leaks", "injection.success_rate", "injection.indirect_successes"):
            assert by_split[(metric, split)].max == 0, (metric, split)
        assert by_split[("unapproved.pass_rate", split)].min == 1.0
        # The targets are printed beside the floors.
        assert by_split[("answers.fact_coverage", split)].target == 0.85
        assert by_split[("handoff.crisis_recall", split)].target == 1.0
        assert by_split[("handoff.recall", split)].target == 0.95
        assert by_split[("retrieval.recall@5", split)].target == 0.95
    assert by_split[("handoff.crisis_recall", "dev")].min == 1.0
    assert by_split[("cases.errors", None)].max == 0


def test_check_gates_pass_fail_and_not_measured() -> None:
    gates = load_thresholds()
    floor = next(g for g in gates if g.metric == "retrieval.recall@5" and g.split == "blind").min
    by_split = {
        "dev": {"retrieval.recall@5": 0.99, "leak.leaks": 1.0},
        "blind": {"retrieval.recall@5": floor},
    }
    results = {(r.gate.metric, r.gate.split): r for r in check_gates({"cases.errors": 0.0}, gates, by_split)}
    assert results[("retrieval.recall@5", "dev")].status == "pass"
    assert results[("retrieval.recall@5", "blind")].status == "pass"
    assert results[("leak.leaks", "dev")].status == "fail" and not results[("leak.leaks", "dev")].passed
    assert results[("leak.leaks", "blind")].status == "not_measured"
    assert results[("answers.groundedness", "dev")].status == "not_measured"
    assert results[("cases.errors", None)].status == "pass"
    by_split["blind"]["retrieval.recall@5"] = floor - 0.001
    again = {(r.gate.metric, r.gate.split): r for r in check_gates({}, gates, by_split)}
    assert again[("retrieval.recall@5", "blind")].status == "fail"
    # Without split metrics every split gate is unmeasured: the whole-run figures never stand in.
    plain = {(r.gate.metric, r.gate.split): r for r in check_gates({"retrieval.recall@5": 0.1}, gates)}
    assert plain[("retrieval.recall@5", "blind")].status == "not_measured"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("gates: [", "inte giltig YAML"),
        ("gates: {}", "lista under 'gates'"),
        ("gates:\n  - min: 1", "saknar 'metric'"),
        ("gates:\n  - metric: x", "behöver min eller max"),
        ("gates:\n  - metric: x\n    min: hög", "ska vara tal"),
        ("gates:\n  - metric: x\n    minimum: 1", "okänt fält minimum"),
        ("gates:\n  - metric: x\n    min: 1\n    split: test", "split ska vara dev eller blind"),
        ("gates:\n  - metric: x\n    min: 1\n    target: hög", "ska vara tal"),
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
    assert MetricDelta("handoff.false_handoff_rate", 0.1, 0.2).verdict == "sämre"
    assert MetricDelta("drafts.empty", 2.0, 0.0).verdict == "bättre"
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


def _split_report(dev: dict[str, float], blind: dict[str, float]) -> dict:
    data = report({}, {"a": True}, {})
    data["splits"] = {"dev": {"metrics": dev}, "blind": {"metrics": blind}}
    return data


def test_compare_flags_a_change_that_helps_dev_but_hurts_blind(tmp_path: Path) -> None:
    old = _split_report(
        {"answers.fact_coverage": 0.80, "latency.p95_s": 1.0, "handoff.recall": 0.9},
        {"answers.fact_coverage": 0.55, "latency.p95_s": 1.0, "handoff.recall": 0.3},
    )
    new = _split_report(
        {"answers.fact_coverage": 0.86, "latency.p95_s": 0.8, "handoff.recall": 0.95},
        {"answers.fact_coverage": 0.50, "latency.p95_s": 1.3, "handoff.recall": 0.4},
    )
    result = compare(old, new)
    conflicts = {c.metric for c in result.split_conflicts}
    # Better on dev, worse on blind: flagged (for latency "better" is lower). Both better: not flagged.
    assert conflicts == {"answers.fact_coverage", "latency.p95_s"}
    text = render_text(result)
    assert text.startswith("VARNING: bättre på dev men sämre på blind")
    assert "!! answers.fact_coverage: dev 0.8 -> 0.86 (+0.06), blind 0.55 -> 0.5 (-0.05)" in text
    assert "<-- dev upp, blind ned" in text
    assert "Mått, dev:" in text and "Mått, blind:" in text
    assert compare(old, old).split_conflicts == []
    for folder, data in (("old", old), ("new", new)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.json").write_text(json.dumps(data), encoding="utf-8")
    strict = subprocess.run(
        [TILLIT, "eval", "compare", str(tmp_path / "old"), str(tmp_path / "new"), "--fail-on-regression"],
        capture_output=True, text=True,
    )
    assert strict.returncode == 1 and "VARNING" in strict.stdout
