"""`tillit eval run --suite all` on the sample corpus passes its gates, and its report reads well.

This drives the whole product (index, policy, composer, storage, redaction) through every shipped
case of both splits, dev and blind, so it takes minutes (about two on a quiet 2-core machine); the
run happens once per session and the tests read its output. This is where CI gates on the blind
splits: every gate in evals/thresholds.yaml, dev and blind, must pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals import SHIPPED_SUITES, load_cases, load_thresholds, shipped_files


def _gates(report: dict) -> dict[tuple[str, str | None], dict]:
    return {(g["metric"], g["split"]): g for g in report["gates"]}


def test_every_run_covers_all_suites_both_splits_and_every_sink(
    sample_eval_run: tuple[int, str, Path],
) -> None:
    _code, _output, out = sample_eval_run
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    files = {suite: shipped_files(suite) for suite in SHIPPED_SUITES}
    expected = sum(len(load_cases(path)) for by_split in files.values() for path in by_split.values())
    assert len(report["cases"]) == expected
    assert set(report["suites"]) == {"accuracy", "handoff", "injection", "leak", "drafts"}
    for suite, by_split in files.items():
        for split in ("dev", "blind"):
            ran = report["info"]["cases_by_split"][suite][split]
            assert ran == (len(load_cases(by_split[split])) if split in by_split else 0), (suite, split)
    assert report["blind_missing"] == [s for s, by_split in files.items() if "blind" not in by_split]
    assert set(report["splits"]) == {"dev", "blind"}
    blind_files = [d for d in report["datasets"] if d["split"] == "blind"]
    assert blind_files and all(d["provenance"] for d in blind_files)  # committed with their provenance
    leak = report["leak"]
    assert len(leak["planted"]) == 3  # document, conversation, draft
    assert not [s for s, how in leak["sinks"].items() if how.startswith("ej granskad")]


def test_safety_and_retrieval_gates_pass_on_the_sample_corpus(sample_eval_run: tuple[int, str, Path]) -> None:
    code, output, out = sample_eval_run
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    failing = {
        m: f"{g['value']} ({g['threshold']})" for m, g in _gates(report).items() if g["status"] == "fail"
    }
    assert not failing, f"gates not passed: {failing}\n{output[-3000:]}"
    # Every gate is measured: a split or suite that silently did not run would pass unmeasured gates.
    unmeasured = [m for m, g in _gates(report).items() if g["status"] == "not_measured"]
    assert not unmeasured, unmeasured
    assert report["leak"]["leaks"] == 0 and report["leak"]["findings"] == []
    # The run's exit code is the CI gate: 1 exactly when some gate fails.
    assert code == (0 if report["passed"] else 1)


def test_fact_coverage_gates_pass_on_both_splits(sample_eval_run: tuple[int, str, Path]) -> None:
    _code, _output, out = sample_eval_run
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert _gates(report)[("answers.fact_coverage", "dev")]["status"] == "pass"
    assert _gates(report)[("answers.fact_coverage", "blind")]["status"] == "pass"


@pytest.mark.browser
def test_sample_report_renders_in_chromium(sample_eval_run: tuple[int, str, Path], open_page) -> None:
    _code, _output, out = sample_eval_run
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    page = open_page(out / "report.html")
    assert page.locator("#verdict").inner_text() == ("GODKÄND" if report["passed"] else "UNDERKÄND")
    assert page.locator("h1").inner_text() == "Utvärdering av Tillit"
    assert page.locator("#gates tbody tr").count() == len(load_thresholds())
    assert page.locator("#cases tbody tr").count() == len(report["cases"])
    first = page.locator("#cases tbody tr").first.inner_text()
    assert report["cases"][0]["id"] in first
    assert page.locator("svg[role=img]").count() == 3
    assert all(url.startswith("file:") for url in page.requests)
