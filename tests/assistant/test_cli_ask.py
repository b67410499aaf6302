"""`tillit ask` in process: one question as text or JSON, and a JSONL batch with the model loaded once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app


@pytest.fixture(scope="module")
def ask_dir(sample_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("ask") / "data"
    shutil.copytree(sample_data_dir, target)
    return target


@pytest.mark.usefixtures("cli_env")
def test_ask_json(ask_dir: Path) -> None:
    result = CliRunner().invoke(
        app, ["--data-dir", str(ask_dir), "ask", "Vad är en framtidsfullmakt?", "--json"]
    )
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["handoff"] is None and line["language"] == "sv"
    assert line["citations"][0]["doc_id"] == "framtidsfullmakt-och-anhorigbehorighet"
    assert set(line["citations"][0]) == {"doc_id", "version", "title", "section", "source_url"}


@pytest.mark.usefixtures("cli_env")
def test_ask_jsonl(ask_dir: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        "\n".join(
            json.dumps(q, ensure_ascii=False)
            for q in (
                {"id": "a", "question": "Hur mycket arvode får en god man?"},
                {"id": "b", "question": "Jag vill prata med en handläggare"},
                {"id": "c", "question": "What is a god man?"},
            )
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["--data-dir", str(ask_dir), "ask", "--jsonl", str(questions)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.strip().splitlines()]
    assert [x["id"] for x in lines] == ["a", "b", "c"]
    assert set(lines[0]) == {"id", "answer", "citations", "handoff", "language", "confidence"}
    assert lines[0]["citations"] and lines[0]["handoff"] is None
    assert lines[1]["handoff"]["reason"] == "human_request" and set(lines[1]["handoff"]) == {
        "reason",
        "queue",
        "urgency",
    }
    assert lines[2]["language"] == "en"


@pytest.mark.usefixtures("cli_env")
def test_ask_bad_input(ask_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["--data-dir", str(ask_dir), "ask"]).exit_code != 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    assert runner.invoke(app, ["--data-dir", str(ask_dir), "ask", "--jsonl", str(bad)]).exit_code != 0
