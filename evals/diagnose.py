"""Where an answer's facts are lost, stage by stage: ranking or composition.

For every answerable case of the accuracy suite the real pipeline answers the question (in process,
as `tillit eval run` does), and the case's gold facts are looked for, with the harness's own value
matching, in what each stage had:

- `top1`: the top-ranked passage, as retrieval returned it;
- `section`: the whole section of that passage (every passage of it, in document order);
- `best_section`: the best single section among the top five passages' sections (what a perfect
  choice of section could quote);
- `top5`: the top five passages together;
- `cited_sections`: the whole sections the answer cites (what the composer chose to quote from);
- `answer`: the composed answer the person saw (`answer_scored`: with the suite's rule that a wrong
  yes or no counts as no fact found).

and whether an expected document is the first / among the first five documents retrieved, is cited,
and whether the answer cites a document outside the expected ones. A fact in `top5` but not in the
answer was lost by composition (in `best_section` but not `cited_sections`: by the choice of section;
in `cited_sections` but not the answer: by the choice of sentences); one in no top-5 passage, by ranking.

    python -m evals.diagnose --office evals/offices/norrvik --split dev
    python -m evals.diagnose --corpus knowledge/corpus --data-dir /tmp/sample --split dev --cases out.jsonl

With `--sections FILE` (dev only) every case's sections as the extractive composer weighed them are
written too, one JSON line per case: each section's document, path, retrieval rank, features and
score, whether its document is an expected one, and the share of the gold facts in what the answer
would quote from it and in its whole text; the first is the one the answer chose. A section that
holds more of the facts than the chosen one is where the choice of section lost them.

Blind splits print aggregates only: `--cases` (one line per case, with the answer) and `--sections`
are refused for them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.dataset import Case
from evals.matching import Fact, found_facts
from evals.metrics.answers import strip_markers
from evals.polarity import answer_polarity
from evals.runner import default_corpus, office_corpus, office_facts_file, select_cases

STAGES = ("top1", "section", "best_section", "top5", "cited_sections", "answer", "answer_scored")
TOP = 5


@dataclass
class CaseLoss:
    """One case: the share of its facts present at each stage, and where its documents stood."""

    id: str
    split: str
    facts: dict[str, float] = field(default_factory=dict)
    doc_top1: bool = False
    doc_top5: bool = False
    cited_expected: bool = False
    cited_outside: bool = False
    answered: bool = False
    handoff: str = ""  # the handoff's reason when a person was offered instead of (or with) an answer
    yes_no: bool | None = None
    detail: dict[str, Any] = field(default_factory=dict)  # dev only: what was lost where


def _share(text: str, facts: Sequence[Fact]) -> tuple[float, list[Fact]]:
    found, missing = found_facts(strip_markers(text), facts)
    return len(found) / len(facts), missing


def diagnose_case(assistant: Any, case: Case) -> CaseLoss:
    """Run one case through the pipeline and measure its facts at each stage."""
    conversation_id = token = None
    result = None
    for message in case.turns:
        result = assistant.turn(message, conversation_id, token)
        conversation_id, token = result.reply.conversation_id, result.reply.conversation_token
    assert result is not None
    reply, trace = result.reply, result.trace
    query = trace.query or trace.redacted_text or case.question
    stages = trace.as_dict()["stages"]
    searched = [s.get("language") for s in stages if s.get("stage") == "retrieve"]
    # The language the answer was composed in; without an answer, the first one searched.
    language = reply.language if reply.citations else (searched or [reply.language])[0]
    pipeline = assistant.pipeline
    passages = pipeline.retrieve.run(query, language or "sv").passages[:TOP]
    index = assistant.index
    facts = case.must_include
    texts: dict[str, str] = {"top1": "", "section": "", "best_section": "", "top5": ""}
    if passages:
        first = passages[0]
        texts["top1"] = first.text
        texts["section"] = "\n".join(p.text for p in index.section_of(first.doc_id, first.section))
        texts["top5"] = "\n".join(p.text for p in passages)
        sections = dict.fromkeys((p.doc_id, p.section) for p in passages)
        whole = ["\n".join(p.text for p in index.section_of(d, s)) for d, s in sections]
        texts["best_section"] = max(whole, key=lambda t: _share(t, facts)[0]) if whole else ""
    cited_keys = dict.fromkeys((c.doc_id, c.section) for c in reply.citations)
    texts["cited_sections"] = "\n".join(p.text for d, s in cited_keys for p in index.section_of(d, s))
    out = CaseLoss(case.id, case.split)
    for stage, text in texts.items():
        out.facts[stage] = _share(text, facts)[0]
    answer_share, missing = _share(reply.answer, facts)
    out.facts["answer"] = answer_share
    scored = answer_share
    if case.expect_answer:
        right = answer_polarity(reply.answer, reply.language or case.language) == case.expect_answer
        out.yes_no = right
        scored = answer_share if right else 0.0
    out.facts["answer_scored"] = scored
    expected = set(case.expected_doc_ids)
    ranked = list(dict.fromkeys(p.doc_id for p in passages))
    cited = {c.doc_id for c in reply.citations}
    out.doc_top1 = bool(ranked[:1]) and ranked[0] in expected
    out.doc_top5 = bool(expected & set(ranked[:TOP]))
    out.cited_expected = bool(expected & cited)
    out.cited_outside = bool(cited - expected)
    out.answered = bool(reply.citations) and reply.handoff is None
    out.handoff = reply.handoff.reason if reply.handoff is not None else ""
    if case.split == "dev":
        _, top5_missing = _share(texts["top5"], facts)
        _, section_missing = _share(texts["section"], facts)
        _, cited_missing = _share(texts["cited_sections"], facts)
        out.detail = {
            "question": case.question,
            "answer": reply.answer,
            "cited": sorted(cited),
            "expected": sorted(expected),
            "ranked": ranked,
            "top_section": f"{passages[0].doc_id} › {passages[0].section}" if passages else "",
            "missing_in_answer": [str(f) for f in missing],
            "lost_by_ranking": [str(f) for f in top5_missing],
            "in_top_section_not_answer": [str(f) for f in missing if f not in section_missing],
            "in_top5_not_answer": [str(f) for f in missing if f not in top5_missing],
            "in_cited_section_not_answer": [str(f) for f in missing if f not in cited_missing],
            "handoff": out.handoff,
            "expect_answer": case.expect_answer,
            "yes_no_right": out.yes_no,
        }
    return out


def section_choice(assistant: Any, case: Case, request: Any) -> list[dict[str, Any]]:
    """The sections the extractive composer weighed for `request` (the last one composed for
    `case`), best first, each with its features and the share of the gold facts it holds."""
    composer = assistant.pipeline.compose.composer
    expected = set(case.expected_doc_ids)
    rows: list[dict[str, Any]] = []
    for s in composer.ranked_sections(request):
        text = "\n".join(p.text for p in assistant.index.section_of(s.doc_id, s.section))
        rows.append(
            {
                "doc": s.doc_id,
                "section": s.section,
                "rank": s.rank,
                "score": round(s.score, 4),
                "features": {k: round(v, 4) for k, v in s.features.items()},
                "expected": s.doc_id in expected,
                "facts_quote": _share(s.quote, case.must_include)[0] if s.quote else 0.0,
                "facts_section": _share(text, case.must_include)[0],
            }
        )
    return rows


def summarise(losses: Sequence[CaseLoss]) -> dict[str, float]:
    """Means over the cases: facts per stage, documents, yes/no."""
    n = len(losses)
    if not n:
        return {"cases": 0}
    summary: dict[str, float] = {"cases": n}
    for stage in STAGES:
        summary[f"facts.{stage}"] = sum(c.facts.get(stage, 0.0) for c in losses) / n
    summary["doc.top1"] = sum(c.doc_top1 for c in losses) / n
    summary["doc.top5"] = sum(c.doc_top5 for c in losses) / n
    summary["doc.cited_expected"] = sum(c.cited_expected for c in losses) / n
    summary["doc.cited_outside"] = sum(c.cited_outside for c in losses) / n
    summary["answered"] = sum(c.answered for c in losses) / n
    # Why the others were not: the policy handed the question to a person, or no passage answered
    # well enough (the pipeline's low-confidence reply).
    summary["unanswered.handoff"] = sum(bool(c.handoff) and not c.answered for c in losses) / n
    summary["unanswered.no_answer"] = sum(not c.handoff and not c.answered for c in losses) / n
    yes_no = [c.yes_no for c in losses if c.yes_no is not None]
    if yes_no:
        summary["yes_no"] = sum(yes_no) / len(yes_no)
        summary["yes_no.cases"] = len(yes_no)
    return summary


def _table(rows: dict[str, dict[str, float]]) -> str:
    keys = [
        *(f"facts.{s}" for s in STAGES),
        "doc.top1",
        "doc.top5",
        "doc.cited_expected",
        "doc.cited_outside",
        "answered",
        "unanswered.handoff",
        "unanswered.no_answer",
        "yes_no",
    ]
    names = list(rows)
    lines = ["| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    lines.append("| cases | " + " | ".join(str(int(rows[n].get("cases", 0))) for n in names) + " |")
    for key in keys:
        cells = [f"{rows[n][key]:.3f}" if key in rows[n] else "–" for n in names]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _assistant(corpus: Path, data_dir: Path | None, office_file: Path | None = None) -> Any:
    from assistant import Assistant
    from assistant.settings import get_settings
    from knowledge import ingest

    settings = get_settings()
    if data_dir is None:
        data_dir = Path(tempfile.mkdtemp(prefix="tillit-diagnose-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    local = settings.model_copy(update={"data_dir": data_dir, "database_url": None, "chroma_url": None})
    if office_file is not None:  # the office's own facts, as `tillit eval run --office` uses them
        local = local.model_copy(update={"office_file": office_file})
    assistant = Assistant.from_settings(local)
    if not assistant.ready:
        ingest(corpus, local.index_config(data_dir=data_dir, chroma_url=None))
        assistant = Assistant.from_settings(local)
    assistant.warm_up()
    return assistant


def _recording(assistant: Any) -> list[Any]:
    """The requests the extractive composer is asked to compose, in order (emptied by the caller)."""
    composer = assistant.pipeline.compose.composer
    if not hasattr(composer, "ranked_sections"):
        raise SystemExit("--sections reads the extractive composer's sections (TILLIT_COMPOSER=extractive)")
    seen: list[Any] = []
    compose = composer.compose

    def recording(request: Any) -> Any:
        seen.append(request)
        return compose(request)

    composer.compose = recording
    return seen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.diagnose", description=__doc__.split("\n")[0])
    parser.add_argument("--office", type=Path, help="an office folder (dokument/ and its *.jsonl)")
    parser.add_argument("--corpus", type=Path, help="a corpus folder (default: the sample corpus)")
    parser.add_argument("--dataset", type=Path, action="append", default=[], help="JSONL cases")
    parser.add_argument("--data-dir", type=Path, help="an index to reuse (built there when missing)")
    parser.add_argument("--split", choices=("dev", "blind", "all"), default="dev")
    parser.add_argument("--cases", type=Path, help="dev only: one JSON line per case, with the answer")
    parser.add_argument("--json", type=Path, help="the aggregates as JSON")
    parser.add_argument(
        "--sections", type=Path, help="dev only: each case's sections as the composer weighed them"
    )
    args = parser.parse_args(argv)
    splits = ("dev", "blind") if args.split == "all" else (args.split,)
    if args.cases is not None and "blind" in splits:
        parser.error("--cases prints every case: not for blind splits (aggregates only)")
    if args.sections is not None and "blind" in splits:
        parser.error("--sections prints every case: not for blind splits (aggregates only)")
    corpus = office_corpus(args.office) if args.office else (args.corpus or default_corpus())
    other = args.office is not None or (args.corpus is not None and args.corpus.resolve() != default_corpus())
    selection = select_cases(["accuracy"], args.dataset, args.office, splits, other_corpus=other)
    cases = [c for c in selection.cases["accuracy"] if c.kind == "answerable" and c.must_include]
    assistant = _assistant(corpus, args.data_dir, office_facts_file(args.office) if args.office else None)
    seen = _recording(assistant) if args.sections is not None else None
    losses: list[CaseLoss] = []
    choices: list[dict[str, Any]] = []
    for case in cases:
        if seen is not None:
            seen.clear()
        losses.append(diagnose_case(assistant, case))
        if seen:
            sections = section_choice(assistant, case, seen[-1])
            choices.append({"id": case.id, "question": case.question, "sections": sections})
    rows = {split: summarise([c for c in losses if c.split == split]) for split in splits}
    print(_table(rows))
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    if args.sections is not None:
        with args.sections.open("w", encoding="utf-8") as out:
            for line in choices:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    if args.cases is not None:
        with args.cases.open("w", encoding="utf-8") as out:
            for c in losses:
                line = {"id": c.id, "facts": c.facts, "doc_top1": c.doc_top1, "doc_top5": c.doc_top5}
                out.write(json.dumps({**line, **c.detail}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
