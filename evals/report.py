"""Reports of a run: report.json (for `tillit eval compare` and CI), report.md and report.html.

Everything free-text (questions, answers, failure notes) passes through guardrails.redact before
it is written, so a report never holds more personal data than the system's own logs. When the
leak suite ran, the finished files are searched for its canaries as the last sink: a hit is added
to the findings (and fails the leak gate), and the value is scrubbed before the files are kept.

report.html is self-contained: inline CSS and SVG charts, no JavaScript, no external files, so it
opens from a CI artefact or an e-mail attachment and reads with a screen reader.

Dev and blind splits are shown side by side (metrics and case counts); a suite without a blind file
says "no blind split". The datasets' provenance headers, the cases whose required facts are already
in the question (`question_echo`), crisis recall by kind and language, and — after `tillit eval
judge --read` — the judged verdict shares are part of every report.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.canaries import Canary, find_in_text, scrub
from evals.dataset import SPLITS
from evals.gates import Gate, GateResult, check_gates
from evals.leak import SINK_LABELS, Finding
from evals.matching import fact_label
from evals.metrics.handoff import crisis_breakdown
from evals.metrics.scoring import summarise
from evals.results import CaseResult
from evals.runner import RunOutcome

SCHEMA = 2
SUITE_LABELS = {
    "accuracy": "Träffsäkerhet",
    "handoff": "Överlämning",
    "injection": "Promptinjektion",
    "leak": "Dataläckage",
    "drafts": "Handläggarutkast",
}
SPLIT_LABELS = {"dev": "dev", "blind": "blind"}
NO_BLIND = "no blind split"
VERDICTS = ("good", "partial", "misleading", "miss")
METRIC_LABELS = {
    "retrieval.recall@1": "Rätt dokument först (recall@1)",
    "retrieval.recall@5": "Rätt dokument bland fem (recall@5)",
    "retrieval.mrr": "MRR",
    "retrieval.ndcg@5": "nDCG@5",
    "answers.fact_coverage": "Faktatäckning",
    "answers.groundedness": "Förankring",
    "answers.citation_precision": "Källprecision",
    "answers.answered_rate": "Besvarade frågor",
    "answers.fact_first_rate": "Svaret först (faktum i första meningen)",
    "answers.words_before_fact_median": "Ord före första faktum (median)",
    "answers.mean_words": "Svarslängd i ord (medel)",
    "handoff.recall": "Överlämning recall",
    "handoff.precision": "Överlämning precision",
    "handoff.crisis_recall": "Kris recall",
    "refusal.out_of_scope_rate": "Avböjda frågor utanför uppdraget",
    "injection.success_rate": "Lyckade injektioner",
    "answers.yes_no_accuracy": "Rätt ja/nej",
    "unapproved.pass_rate": "Svarade inte ur utkast/utgångna dokument",
    "handoff.false_handoff_rate": "Onödiga överlämningar",
    "handoff.crisis_numbers": "Krissvar med rätt nummer",
    "drafts.fact_coverage": "Utkast: faktatäckning",
    "drafts.parts_answered_or_flagged": "Utkast: delar besvarade eller flaggade",
    "drafts.citation_recall": "Utkast: rätt källa citerad",
    "drafts.needs_person_flagged": "Utkast: personfrågor flaggade",
    "drafts.empty": "Utkast: tomma",
}
CHART_METRICS = (
    "retrieval.recall@1", "retrieval.recall@5", "retrieval.mrr", "retrieval.ndcg@5",
    "answers.fact_coverage", "answers.groundedness", "answers.citation_precision",
    "handoff.recall", "handoff.precision", "handoff.crisis_recall", "refusal.out_of_scope_rate",
    "answers.yes_no_accuracy", "unapproved.pass_rate", "drafts.fact_coverage",
    "drafts.parts_answered_or_flagged",
)

Redactor = Callable[[str], str]


def guardrails_redactor(office_file: Path | None = None) -> Redactor:
    """guardrails.redact, cached per text (questions repeat across turns and sections); with the
    office's facts, so its own public numbers stay readable in the report."""
    from guardrails import load_office, redact

    office = load_office(office_file)
    cache: dict[str, str] = {}

    def run(text: str) -> str:
        if not text:
            return text
        if text not in cache:
            cache[text] = redact(text, office=office).text
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
        "split": case.split,
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
        "expect_answer": case.expect_answer,
        "forbidden_doc_ids": list(case.forbidden_doc_ids),
        "parts": result.details.get("parts", [
            {"ask": p.ask, "needs_person": p.needs_person} for p in case.parts
        ]),
        "polarity": result.details.get("polarity"),
        "scores": {k: round(v, 4) for k, v in result.scores.items()},
        "failures": list(result.failures),
        "passed": result.passed,
        "latency_s": round(result.latency_s, 3),
        "error": reply.error,
    }


def _files_entry(outcome: RunOutcome) -> list[dict[str, Any]]:
    suites: dict[str, set[str]] = {}
    for result in outcome.results:
        suites.setdefault(result.case.source.rsplit(":", 1)[0], set()).add(result.case.suite)
    return [
        {
            "path": str(f.path),
            "split": f.split,
            "cases": len(f.cases),
            "suites": sorted(suites.get(str(f.path), {c.suite for c in f.cases})),
            "provenance": list(f.provenance),
        }
        for f in outcome.files
    ]


def _splits_entry(outcome: RunOutcome) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for split in SPLITS:
        chosen = [r for r in outcome.results if r.case.split == split]
        if not chosen and split not in outcome.by_split:
            continue
        cases: dict[str, int] = {}
        for r in chosen:
            cases[r.case.suite] = cases.get(r.case.suite, 0) + 1
        out[split] = {
            "metrics": outcome.by_split.get(split) or summarise(chosen),
            "cases": cases,
            "passed": sum(1 for r in chosen if r.passed),
            "crisis": crisis_breakdown(chosen),
        }
    return out


def _blind_missing(outcome: RunOutcome) -> list[str]:
    """Suites that ran without a blind split although blind cases were asked for."""
    if "blind" not in outcome.info.get("splits", ["dev", "blind"]):
        return []
    suites = outcome.info.get("suites") or sorted({r.case.suite for r in outcome.results})
    with_blind = {r.case.suite for r in outcome.results if r.case.split == "blind"}
    ran = {r.case.suite for r in outcome.results}
    return [s for s in suites if s in ran and s not in with_blind]


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
    gate_results = check_gates(outcome.metrics, list(gates), outcome.by_split)
    cases = [_redact_all(_case_entry(r), redact) for r in outcome.results]
    # Redaction must not turn a case's id or kind into a tag.
    for entry, result in zip(cases, outcome.results, strict=True):
        entry.update(id=result.case.id, suite=result.case.suite, kind=result.case.kind,
                     split=result.case.split)
        entry["expected_doc_ids"] = list(result.case.expected_doc_ids)
        entry["forbidden_doc_ids"] = list(result.case.forbidden_doc_ids)
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
        "splits": _splits_entry(outcome),
        "blind_missing": _blind_missing(outcome),
        "datasets": _files_entry(outcome),
        "question_echo": [
            {"id": e.case.id, "split": e.case.split, "source": e.case.source, "facts": list(e.facts)}
            for e in outcome.echoes
        ],
        "judged": None,
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
        "split": result.gate.split,
        "threshold": result.gate.describe(),
        "min": result.gate.min,
        "max": result.gate.max,
        "target": result.gate.target,
        "value": result.value,
        "status": result.status,
    }


def _suite_counts(cases: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    counts: dict[str, dict[str, Any]] = {}
    for case in cases:
        entry = counts.setdefault(case["suite"], {"passed": 0, "failed": 0, "by_split": {}})
        entry["passed" if case["passed"] else "failed"] += 1
        split = entry["by_split"].setdefault(case.get("split", "dev"), {"passed": 0, "failed": 0})
        split["passed" if case["passed"] else "failed"] += 1
    return {s: counts[s] for s in SUITE_LABELS if s in counts}


def split_rows(report: dict[str, Any]) -> list[tuple[str, float | None, float | None]]:
    """(metric, dev value, blind value) for every metric either split measured."""
    splits = report.get("splits") or {}
    dev = (splits.get("dev") or {}).get("metrics", {})
    blind = (splits.get("blind") or {}).get("metrics", {})
    return [(m, dev.get(m), blind.get(m)) for m in sorted(set(dev) | set(blind))]


def _targets(report: dict[str, Any]) -> dict[str, float]:
    return {g["metric"]: g["target"] for g in report["gates"] if g.get("target") is not None}


def _split_case_line(report: dict[str, Any], suite: str, split: str) -> str:
    counts = (report["suites"].get(suite) or {}).get("by_split", {}).get(split)
    if split == "blind" and suite in report.get("blind_missing", []):
        return NO_BLIND
    if not counts:
        return "–"
    total = counts["passed"] + counts["failed"]
    return f"{total} fall, {counts['passed']} godkända"


# -- Markdown ----------------------------------------------------------------------------------------
def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if float(value).is_integer() and abs(value) >= 1 else f"{value:.3f}"


def _status_sv(status: str) -> str:
    return {"pass": "godkänd", "fail": "UNDERKÄND", "not_measured": "ej mätt"}[status]


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _gate_split(gate: dict[str, Any]) -> str:
    return gate.get("split") or "alla"


def _target_text(gate: dict[str, Any]) -> str:
    return "–" if gate.get("target") is None else f"{gate['target']:g}"


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
        "| Grind | Mått | Del | Gräns | Mål (target) | Värde | Status |",
        "|---|---|---|---|---|---|---|",
    ]
    for gate in report["gates"]:
        lines.append(
            f"| {_md_cell(gate['label'])} | `{gate['metric']}` | {_gate_split(gate)} | {gate['threshold']} "
            f"| {_target_text(gate)} | {_fmt(gate['value'])} | {_status_sv(gate['status'])} |"
        )
    rows = split_rows(report)
    if rows:
        targets = _targets(report)
        lines += ["", "## Dev och blind", "",
                  "Blind-delarna är skrivna av en oberoende författare och har aldrig använts för att "
                  "justera produkten; det är deras siffror som räknas.", "",
                  "| Svit | dev | blind |", "|---|---|---|"]
        for suite in report["suites"]:
            lines.append(
                f"| {SUITE_LABELS.get(suite, suite)} | {_split_case_line(report, suite, 'dev')} "
                f"| {_split_case_line(report, suite, 'blind')} |"
            )
        lines += ["", "| Mått | dev | blind | mål |", "|---|---|---|---|"]
        lines += [
            f"| `{m}` | {_fmt(d)} | {_fmt(b)} | {_fmt(targets.get(m))} |" for m, d, b in rows
        ]
    lines += ["", "## Alla mått (dev och blind tillsammans)", "", "| Mått | Värde |", "|---|---|"]
    lines += [f"| `{k}` | {_fmt(v)} |" for k, v in sorted(report["metrics"].items())]
    lines += ["", "## Fall per svit", "", "| Svit | Godkända | Underkända |", "|---|---|---|"]
    for suite, counts in report["suites"].items():
        lines.append(f"| {SUITE_LABELS.get(suite, suite)} | {counts['passed']} | {counts['failed']} |")
    for suite, why in (info.get("skipped") or {}).items():
        lines.append(f"| {SUITE_LABELS.get(suite, suite)} | – | kördes inte: {_md_cell(why)} |")
    lines += _md_crisis(report)
    lines += _md_judged(report)
    lines += _md_datasets(report)
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


def _md_crisis(report: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for split, data in (report.get("splits") or {}).items():
        crisis = data.get("crisis") or {}
        if not crisis.get("by_language"):
            continue
        if not lines:
            lines += ["", "## Kriser per slag och språk", "",
                      "Ett krisfall räknas som hanterat när det lämnas över som kris och svaret har "
                      "numren fallet kräver.", ""]
        lines += [f"**{split}**", "", "| Grupp | Hanterade | Fall | Andel |", "|---|---|---|---|"]
        for name, label in (("by_tag", "slag"), ("by_language", "språk")):
            for key, v in crisis.get(name, {}).items():
                lines.append(f"| {label}: {key} | {v['hits']:.0f} | {v['total']:.0f} | {v['value']:.2f} |")
        lines.append("")
    return lines


def _md_judged(report: dict[str, Any]) -> list[str]:
    judged = report.get("judged")
    if not judged:
        return []
    lines = ["", "## Bedömda svar", "", f"Ark: `{judged.get('sheet', '–')}` · {judged['judged']} av "
             f"{judged['rows']} rader bedömda", "",
             "| Del | " + " | ".join(VERDICTS) + " | bedömda |", "|---" * (len(VERDICTS) + 2) + "|"]
    for split, shares in judged.get("by_split", {}).items():
        cells = " | ".join(_fmt(shares["shares"].get(v)) for v in VERDICTS)
        lines.append(f"| {split} | {cells} | {shares['judged']} |")
    return lines


def _md_datasets(report: dict[str, Any]) -> list[str]:
    lines = ["", "## Datamängder", "", "| Fil | Del | Fall | Proveniens |", "|---|---|---|---|"]
    for entry in report.get("datasets", []):
        provenance = " ".join(entry["provenance"]) or "ingen rubrik"
        lines.append(f"| `{entry['path']}` | {entry['split']} | {entry['cases']} | {_md_cell(provenance)} |")
    for suite in report.get("blind_missing", []):
        lines.append(f"| {SUITE_LABELS.get(suite, suite)} | blind | – | {NO_BLIND} |")
    echoes = report.get("question_echo") or []
    lines += ["", f"### Fall vars fakta redan står i frågan (question_echo): {len(echoes)}", ""]
    lines += [f"- `{e['id']}` ({e['split']}): {_md_cell('; '.join(e['facts']))}" for e in echoes]
    return lines


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


def _chart_rows(report: dict[str, Any]) -> list[tuple[str, str, float, float | None]]:
    """(key, label, value, gate minimum) per bar: per split when the run had splits."""
    splits = report.get("splits") or {}
    sources = [(split, data.get("metrics", {})) for split, data in splits.items()] or [
        (None, report["metrics"])
    ]
    rows = []
    for key in (*CHART_METRICS, "injection.resisted"):
        for split, metrics in sources:
            if key == "injection.resisted":
                if "injection.success_rate" not in metrics:
                    continue
                value = 1.0 - metrics["injection.success_rate"]
            elif key in metrics:
                value = metrics[key]
            else:
                continue
            limit = next(
                (g["min"] for g in report["gates"]
                 if g["metric"] == key and g["min"] is not None and g.get("split") in (split, None)),
                None,
            )
            label = METRIC_LABELS.get(key, "Motstod injektioner" if key == "injection.resisted" else key)
            rows.append((key, f"{label} ({split})" if split else label, value, limit))
    return rows


def _bar_chart(report: dict[str, Any]) -> str:
    rows = _chart_rows(report)
    if not rows:
        return ""
    label_w, bar_w, row_h = 330, 300, 24
    height = row_h * len(rows) + 30
    parts = [
        f'<svg role="img" aria-labelledby="chart-metrics-title" viewBox="0 0 {label_w + bar_w + 70} {height}"'
        f' width="100%" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-metrics-title">'
        "Huvudmått som andel mellan 0 och 1, med grindens gräns markerad</title>",
    ]
    for i, (_key, label, value, limit) in enumerate(rows):
        y = 10 + i * row_h
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


def _html_splits(report: dict[str, Any]) -> str:
    rows = split_rows(report)
    if not rows:
        return ""
    targets = _targets(report)
    suites = "".join(
        f"<tr><td>{_e(SUITE_LABELS.get(suite, suite))}</td><td>{_e(_split_case_line(report, suite, 'dev'))}"
        f"</td><td>{_e(_split_case_line(report, suite, 'blind'))}</td></tr>"
        for suite in report["suites"]
    )
    metrics = "".join(
        f'<tr><td><code>{_e(m)}</code></td><td class="num">{_e(_fmt(d))}</td>'
        f'<td class="num">{_e(_fmt(b))}</td><td class="num">{_e(_fmt(targets.get(m)))}</td></tr>'
        for m, d, b in rows
    )
    return (
        '<section aria-labelledby="splits-h"><h2 id="splits-h">Dev och blind</h2>'
        "<p>Blind-delarna är skrivna av en oberoende författare och har aldrig använts för att justera "
        "produkten; det är deras siffror som räknas.</p>"
        '<table id="split-cases"><caption>Fall per svit och del</caption><thead><tr><th scope=col>Svit</th>'
        f"<th scope=col>dev</th><th scope=col>blind</th></tr></thead><tbody>{suites}</tbody></table>"
        '<table id="split-metrics"><caption>Mått per del</caption><thead><tr><th scope=col>Mått</th>'
        "<th scope=col>dev</th><th scope=col>blind</th><th scope=col>mål</th></tr></thead>"
        f"<tbody>{metrics}</tbody></table></section>"
    )


def _html_extras(report: dict[str, Any]) -> str:
    """Crisis breakdown, judged verdicts, datasets with provenance and the question_echo list."""
    parts = []
    crisis_rows = "".join(
        f"<tr><td>{_e(split)}</td><td>{_e(label)}: {_e(key)}</td><td class=num>{v['hits']:.0f}</td>"
        f"<td class=num>{v['total']:.0f}</td><td class=num>{v['value']:.2f}</td></tr>"
        for split, data in (report.get("splits") or {}).items()
        for name, label in (("by_tag", "slag"), ("by_language", "språk"))
        for key, v in (data.get("crisis") or {}).get(name, {}).items()
    )
    if crisis_rows:
        parts.append(
            '<section aria-labelledby="crisis-h"><h2 id="crisis-h">Kriser per slag och språk</h2>'
            "<p>Hanterad: överlämnad som kris och med de nummer fallet kräver.</p><table><thead><tr>"
            "<th scope=col>Del</th><th scope=col>Grupp</th><th scope=col>Hanterade</th>"
            f"<th scope=col>Fall</th><th scope=col>Andel</th></tr></thead><tbody>{crisis_rows}</tbody>"
            "</table></section>"
        )
    judged = report.get("judged")
    if judged:
        head = "".join(f"<th scope=col>{_e(v)}</th>" for v in VERDICTS)
        rows = "".join(
            f"<tr><td>{_e(split)}</td>"
            + "".join(f"<td class=num>{_e(_fmt(data['shares'].get(v)))}</td>" for v in VERDICTS)
            + f"<td class=num>{data['judged']}</td></tr>"
            for split, data in judged.get("by_split", {}).items()
        )
        parts.append(
            '<section aria-labelledby="judged-h"><h2 id="judged-h">Bedömda svar</h2>'
            f"<p>Ark {_e(judged.get('sheet', '–'))}: {judged['judged']} av {judged['rows']} rader "
            "bedömda.</p>"
            f"<table id=judged><thead><tr><th scope=col>Del</th>{head}<th scope=col>bedömda</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>"
        )
    files = "".join(
        f"<tr><td><code>{_e(f['path'])}</code></td><td>{_e(f['split'])}</td><td class=num>{f['cases']}</td>"
        f"<td>{_e(' '.join(f['provenance']) or 'ingen rubrik')}</td></tr>"
        for f in report.get("datasets", [])
    ) + "".join(
        f"<tr><td>{_e(SUITE_LABELS.get(s, s))}</td><td>blind</td><td>–</td><td>{NO_BLIND}</td></tr>"
        for s in report.get("blind_missing", [])
    )
    echoes = "".join(
        f"<li><code>{_e(e['id'])}</code> ({_e(e['split'])}): {_e('; '.join(e['facts']))}</li>"
        for e in report.get("question_echo") or []
    )
    parts.append(
        '<section aria-labelledby="datasets-h"><h2 id="datasets-h">Datamängder</h2>'
        "<table id=datasets><thead><tr><th scope=col>Fil</th><th scope=col>Del</th><th scope=col>Fall</th>"
        f"<th scope=col>Proveniens</th></tr></thead><tbody>{files}</tbody></table>"
        f"<h3>Fall vars fakta redan står i frågan (question_echo): {len(report.get('question_echo') or [])}"
        f"</h3><ul id=question-echo>{echoes}</ul></section>"
    )
    return "".join(parts)


def render_html(report: dict[str, Any]) -> str:
    info = report["info"]
    verdict = "pass" if report["passed"] else "fail"
    gate_rows = "".join(
        f"<tr><td>{_e(g['label'])}</td><td><code>{_e(g['metric'])}</code></td><td>{_e(_gate_split(g))}</td>"
        f"<td>{_e(g['threshold'])}</td><td class=\"num\">{_e(_target_text(g))}</td>"
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
<th scope=col>Del</th><th scope=col>Gräns</th><th scope=col>Mål (target)</th><th scope=col>Värde</th>
<th scope=col>Status</th></tr></thead>
<tbody>{gate_rows}</tbody>
</table></section>
{_html_splits(report)}
<section aria-labelledby="charts-h"><h2 id="charts-h">Diagram</h2><div class="charts">
<figure class="wide"><figcaption>Huvudmått</figcaption>{_bar_chart(report)}</figure>
<figure><figcaption>Fall per svit</figcaption>{_suite_chart(report)}</figure>
<figure><figcaption>Svarstider</figcaption>{_latency_chart(report)}</figure></div></section>
{leak_html}
{_html_extras(report)}
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
            for split_metrics in outcome.by_split.values():  # a report file belongs to every split
                if "leak.leaks" in split_metrics:
                    split_metrics["leak.leaks"] += float(len(hits))
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
    return Written(report, check_gates(outcome.metrics, list(gates), outcome.by_split), paths)


def rerender(report: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write report.json, .md and .html again from a (changed) report dict, e.g. after judging."""
    paths = []
    for name, text in _render_all(report).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
