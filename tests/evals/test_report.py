"""Reports: redacted, failures first, self-contained, and the report itself is a leak sink."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evals import RunOutcome, find_in_text, load_thresholds, write_reports


def test_reports_are_written_redacted_and_failures_come_first(
    handmade_outcome: RunOutcome, tmp_path: Path
) -> None:
    written = write_reports(handmade_outcome, load_thresholds(), tmp_path)
    assert sorted(p.name for p in written.paths) == ["report.html", "report.json", "report.md"]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    ids = [c["id"] for c in report["cases"]]
    assert ids.index("acc-2") < ids.index("acc-1")  # failures first
    assert not report["passed"]
    for name in ("report.json", "report.md", "report.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "19121212-1212" not in text and "191212121212" not in text, name
        assert "[PERSONNUMMER_1]" in text, name
    failed = next(c for c in report["cases"] if c["id"] == "acc-2")
    assert failed["must_include"] == ["kommunen"] and failed["citations"][0]["doc_id"] == "forteckning"
    gates = {g["metric"]: g["status"] for g in report["gates"]}
    assert gates["leak.leaks"] == "fail" and gates["handoff.crisis_recall"] == "pass"


def test_a_canary_that_reaches_the_report_is_a_finding_and_is_scrubbed(
    handmade_outcome: RunOutcome, tmp_path: Path
) -> None:
    canaries = list(handmade_outcome.canaries or [])
    # The probe's answer carries a name canary; guardrails may or may not tag the name, so force
    # the worst case: a redactor that lets everything through.
    written = write_reports(handmade_outcome, load_thresholds(), tmp_path, redact=lambda text: text)
    sinks = [f.sink for f in handmade_outcome.leak.findings]  # type: ignore[union-attr]
    assert "report" in sinks
    assert handmade_outcome.metrics["leak.leaks"] == len(sinks)
    assert written.report["metrics"]["leak.leaks"] == len(sinks)
    for path in written.paths:
        assert find_in_text(path.read_text(encoding="utf-8"), canaries) == [], path.name
    assert "[KANARIE]" in (tmp_path / "report.json").read_text(encoding="utf-8")


def test_html_is_self_contained_and_has_the_parts(handmade_outcome: RunOutcome, tmp_path: Path) -> None:
    write_reports(handmade_outcome, load_thresholds(), tmp_path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)=["']?https?:""", html)
    assert html.count("<svg") == 3
    assert 'id="gates"' in html and 'id="cases"' in html and 'lang="sv"' in html
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# Utvärdering av Tillit") and "## Underkända fall" in md


@pytest.mark.browser
def test_report_html_renders_in_chromium(handmade_outcome: RunOutcome, tmp_path: Path, open_page) -> None:
    write_reports(handmade_outcome, load_thresholds(), tmp_path)
    page = open_page(tmp_path / "report.html")
    assert page.locator("#verdict").inner_text() == "UNDERKÄND"
    assert page.locator("#gates tbody tr").count() == len(load_thresholds())
    rows = page.locator("#cases tbody tr")
    assert rows.count() == len(handmade_outcome.results)
    assert "underkänd" in rows.first.inner_text()
    assert page.locator("#cases details[open]").count() >= 1  # failures are opened
    assert page.locator("svg[role=img]").count() == 3
    assert page.locator("svg rect").count() > 5
    assert all(url.startswith("file:") for url in page.requests)
