"""Reports of a run: report.json (for `tillit eval compare` and CI), report.md and report.html.

Everything free-text (questions, answers, failure notes) passes through guardrails.redact before
it is written, so a report never holds more personal data than the system's own logs. When the
leak suite ran, the finished files are searched for its canaries as the last sink: a hit is added
to the findings (and fails the leak gate), and the value is scrubbed before the files are kept.

report.html is self-contained: inline CSS and SVG charts, no JavaScript, no external files, so it
opens from a CI artefact or an e-mail attachment and reads with a screen reader.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.canaries import Canary, find_in_text, scrub
from evals.gates import Gate, GateResult, check_gates
from evals.leak import SINK_LABELS, Finding
from evals.matching import fact_label
from evals.results import CaseResult
from evals.runner import RunOutcome

SCHEMA = 1
SUITE_LABELS = {
    "accuracy": "Träffsäkerhet",
    "handoff": "Överlämning",
    "injection": "Promptinjektion",
    "leak": "Dataläckage",
}
METRIC_LABELS = {
    "retrieval.recall@1": "Rätt dokument först (recall@1)",
    "retrieval.recall@5": "Rätt dokument bland fem (recall@5)",
    "retrieval.mrr": "MRR",
    "retrieval.ndcg@5": "nDCG@5",
    "answers.fact_coverage": "Faktatäckning",
    "answers.groundedness": "Förankring",
    "answers.citation_precision": "Källprecision",
    "answers.answered_rate": "Besvarade frågor",
    "handoff.recall": "Överlämning recall",
    "handoff.precision": "Överlämning precision",
    "handoff.crisis_recall": "Kris recall",
    "refusal.out_of_scope_rate": "Avböjda frågor utanför uppdraget",
    "injection.success_rate": "Lyckade injektioner",
}
CHART_METRICS = (
    "retrieval.recall@1", "retrieval.recall@5", "retrieval.mrr", "retrieval.ndcg@5",
    "answers.fact_coverage", "answers.groundedness", "answers.citation_precision",
    "handoff.recall", "handoff.precision", "handoff.crisis_recall", "refusal.out_of_scope_rate",
)

Redactor = Callable[[str], str]


def guardrails_redactor() -> Redactor:
    """guardrails.redact, cached per text (questions repeat across turns and sections)."""
    from guardrails import redact

    cache: dict[str, str] = {}

    def run(text: str) -> str:
        if not text:
            return text
        if text not in cache:
            cache[text] = redact(text).text
        return cache[text]

    return run


def _redact_all(value: Any, redact: Redactor) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list | tuple):
        return [_redact_all(v, redact) for v in value]
    if isinstance(value, dict):
        return {k: _redact_all(v, redact) for k, v in value.items()}
    return value


def _case_entry(result: CaseResult) -> dict[str, Any]:
    case, reply = result.case, result.reply
    handoff = reply.handoff
    return {
        "id": case.id,
        "suite": case.suite,
        "kind": case.kind,
        "language": case.language,
        "tags": list(case.tags),
        "source": case.source,
        "turns": list(case.turns),
        "answer": reply.answer,
        "answers": [r.answer for r in result.replies],
        "reply_language": reply.language,
        "citations": [
            {"n": c.n, "doc_id": c.doc_id, "title": c.title, "section": c.section} for c in reply.citations
        ],
        "handoff": {
            "reason": handoff.reason, "queue": handoff.queue, "urgency": handoff.urgency,
            "message": handoff.message,
        } if handoff else None,
        "expected_doc_ids": list(case.expected_doc_ids),
        "retrieved": result.retrieved[:5],
        "retrieval_source": result.retrieval_source,
        "must_include": [fact_label(f) for f in case.must_include],
        "must_not_include": list(case.must_not_include),
        "expect_handoff": case.expect_handoff,
        "expect_reason": case.expect_reason,
        "scores": {k: round(v, 4) for k, v in result.scores.items()},
        "failures": list(result.failures),
        "passed": result.passed,
        "latency_s": round(result.latency_s, 3),
        "error": reply.error,
    }


def _finding_entry(finding: Finding) -> dict[str, str]:
    return {
        "sink": finding.sink,
        "sink_label": SINK_LABELS.get(finding.sink, finding.sink),
        "where": finding.where,
        "canary": finding.canary,
        "variant": finding.variant,
    }


def build_report(outcome: RunOutcome, gates: Sequence[Gate], redact: Redactor) -> dict[str, Any]:
    """The report as one JSON-able dict; free text already redacted."""
    gate_results = check_gates(outcome.metrics, list(gates))
    cases = [_redact_all(_case_entry(r), redact) for r in outcome.results]
    # Redaction must not turn a case's id or kind into a tag.
    for entry, result in zip(cases, outcome.results, strict=True):
        entry.update(id=result.case.id, suite=result.case.suite, kind=result.case.kind)
        entry["expected_doc_ids"] = list(result.case.expected_doc_ids)
        entry["retrieved"] = result.retrieved[:5]
    cases.sort(key=lambda c: (c["passed"], list(SUITE_LABELS).index(c["suite"]), c["id"]))
    leak = outcome.leak
    return {
        "schema": SCHEMA,
        "tool": "tillit eval",
        "info": outcome.info,
        "passed": all(g.passed for g in gate_results),
        "gates": [_gate_entry(g) for g in gate_results],
        "metrics": outcome.metrics,
        "leak": {
            "planted": leak.planted,
            "sinks": {SINK_LABELS.get(k, k): v for k, v in leak.sinks.items()},
            "findings": [_finding_entry(f) for f in leak.findings],
            "leaks": leak.leaks,
            "indirect_injections": sorted(set(leak.injection_echoes)),
        } if leak else None,
        "suites": _suite_counts(cases),
        "cases": cases,
    }


def _gate_entry(result: GateResult) -> dict[str, Any]:
    return {
        "metric": result.gate.metric,
        "label": result.gate.label,
        "threshold": result.gate.describe(),
        "min": result.gate.min,
        "max": result.gate.max,
        "value": result.value,
        "status": result.status,
    }


def _suite_counts(cases: Sequence[dict[str, Any]]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for case in cases:
        entry = counts.setdefault(case["suite"], {"passed": 0, "failed": 0})
        entry["passed" if case["passed"] else "failed"] += 1
    return {s: counts[s] for s in SUITE_LABELS if s in counts}


# -- Markdown ----------------------------------------------------------------------------------------
def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if float(value).is_integer() and abs(value) >= 1 else f"{value:.3f}"


def _status_sv(status: str) -> str:
    return {"pass": "godkänd", "fail": "UNDERKÄND", "not_measured": "ej mätt"}[status]


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: dict[str, Any]) -> str:
    info = report["info"]
    lines = [
        "# Utvärdering av Tillit",
        "",
        f"**Resultat: {'GODKÄND' if report['passed'] else 'UNDERKÄND'}**"
        f" · sviter: {', '.join(info.get('suites', []))}"
        f" · mål: {info.get('target', '–')} · start {info.get('started_at', '–')}"
        f" · {info.get('duration_s', '–')} s",
        "",
        "## Grindar",
        "",
        "| Grind | Mått | Gräns | Värde | Status |",
        "|---|---|---|---|---|",
    ]
    for gate in report["gates"]:
        lines.append(
            f"| {_md_cell(gate['label'])} | `{gate['metric']}` | {gate['threshold']} | {_fmt(gate['value'])} "
            f"| {_status_sv(gate['status'])} |"
        )
    lines += ["", "## Alla mått", "", "| Mått | Värde |", "|---|---|"]
    lines += [f"| `{k}` | {_fmt(v)} |" for k, v in sorted(report["metrics"].items())]
    lines += ["", "## Fall per svit", "", "| Svit | Godkända | Underkända |", "|---|---|---|"]
    for suite, counts in report["suites"].items():
        lines.append(f"| {SUITE_LABELS.get(suite, suite)} | {counts['passed']} | {counts['failed']} |")
    leak = report.get("leak")
    if leak:
        lines += ["", "## Dataläckage", "", f"Läckor: **{leak['leaks']}**", "", "Planterat:"]
        lines += [f"- {p}" for p in leak["planted"]]
        lines += ["", "| Lagringsplats | Granskning |", "|---|---|"]
        lines += [f"| {_md_cell(k)} | {_md_cell(v)} |" for k, v in leak["sinks"].items()]
        if leak["findings"]:
            lines += ["", "| Var | Plats | Kanarie | Form |", "|---|---|---|---|"]
            lines += [
                f"| {_md_cell(f['sink_label'])} | {_md_cell(f['where'])} | {_md_cell(f['canary'])} "
                f"| {_md_cell(f['variant'])} |"
                for f in leak["findings"]
            ]
    failed = [c for c in report["cases"] if not c["passed"]]
    lines += ["", f"## Underkända fall ({len(failed)})", ""]
    for case in failed:
        lines += [f"### {case['id']} ({case['kind']}, {case['language']})", ""]
        for turn in case["turns"]:
            lines.append(f"> {_md_cell(turn)}")
        lines += ["", f"**Svar:** {_md_cell(case['answer'] or '–')}", ""]
        if case["handoff"]:
            lines.append(f"**Överlämning:** {case['handoff']['reason']} ({case['handoff']['urgency']})")
        if case["citations"]:
            cited = ", ".join(f"[{c['n']}] {c['doc_id']}" for c in case["citations"])
            lines.append(f"**Källor:** {cited}")
        if case["expected_doc_ids"]:
            lines.append(f"**Väntade dokument:** {', '.join(case['expected_doc_ids'])}")
        if case["must_include"]:
            lines.append(f"**Väntade fakta:** {'; '.join(case['must_include'])}")
        lines += [f"- {_md_cell(f)}" for f in case["failures"]]
        lines.append("")
    return "\n".join(lines) + "\n"


# -- HTML --------------------------------------------------------------------------------------------
_CSS = """
:root{--ok:#176b2c;--bad:#a4161a;--muted:#5b6169;--line:#d7dbe0;--bg:#f6f7f9;--accent:#1d4f91}
*{box-sizing:border-box}body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
color:#1b1f24;background:#fff}main{max-width:1180px;margin:0 auto;padding:1.5rem}
h1{font-size:1.7rem;margin:.2rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid
var(--line);padding-bottom:.3rem}.verdict{display:inline-block;padding:.35rem .8rem;border-radius:.4rem;
font-weight:700;color:#fff}.verdict.pass{background:var(--ok)}.verdict.fail{background:var(--bad)}
.meta{color:var(--muted);font-size:.92rem}table{border-collapse:collapse;width:100%;font-size:.93rem}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:var(--bg)}td.num{text-align:right;font-variant-numeric:tabular-nums}
.status-pass{color:var(--ok);font-weight:600}.status-fail{color:var(--bad);font-weight:700}
.status-not_measured{color:var(--muted)}.charts{display:grid;grid-template-columns:repeat(auto-fit,
minmax(340px,1fr));gap:1.2rem}figure{margin:0;padding:.8rem;border:1px solid var(--line);border-radius:.5rem}
figcaption{font-weight:600;margin-bottom:.4rem}
figure.wide{grid-column:1/-1}figure.wide svg{max-width:760px}details{margin:.2rem 0}summary{cursor:pointer}
.case-fail td:first-child{border-left:4px solid var(--bad)}.case-pass td:first-child{border-left:4px solid
var(--ok)}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:.5rem 0}
dt{font-weight:600;color:var(--muted)}dd{margin:0;white-space:pre-wrap}ul.failures{margin:.2rem 0;
padding-left:1.2rem;color:var(--bad)}code{background:var(--bg);padding:0 .2rem;border-radius:.2rem}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _bar_chart(report: dict[str, Any]) -> str:
    metrics = report["metrics"]
    thresholds = {g["metric"]: g["min"] for g in report["gates"] if g["min"] is not None}
    rows = [(k, metrics[k]) for k in CHART_METRICS if k in metrics]
    if "injection.success_rate" in metrics:
        rows.append(("injection.resisted", 1.0 - metrics["injection.success_rate"]))
    if not rows:
        return ""
    label_w, bar_w, row_h = 250, 300, 24
    height = row_h * len(rows) + 30
    parts = [
        f'<svg role="img" aria-labelledby="chart-metrics-title" viewBox="0 0 {label_w + bar_w + 70} {height}"'
        f' width="100%" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-metrics-title">'
        "Huvudmått som andel mellan 0 och 1, med grindens gräns markerad</title>",
    ]
    for i, (key, value) in enumerate(rows):
        y = 10 + i * row_h
        label = METRIC_LABELS.get(key, "Motstod injektioner" if key == "injection.resisted" else key)
        limit = thresholds.get(key)
        bad = limit is not None and value < limit - 1e-9
        colour = "#a4161a" if bad else "#1d4f91"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12">{_e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 8}" fill="#eef1f5"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w * max(0.0, min(1.0, value)):.1f}" '
            f'height="{row_h - 8}" fill="{colour}"><title>{_e(label)}: {value:.3f}</title></rect>'
            f'<text x="{label_w + bar_w + 6}" y="{y + 15}" font-size="12">{value:.3f}</text>'
        )
        if limit is not None:
            x = label_w + bar_w * limit
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + row_h - 2}" stroke="#1b1f24" '
                f'stroke-width="2"><title>gräns {limit:g}</title></line>'
            )
    axis_y = 10 + len(rows) * row_h + 4
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = label_w + bar_w * tick
        parts.append(
            f'<text x="{x:.1f}" y="{axis_y + 12}" font-size="10" text-anchor="middle">{tick:g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _suite_chart(report: dict[str, Any]) -> str:
    suites = report["suites"]
    if not suites:
        return ""
    width, row_h, label_w = 420, 30, 130
    total_max = max(c["passed"] + c["failed"] for c in suites.values()) or 1
    height = row_h * len(suites) + 10
    parts = [
        f'<svg role="img" aria-labelledby="chart-suites-title" viewBox="0 0 {label_w + width + 80} {height}"'
        f' width="100%" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-suites-title">Godkända (grönt) och underkända (rött) fall per svit</title>',
    ]
    for i, (suite, counts) in enumerate(suites.items()):
        y = 5 + i * row_h
        ok_w = width * counts["passed"] / total_max
        bad_w = width * counts["failed"] / total_max
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="12">'
            f"{_e(SUITE_LABELS.get(suite, suite))}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{ok_w:.1f}" height="{row_h - 10}" fill="#176b2c">'
            f"<title>{counts['passed']} godkända</title></rect>"
            f'<rect x="{label_w + ok_w:.1f}" y="{y + 4}" width="{bad_w:.1f}" height="{row_h - 10}"'
            ' fill="#a4161a">'
            f"<title>{counts['failed']} underkända</title></rect>"
            f'<text x="{label_w + ok_w + bad_w + 6:.1f}" y="{y + 17}" font-size="12">'
            f"{counts['passed']} / {counts['passed'] + counts['failed']}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _latency_chart(report: dict[str, Any]) -> str:
    values = sorted(c["latency_s"] for c in report["cases"] if c["latency_s"])
    if not values:
        return ""
    bins = 12
    top = values[-1] or 1.0
    step = top / bins
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int(v / step) if step else 0)] += 1
    width, height, pad = 420, 160, 30
    peak = max(counts) or 1
    bar = width / bins
    parts = [
        f'<svg role="img" aria-labelledby="chart-latency-title"'
        f' viewBox="0 0 {width + pad * 2} {height + pad * 2}"'
        f' width="100%" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-latency-title">'
        f"Svarstid per fall, fördelning från 0 till {top:.1f} sekunder</title>",
    ]
    for i, count in enumerate(counts):
        h = height * count / peak
        x = pad + i * bar
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{pad + height - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}"'
            ' fill="#1d4f91">'
            f"<title>{i * step:.2f}–{(i + 1) * step:.2f} s: {count} fall</title></rect>"
        )
    parts.append(
        f'<line x1="{pad}" x2="{pad + width}" y1="{pad + height}" y2="{pad + height}" stroke="#1b1f24"/>'
        f'<text x="{pad}" y="{pad + height + 16}" font-size="11">0 s</text>'
        f'<text x="{pad + width}" y="{pad + height + 16}" font-size="11" text-anchor="end">{top:.1f} s</text>'
        f'<text x="{pad}" y="{pad - 8}" font-size="11">{peak} fall</text></svg>'
    )
    return "".join(parts)


def _case_row(case: dict[str, Any]) -> str:
    status = "pass" if case["passed"] else "fail"
    question = case["turns"][-1] if case["turns"] else ""
    details = [
        "<dl>",
        "".join(f"<dt>Fråga{f' {i}' if len(case['turns']) > 1 else ''}</dt><dd>{_e(t)}</dd>"
                for i, t in enumerate(case["turns"], 1)),
        f"<dt>Svar</dt><dd>{_e(case['answer'] or '–')}</dd>",
    ]
    if case["handoff"]:
        h = case["handoff"]
        details.append(
            f"<dt>Överlämning</dt><dd>{_e(h['reason'])} · {_e(h['queue'])} · {_e(h['urgency'])}</dd>"
        )
    if case["citations"]:
        cited = "; ".join(
            f"[{c['n']}] {c['doc_id']} – {c['title']} ({c['section']})" for c in case["citations"]
        )
        details.append(f"<dt>Källor</dt><dd>{_e(cited)}</dd>")
    if case["expected_doc_ids"]:
        details.append(f"<dt>Väntade dokument</dt><dd>{_e(', '.join(case['expected_doc_ids']))}</dd>")
    if case["retrieved"]:
        details.append(f"<dt>Hämtade dokument</dt><dd>{_e(', '.join(case['retrieved']))}</dd>")
    if case["must_include"]:
        details.append(f"<dt>Väntade fakta</dt><dd>{_e('; '.join(case['must_include']))}</dd>")
    if case["scores"]:
        scores = ", ".join(f"{k} {v:g}" for k, v in case["scores"].items())
        details.append(f"<dt>Poäng</dt><dd>{_e(scores)}</dd>")
    details.append("</dl>")
    failures = "".join(f"<li>{_e(f)}</li>" for f in case["failures"])
    return (
        f'<tr class="case-{status}"><td><code>{_e(case["id"])}</code></td>'
        f"<td>{_e(SUITE_LABELS.get(case['suite'], case['suite']))}<br><small>{_e(case['kind'])}</small></td>"
        f"<td>{_e(case['language'])}</td>"
        f'<td class="status-{status}">{"godkänd" if case["passed"] else "underkänd"}</td>'
        f"<td><details{' open' if not case['passed'] else ''}><summary>{_e(question)}</summary>"
        f"{''.join(details)}</details>"
        f"{f'<ul class=failures>{failures}</ul>' if failures else ''}</td>"
        f'<td class="num">{case["latency_s"]:.2f}</td></tr>'
    )


def render_html(report: dict[str, Any]) -> str:
    info = report["info"]
    verdict = "pass" if report["passed"] else "fail"
    gate_rows = "".join(
        f"<tr><td>{_e(g['label'])}</td><td><code>{_e(g['metric'])}</code></td><td>{_e(g['threshold'])}</td>"
        f'<td class="num">{_e(_fmt(g["value"]))}</td>'
        f'<td class="status-{g["status"]}">{_e(_status_sv(g["status"]))}</td></tr>'
        for g in report["gates"]
    )
    metric_rows = "".join(
        f'<tr><td><code>{_e(k)}</code></td><td class="num">{_e(_fmt(v))}</td></tr>'
        for k, v in sorted(report["metrics"].items())
    )
    leak_html = ""
    leak = report.get("leak")
    if leak:
        sinks = "".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in leak["sinks"].items())
        findings = "".join(
            f"<tr><td>{_e(f['sink_label'])}</td><td>{_e(f['where'])}</td><td>{_e(f['canary'])}</td>"
            f"<td>{_e(f['variant'])}</td></tr>"
            for f in leak["findings"]
        )
        leak_html = (
            f'<section aria-labelledby="leak-h"><h2 id="leak-h">Dataläckage: {leak["leaks"]} läckor</h2>'
            f"<p>Planterat: {_e('; '.join(leak['planted']))}.</p>"
            f"<table><caption>Granskade lagringsplatser</caption><thead><tr><th scope=col>Plats</th>"
            f"<th scope=col>Granskning</th></tr></thead><tbody>{sinks}</tbody></table>"
            + (
                f"<table><caption>Fynd</caption><thead><tr><th scope=col>Var</th><th scope=col>Plats</th>"
                "<th scope=col>Kanarie</th><th scope=col>Form</th></tr></thead>"
                f"<tbody>{findings}</tbody></table>"
                if findings else "<p>Inga kanarievärden hittades någonstans.</p>"
            )
            + "</section>"
        )
    cases = "".join(_case_row(c) for c in report["cases"])
    failed = sum(1 for c in report["cases"] if not c["passed"])
    return f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Utvärdering av Tillit – {'godkänd' if report['passed'] else 'underkänd'}</title>
<style>{_CSS}</style></head><body><main>
<header><h1>Utvärdering av Tillit</h1>
<p><span class="verdict {verdict}" id="verdict">{'GODKÄND' if report['passed'] else 'UNDERKÄND'}</span></p>
<p class="meta">Sviter: {_e(', '.join(info.get('suites', [])))} · mål: {_e(info.get('target', '–'))} ·
korpus: {_e(info.get('corpus', '–'))} · indexversion: {_e(info.get('index_version', '–'))} ·
start {_e(info.get('started_at', '–'))} · {_e(info.get('duration_s', '–'))} s</p></header>
<section aria-labelledby="summary-h"><h2 id="summary-h">Sammanfattning</h2>
<table id="gates"><caption>Grindar</caption><thead><tr><th scope=col>Grind</th><th scope=col>Mått</th>
<th scope=col>Gräns</th><th scope=col>Värde</th><th scope=col>Status</th></tr></thead>
<tbody>{gate_rows}</tbody>
</table></section>
<section aria-labelledby="charts-h"><h2 id="charts-h">Diagram</h2><div class="charts">
<figure class="wide"><figcaption>Huvudmått</figcaption>{_bar_chart(report)}</figure>
<figure><figcaption>Fall per svit</figcaption>{_suite_chart(report)}</figure>
<figure><figcaption>Svarstider</figcaption>{_latency_chart(report)}</figure></div></section>
{leak_html}
<section aria-labelledby="cases-h">
<h2 id="cases-h">Fall ({len(report['cases'])}, varav {failed} underkända)</h2>
<table id="cases">
<caption>Underkända fall först; öppna en rad för fråga, svar, källor och väntade fakta</caption>
<thead><tr><th scope=col>Id</th><th scope=col>Svit</th><th scope=col>Språk</th><th scope=col>Status</th>
<th scope=col>Fråga och utfall</th><th scope=col>Tid (s)</th></tr></thead>
<tbody>{cases}</tbody></table></section>
<section aria-labelledby="metrics-h"><h2 id="metrics-h">Alla mått</h2>
<table><thead><tr><th scope=col>Mått</th>
<th scope=col>Värde</th></tr></thead><tbody>{metric_rows}</tbody></table></section>
</main></body></html>
"""


# -- writing -----------------------------------------------------------------------------------------
@dataclass
class Written:
    report: dict[str, Any]
    gates: list[GateResult]
    paths: list[Path]

    @property
    def passed(self) -> bool:
        return all(g.passed for g in self.gates)


def _render_all(report: dict[str, Any]) -> dict[str, str]:
    return {
        "report.json": json.dumps(report, ensure_ascii=False, indent=2) + "\n",
        "report.md": render_markdown(report),
        "report.html": render_html(report),
    }


def _scrub_all(value: Any, canaries: Sequence[Canary]) -> Any:
    if isinstance(value, str):
        return scrub(value, canaries)
    if isinstance(value, list):
        return [_scrub_all(v, canaries) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_all(v, canaries) for k, v in value.items()}
    return value


def write_reports(
    outcome: RunOutcome, gates: Sequence[Gate], out_dir: Path, redact: Redactor | None = None
) -> Written:
    """Write report.json, report.md and report.html; the reports are the leak suite's last sink."""
    redact = redact or guardrails_redactor()
    out_dir.mkdir(parents=True, exist_ok=True)
    report = build_report(outcome, gates, redact)
    rendered = _render_all(report)
    canaries = list(outcome.canaries or [])
    if canaries and outcome.leak is not None:
        hits = [(name, hit) for name, text in rendered.items() for hit in find_in_text(text, canaries)]
        if hits:
            for name, hit in hits:
                outcome.leak.findings.append(Finding("report", name, hit.canary.label, hit.variant))
            outcome.metrics["leak.leaks"] = float(outcome.leak.leaks)
            report = _scrub_all(build_report(outcome, gates, redact), canaries)
            rendered = _render_all(report)
            leftover = [name for name, text in rendered.items() if find_in_text(text, canaries)]
            if leftover:  # never keep a file that still holds a canary
                raise RuntimeError(f"kanarievärden kunde inte tas bort ur {', '.join(leftover)}")
    paths = []
    for name, text in rendered.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return Written(report, check_gates(outcome.metrics, list(gates)), paths)
