"""Judged answers: the sheet round trip, a model filling it (fake OpenAI-compatible server on
loopback, the same helper the composer tests use), and `tillit eval judge --out` on the sample index."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from evals import CaseResult, CitationView, HandoffView, Reply, RunOutcome, load_thresholds, write_reports
from evals.dataset import parse_case
from evals.judging import (
    COLUMNS,
    RUBRIC,
    SheetError,
    parse_verdict,
    read_sheet,
    rows_from_results,
    sample_cases,
    verdict_shares,
    write_sheet,
)
from tests.assistant.conftest import FakeModel
from tests.evals.conftest import invoke_tillit

PASSAGE = "Årsräkningen ska ha kommit in till oss före den 1 mars varje år."
TILLIT = Path(sys.executable).with_name("tillit")


def _tillit(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real `tillit` command (exit codes and one-line errors as a reviewer sees them)."""
    return subprocess.run(
        [str(TILLIT), *args], capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})}
    )


def _case(raw: dict, split: str = "dev"):  # type: ignore[no-untyped-def]
    problems: list[str] = []
    case = parse_case({"language": "sv", **raw}, "handgjord:1", problems, split)
    assert case is not None, problems
    return case


def _results() -> list[CaseResult]:
    good = _case({"id": "j-1", "kind": "answerable", "question": "När ska årsräkningen in?",
                  "expected_doc_ids": ["arsrakning"], "must_include": ["1 mars"]})
    wrong = _case({"id": "j-2", "kind": "answerable", "question": "Jag heter Anna Berg. När ska den in?",
                   "expected_doc_ids": ["arsrakning"], "must_include": ["1 mars"], "expect_answer": "yes"},
                  "blind")
    handed = _case({"id": "j-3", "kind": "answerable", "question": "Vem betalar arvodet?",
                    "expected_doc_ids": ["arvode"], "must_include": ["kommunen"]}, "blind")
    citation = CitationView(1, "arsrakning", "Årsräkning", "Sista dag")
    return [
        CaseResult(good, [Reply("Årsräkningen ska in före den 1 mars [1].", [citation])]),
        CaseResult(wrong, [Reply("Årsräkningen ska in före den 1 april [1].", [citation])]),
        CaseResult(handed, [Reply("", handoff=HandoffView("low_confidence", message="Vi hör av oss."))]),
    ]


def _passages(citation: CitationView, sentence: str, question: str = "") -> list[str]:
    return [PASSAGE] if citation.doc_id == "arsrakning" else []


def _sheet(tmp_path: Path) -> list[Path]:
    from evals.report import guardrails_redactor

    rows = rows_from_results(_results(), _passages, guardrails_redactor())
    return write_sheet(rows, tmp_path / "sheet")


def test_sampling_takes_n_per_split_with_a_seed() -> None:
    cases = [_case({"id": f"s-{i:02d}", "kind": "ordinary", "question": "x"}, "dev" if i < 10 else "blind")
             for i in range(14)]
    first = sample_cases(cases, 3, seed=1)
    assert [c.split for c in first] == ["dev"] * 3 + ["blind"] * 3
    assert first == sample_cases(cases, 3, seed=1) and first != sample_cases(cases, 3, seed=2)
    assert len(sample_cases(cases, 50, seed=1)) == 14  # a split smaller than n is taken whole


def test_the_sheet_round_trip_adds_verdict_shares_to_the_report(
    tmp_path: Path, handmade_outcome: RunOutcome
) -> None:
    csv_path, jsonl_path = _sheet(tmp_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == COLUMNS
    assert [r["id"] for r in rows] == ["j-1", "j-2", "j-3"]
    assert all(r["verdict"] == "" and r["reason"] == "" for r in rows)
    assert rows[0]["passages"] == f"[1] arsrakning: {PASSAGE}" and rows[0]["gold_facts"] == "1 mars"
    assert rows[1]["gold_facts"] == "svaret ska vara ja; 1 mars"
    assert "Anna Berg" not in rows[1]["question"] and "[NAMN_1]" in rows[1]["question"]  # redacted
    assert "[överlämning: low_confidence]" in rows[2]["answer"]
    assert [json.loads(line)["id"] for line in jsonl_path.read_text(encoding="utf-8").splitlines()] == [
        "j-1", "j-2", "j-3"
    ]

    # A reviewer fills the sheet in a spreadsheet program (Swedish verdicts are understood).
    rows[0]["verdict"], rows[1]["verdict"], rows[2]["verdict"] = "good", "vilseledande", "miss"
    rows[1]["reason"] = "fel datum"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    filled = read_sheet(csv_path)
    assert [r.verdict for r in filled] == ["good", "misleading", "miss"]
    shares = verdict_shares(filled, str(csv_path))
    assert shares["judged"] == 3 and shares["shares"]["good"] == pytest.approx(1 / 3, abs=1e-4)
    assert shares["by_split"]["dev"]["shares"]["good"] == 1.0
    blind = {"good": 0.0, "partial": 0.0, "misleading": 0.5, "miss": 0.5}
    assert shares["by_split"]["blind"]["shares"] == blind

    report_dir = tmp_path / "report"
    write_reports(handmade_outcome, load_thresholds(), report_dir)
    code, output = invoke_tillit(["eval", "judge", "--read", str(csv_path), "--report", str(report_dir)])
    assert code == 0, output
    assert "blind: 2 av 2 bedömda – good 0.00, partial 0.00, misleading 0.50, miss 0.50" in output
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    assert report["judged"]["by_split"]["blind"]["shares"]["misleading"] == 0.5
    assert "## Bedömda svar" in (report_dir / "report.md").read_text(encoding="utf-8")
    assert "id=judged" in (report_dir / "report.html").read_text(encoding="utf-8")


def test_the_sheet_shows_the_notices_the_person_saw_before_the_answer() -> None:
    """A Swedish answer to an English question comes with a notice in English saying so; a reader
    judging the answer without it would judge another reply than the person got."""
    from evals.report import guardrails_redactor

    case = _case({"id": "j-4", "kind": "answerable", "question": "When is the annual report due?",
                  "language": "en", "expected_doc_ids": ["arsrakning"], "must_include": ["1 mars"]})
    note = "We have no approved text about this in English, so the answer below is in Swedish."
    reply = Reply("Årsräkningen ska in före den 1 mars [1].", [CitationView(1, "arsrakning", "Å", "S")],
                  notices=[note])
    (row,) = rows_from_results([CaseResult(case, [reply])], _passages, guardrails_redactor())
    assert row.answer == f"[notis] {note}\nÅrsräkningen ska in före den 1 mars [1]."
    (plain,) = rows_from_results(_results()[:1], _passages, guardrails_redactor())
    assert plain.answer == "Årsräkningen ska in före den 1 mars [1]."
    # The marker is put in front after redaction: the notice's first word is no name.
    somali = "Ma hayno qoraal la ansixiyay oo af-Soomaali ah."
    somali_reply = replace(reply, notices=[somali])
    (row,) = rows_from_results([CaseResult(case, [somali_reply])], _passages, guardrails_redactor())
    assert row.answer.startswith(f"[notis] {somali}\n"), row.answer


def test_a_bad_sheet_is_explained_line_by_line(tmp_path: Path) -> None:
    _csv, jsonl_path = _sheet(tmp_path)
    lines = jsonl_path.read_text(encoding="utf-8").splitlines()
    lines[1] = json.dumps({**json.loads(lines[1]), "verdict": "kanske"})
    jsonl_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SheetError) as info:
        read_sheet(jsonl_path)
    assert info.value.problems == [
        f"{jsonl_path}:2: verdict 'kanske' är okänt (välj good, partial, misleading, miss)"
    ]
    result = _tillit("eval", "judge", "--read", str(jsonl_path))
    assert result.returncode == 2 and "ogiltigt bedömningsark" in result.stderr
    assert f"{jsonl_path}:2: verdict 'kanske'" in result.stderr and "Traceback" not in result.stderr


def test_parse_verdict_reads_json_or_the_first_verdict_word() -> None:
    reply = 'Här: {"verdict": "partial", "reason": "saknar villkor"}'
    assert parse_verdict(reply) == ("partial", "saknar villkor")
    assert parse_verdict("Omdöme: misleading, datumet är fel.")[0] == "misleading"  # type: ignore[index]
    assert parse_verdict("Jag vet inte.") is None


class JudgeModel(FakeModel):
    """The composer tests' fake OpenAI-compatible server, answering as a judge: an answer holding the
    gold fact is good (as JSON), any other is a miss (as prose, which the parser must also read)."""

    def _answer(self, body: dict) -> str:
        prompt = body["messages"][-1]["content"]
        answer = prompt.split("Svar:\n", 1)[1].split("\n\nKällhänvisningar:", 1)[0]
        gold = prompt.split("(gold facts):\n", 1)[1].split("\n", 1)[0]
        fact = gold.split("; ")[-1]
        if fact and fact in answer:
            return json.dumps({"verdict": "good", "reason": "Svaret har rätt uppgift."})
        return "Omdöme: miss. Svaret saknar uppgiften."


@pytest.fixture
def judge_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[JudgeModel]:
    from assistant.settings import get_settings

    model = JudgeModel()
    monkeypatch.setenv("TILLIT_COMPOSER", "openai")
    monkeypatch.setenv("TILLIT_LLM_BASE_URL", model.url)
    monkeypatch.setenv("TILLIT_LLM_MODEL", "judge-model")
    monkeypatch.setenv("TILLIT_LLM_API_KEY", "test")
    get_settings.cache_clear()
    yield model
    model.close()
    get_settings.cache_clear()


def test_judge_fill_asks_the_configured_model_with_the_fixed_rubric(
    tmp_path: Path, judge_model: JudgeModel
) -> None:
    _csv, jsonl_path = _sheet(tmp_path)
    code, output = invoke_tillit(["eval", "judge", "--read", str(jsonl_path), "--fill"])
    assert code == 0, output
    assert "Modellen fyllde i 3 omdömen" in output
    assert len(judge_model.requests) == 3
    sent = judge_model.requests[0]
    assert sent["model"] == "judge-model"
    assert sent["messages"][0]["role"] == "system"
    assert sent["messages"][0]["content"] == RUBRIC.read_text(encoding="utf-8")
    prompt = sent["messages"][1]["content"]
    assert "När ska årsräkningen in?" in prompt and PASSAGE in prompt
    assert all("Anna Berg" not in r["messages"][1]["content"] for r in judge_model.requests)  # redacted only
    rows = read_sheet(jsonl_path)  # the filled sheet was saved back
    assert [r.verdict for r in rows] == ["good", "miss", "miss"]
    assert rows[0].reason == "[modell] Svaret har rätt uppgift."
    assert "dev: 1 av 1 bedömda – good 1.00" in output


def test_judge_fill_needs_a_configured_model(tmp_path: Path) -> None:
    _csv, jsonl_path = _sheet(tmp_path)
    no_model = {"TILLIT_COMPOSER": "extractive"}
    result = _tillit("eval", "judge", "--read", str(jsonl_path), "--fill", env=no_model)
    assert result.returncode == 2 and "--fill kräver en konfigurerad modell" in result.stderr
    result = _tillit("eval", "judge")
    assert result.returncode == 2 and "ange antingen --out" in result.stderr


def test_judge_out_writes_a_sheet_from_the_real_pipeline(sample_data_dir: Path, tmp_path: Path) -> None:
    # The run records turns: in a copy, never in the shared (read-only) fixture.
    data_dir = shutil.copytree(sample_data_dir, tmp_path / "data")
    dataset = tmp_path / "fragor.blind.jsonl"
    common = {"kind": "answerable", "language": "sv"}
    cases = [
        {**common, "id": "jb-1", "question": "När ska årsräkningen vara inne?",
         "expected_doc_ids": ["arsrakning", "en-annual-report"], "must_include": ["1 mars"]},
        {**common, "id": "jb-2", "question": "Vem betalar arvodet till gode mannen?",
         "expected_doc_ids": ["arvode", "en-fees"], "must_include": ["kommunen"]},
        {**common, "id": "jb-3", "question": "Vad är en förvaltare?",
         "expected_doc_ids": ["forvaltarskap", "roller-och-begrepp"],
         "must_include": ["rättshandlingsförmåga"]},
    ]
    dataset.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    out = tmp_path / "sheet"
    code, output = invoke_tillit(
        ["--data-dir", str(data_dir), "eval", "judge", "--out", str(out), "--dataset", str(dataset),
         "--sample", "2", "--seed", "3"]
    )
    assert code == 0, output
    rows = read_sheet(out / "judge-sheet.jsonl")
    assert len(rows) == 2 and {r.split for r in rows} == {"blind"}
    assert {r.id for r in rows} <= {"jb-1", "jb-2", "jb-3"}
    for row in rows:
        assert row.answer and row.citations and row.passages and row.gold_facts and row.verdict == ""
        cited = {line.split()[1] for line in row.citations.splitlines()}
        assert {line.split(":")[0].split()[1] for line in row.passages.split("\n\n")} <= cited
    assert (out / "judge-sheet.csv").exists()


def test_the_sheet_shows_a_handoff_message_once_as_the_page_does() -> None:
    """A handoff that also answers carries its message at the end of the answer; the chat page
    then shows the handoff box without repeating it, and so must the sheet a reader judges."""
    from evals.report import guardrails_redactor

    case = _case({"id": "j-5", "kind": "answerable", "question": "Hur klagar jag på min gode man?",
                  "expected_doc_ids": ["arsrakning"], "must_include": ["skriftligt"]})
    message = "Jag lämnar din fråga vidare till en handläggare."
    handoff = HandoffView("complaint", message=message)
    answered = Reply(f"Skriv ett skriftligt klagomål [1].\n\n{message}",
                     [CitationView(1, "arsrakning", "Å", "S")], handoff=handoff)
    (row,) = rows_from_results([CaseResult(case, [answered])], _passages, guardrails_redactor())
    assert row.answer.count(message) == 1, row.answer
    assert row.answer.endswith("[överlämning: complaint]"), row.answer
    # A handoff without an answer still shows its message.
    (handed,) = rows_from_results(_results()[2:], _passages, guardrails_redactor())
    assert handed.answer == "[överlämning: low_confidence] Vi hör av oss.", handed.answer
