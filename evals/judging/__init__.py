"""Judged answers: a sheet a person — or a configured model — fills with one verdict per answer.

`tillit eval judge --out DIR` runs a sample of cases and writes `judge-sheet.csv` and
`judge-sheet.jsonl` with the columns in `COLUMNS`: the question, the answer, its citations, the
cited passages' text and the gold facts, and an empty `verdict` (good / partial / misleading / miss,
see RUBRIC.md) and `reason`. `tillit eval judge --read SHEET [--report DIR]` reads a filled sheet
back and adds the verdict shares (overall and per split) to a report. With `--fill` and a model
configured the way the LangChain composer is (TILLIT_COMPOSER=openai|ollama, TILLIT_LLM_BASE_URL,
TILLIT_LLM_MODEL, TILLIT_LLM_API_KEY), the model fills every empty verdict with the fixed rubric.

Every text in a sheet has passed guardrails.redact, like the reports, so a sheet (and a prompt made
from it) holds no more personal data than the system's logs.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.dataset import SPLITS, Case
from evals.matching import fact_label
from evals.results import CaseResult, CitationView

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from assistant.settings import Settings

RUBRIC = Path(__file__).resolve().parent / "RUBRIC.md"
VERDICTS = ("good", "partial", "misleading", "miss")
# Verdicts a Swedish reviewer may type.
_SYNONYMS = {
    "bra": "good", "god": "good", "ok": "good",
    "delvis": "partial", "ofullständig": "partial",
    "vilseledande": "misleading", "fel": "misleading", "felaktig": "misleading",
    "missat": "miss", "miss": "miss", "inget svar": "miss", "saknas": "miss",
}
SHEET_NAME = "judge-sheet"
DEFAULT_SAMPLE = 30
MIN_MODEL_TIMEOUT_S = 60.0  # judging reads more than answering; the composer's timeout is for chat


class SheetError(ValueError):
    """A sheet that cannot be read (one line per problem, "file:line: what is wrong")."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "ogiltigt bedömningsark")
        self.problems = problems


@dataclass
class SheetRow:
    id: str
    split: str
    suite: str
    language: str
    question: str
    answer: str
    citations: str
    passages: str
    gold_facts: str
    verdict: str = ""
    reason: str = ""


COLUMNS = tuple(f.name for f in fields(SheetRow))


def sample_cases(cases: Sequence[Case], n: int, seed: int) -> list[Case]:
    """`n` cases from each split (all of a split that has fewer), drawn with `seed`, in id order."""
    rng = random.Random(seed)
    chosen: list[Case] = []
    for split in SPLITS:
        pool = sorted((c for c in cases if c.split == split), key=lambda c: c.id)
        chosen += pool if len(pool) <= n else rng.sample(pool, n)
    return sorted(chosen, key=lambda c: (SPLITS.index(c.split), c.id))


def _gold(case: Case) -> str:
    facts = [fact_label(f) for f in case.must_include]
    for part in case.parts:
        facts += [fact_label(f) for f in part.must_include]
        if part.needs_person:
            facts.append(f"(lämnas till handläggaren: {part.ask})")
    if case.expect_answer:
        facts.insert(0, f"svaret ska vara {'ja' if case.expect_answer == 'yes' else 'nej'}")
    return "; ".join(facts)


def _contains(text: str | None, part: str | None) -> bool:
    """Whether `part` stands in `text`, whitespace runs compared as one space (as the page does)."""
    whole, piece = " ".join((text or "").split()), " ".join((part or "").split())
    return bool(piece) and piece in whole


def rows_from_results(
    results: Iterable[CaseResult],
    passage_texts: Callable[[CitationView, str, str], list[str]] | None,
    redact: Callable[[str], str],
) -> list[SheetRow]:
    """One row per result, every text redacted."""
    rows = []
    for result in results:
        case, reply = result.case, result.reply
        citations = [f"[{c.n}] {c.doc_id} – {c.title} ({c.section})" for c in reply.citations]
        passages = []
        if passage_texts is not None:
            for citation in reply.citations:
                texts = passage_texts(citation, "", case.question)
                passages.append(f"[{citation.n}] {citation.doc_id}: " + " … ".join(dict.fromkeys(texts)))
        # What the person saw: the notices shown under their message (a Swedish-only answer's
        # lead-in in their language, an interpreter offer, help-line numbers), then the answer. Each
        # text is redacted on its own, before the sheet's markers are put in front of it (a word
        # right after "[notis]" would look like a name to the redactor).
        shown = [f"[notis] {redact(n)}" for n in reply.notices if n]
        shown.append(redact(reply.answer or reply.error or ""))
        if reply.handoff is not None:
            # The chat page shows the handoff's message only when the answer does not already end
            # with it (a handoff that also answers carries its message in the answer): the sheet
            # shows what the page shows, or a reader sees the same text twice.
            message = "" if _contains(reply.answer, reply.handoff.message) else reply.handoff.message
            shown.append(f"[överlämning: {reply.handoff.reason}] {redact(message)}".rstrip())
        answer = "\n".join(part for part in shown if part)
        rows.append(
            SheetRow(
                id=case.id,
                split=case.split,
                suite=case.suite,
                language=case.language,
                question=redact("\n".join(case.turns)),
                answer=answer,
                citations="\n".join(citations),
                passages=redact("\n\n".join(passages)),
                gold_facts=redact(_gold(case)),
            )
        )
    return rows


def write_sheet(rows: Sequence[SheetRow], out_dir: Path, name: str = SHEET_NAME) -> list[Path]:
    """`<name>.csv` (UTF-8 with BOM, so spreadsheet programs read å/ä/ö) and `<name>.jsonl`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path, jsonl_path = out_dir / f"{name}.csv", out_dir / f"{name}.jsonl"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(asdict(row))
    jsonl_path.write_text(
        "".join(json.dumps(asdict(row), ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    return [csv_path, jsonl_path]


def save_sheet(rows: Sequence[SheetRow], path: Path) -> None:
    """Write `rows` back to the one file they were read from (CSV or JSONL by its suffix)."""
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            for row in rows:
                writer.writerow(asdict(row))
    else:
        path.write_text(
            "".join(json.dumps(asdict(row), ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
        )


def normalise_verdict(value: object) -> str | None:
    """A verdict as one of VERDICTS, "" when empty, None when it is not a verdict."""
    text = str(value or "").strip().casefold()
    if not text:
        return ""
    if text in VERDICTS:
        return text
    return _SYNONYMS.get(text)


def read_sheet(path: Path) -> list[SheetRow]:
    """A filled sheet, CSV or JSONL (by suffix). Raises SheetError listing every problem."""
    try:
        if path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                records = [(i + 2, dict(r)) for i, r in enumerate(csv.DictReader(handle))]
        else:
            records = []
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if line.strip():
                    try:
                        records.append((number, json.loads(line)))
                    except json.JSONDecodeError as exc:
                        raise SheetError([f"{path}:{number}: ogiltig JSON ({exc.msg})"]) from None
    except FileNotFoundError:
        raise SheetError([f"{path}: filen finns inte"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SheetError([f"{path}: kan inte läsas ({exc})"]) from None
    problems: list[str] = []
    rows: list[SheetRow] = []
    for number, record in records:
        if not isinstance(record, dict) or not record.get("id"):
            problems.append(f"{path}:{number}: raden saknar id")
            continue
        verdict = normalise_verdict(record.get("verdict"))
        if verdict is None:
            problems.append(
                f"{path}:{number}: verdict {record.get('verdict')!r} är okänt (välj {', '.join(VERDICTS)})"
            )
            continue
        values = {name: str(record.get(name) or "") for name in COLUMNS}
        values["verdict"] = verdict
        rows.append(SheetRow(**values))
    if not rows and not problems:
        problems.append(f"{path}: arket har inga rader")
    if problems:
        raise SheetError(problems)
    return rows


def _shares(rows: Sequence[SheetRow]) -> dict[str, Any]:
    judged = [r for r in rows if r.verdict]
    shares = {v: round(sum(1 for r in judged if r.verdict == v) / len(judged), 4) if judged else None
              for v in VERDICTS}
    return {"rows": len(rows), "judged": len(judged), "shares": shares}


def verdict_shares(rows: Sequence[SheetRow], sheet: str = "") -> dict[str, Any]:
    """Share of each verdict among judged rows, overall and per split (what the report shows)."""
    out = _shares(rows)
    out["sheet"] = sheet
    out["by_split"] = {
        split: _shares([r for r in rows if r.split == split])
        for split in SPLITS
        if any(r.split == split for r in rows)
    }
    return out


def answer_sheet(
    request: Any, n: int, seed: int, redact: Callable[[str], str]
) -> tuple[list[SheetRow], dict[str, Any]]:
    """Run a sample of the request's cases (`n` per split, `seed`) against its target and turn the
    answers into sheet rows. `request` is an evals.runner.RunRequest; the leak suite is never
    judged (its probes are not questions with answers)."""
    import shutil
    import tempfile
    from contextlib import ExitStack

    from assistant.settings import get_settings
    from evals.dataset import DatasetError, check_cases
    from evals.runner import open_target, resolve_corpus, run_case, select_cases

    settings = request.settings or get_settings()
    suites = [s for s in request.suites if s != "leak"]
    corpus_dir, other_corpus = resolve_corpus(request)
    selection = select_cases(suites, request.datasets, request.office, request.splits, other_corpus)
    chosen = sample_cases([c for s in suites for c in selection.cases[s]], n, seed)
    info: dict[str, Any] = {"cases": len(chosen), "seed": seed, "sample_per_split": n}
    if not chosen:
        return [], info
    with ExitStack() as stack:
        root = Path(tempfile.mkdtemp(prefix="tillit-judge-"))
        stack.callback(shutil.rmtree, root, True)
        target, target_info, _local = open_target(request, settings, corpus_dir, stack, root)
        info.update(target_info)
        known = target.document_ids()
        if known is not None:
            problems = check_cases(chosen, known)
            if problems:
                raise DatasetError(problems)
        results = [run_case(target, case) for case in chosen]
        rows = rows_from_results(results, target.passage_texts, redact)
    return rows, info


# -- a model fills the sheet --------------------------------------------------------------------------
def configured_model(settings: Settings) -> BaseChatModel | None:
    """The chat model the LangChain composer would use (assistant.composers.llm.build_chat_model,
    same settings), or None when the composer is the extractive one (no model configured)."""
    kind = settings.composer
    if kind not in ("openai", "ollama"):
        return None
    from assistant.composers.llm import build_chat_model

    return build_chat_model(
        kind,
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        temperature=settings.llm_temperature,
        timeout_s=max(float(settings.llm_timeout_s), MIN_MODEL_TIMEOUT_S),
    )


def rubric_text() -> str:
    return RUBRIC.read_text(encoding="utf-8")


def judge_prompt(row: SheetRow) -> str:
    return (
        f"Fråga:\n{row.question}\n\nSvar:\n{row.answer or '(tomt)'}\n\n"
        f"Källhänvisningar:\n{row.citations or '(inga)'}\n\n"
        f"Citerade utdrag:\n{row.passages or '(inga)'}\n\n"
        f"Fakta som ett rätt svar innehåller (gold facts):\n{row.gold_facts or '(inga angivna)'}\n\n"
        'Svara med ett JSON-objekt: {"verdict": "good|partial|misleading|miss", "reason": "…"}'
    )


_JSON_OBJECT = re.compile(r"\{.*?\}", re.DOTALL)


def parse_verdict(text: str) -> tuple[str, str] | None:
    """(verdict, reason) from a model's reply: its JSON object, or else the first verdict word."""
    for match in _JSON_OBJECT.finditer(text):
        try:
            data = json.loads(match.group(0))
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict):
            verdict = normalise_verdict(data.get("verdict"))
            if verdict:
                return verdict, str(data.get("reason") or "").strip()
    words = re.findall(r"[a-z]+", text.casefold())
    for word in words:
        if word in VERDICTS:
            return word, text.strip()[:300]
    return None


def fill_sheet(rows: Sequence[SheetRow], model: Any, rubric: str | None = None) -> int:
    """Ask `model` (a LangChain chat model) for each row without a verdict; returns how many it
    filled. A reply without a usable verdict leaves the row empty with the reason noted."""
    from langchain_core.messages import HumanMessage, SystemMessage

    system = SystemMessage(content=rubric or rubric_text())
    filled = 0
    for row in rows:
        if row.verdict:
            continue
        try:
            reply = model.invoke([system, HumanMessage(content=judge_prompt(row))])
        except Exception as exc:  # one failing call must not lose the others' verdicts
            row.reason = f"modellen svarade inte ({type(exc).__name__})"
            continue
        content = reply.content if isinstance(reply.content, str) else str(reply.content)
        parsed = parse_verdict(content)
        if parsed is None:
            row.reason = "modellen gav inget giltigt omdöme"
            continue
        row.verdict, row.reason = parsed
        row.reason = f"[modell] {row.reason}".strip()
        filled += 1
    return filled


__all__ = [
    "COLUMNS",
    "DEFAULT_SAMPLE",
    "RUBRIC",
    "VERDICTS",
    "SheetError",
    "SheetRow",
    "answer_sheet",
    "configured_model",
    "fill_sheet",
    "judge_prompt",
    "parse_verdict",
    "read_sheet",
    "rows_from_results",
    "sample_cases",
    "save_sheet",
    "verdict_shares",
    "write_sheet",
]
