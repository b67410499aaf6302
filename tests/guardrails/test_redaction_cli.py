"""`tillit redact` on stdin and on a JSONL file, with offsets into the original text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.cli.errors import UsageFailure

runner = CliRunner()


def test_stdin_to_stdout() -> None:
    result = runner.invoke(app, ["redact"], input="Jag heter Anna Svensson, ring 070-174 06 12.\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Jag heter [NAMN_1], ring [TELEFON_1].\n"


def test_jsonl_lines_with_offsets(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    texts = ["Mitt pnr är 19440813-9089", "Ring oss på 08-465 004 50", "My e-mail is a.b@example.org"]
    source.write_text(
        "\n".join(
            [
                json.dumps({"id": "x1", "text": texts[0]}),
                json.dumps({"text": texts[1]}),
                "",
                json.dumps({"id": "x3", "text": texts[2], "language": "en"}),
            ]
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["redact", "--jsonl", str(source)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["x1", "2", "x3"]
    assert lines[0]["redacted"] == "Mitt pnr är [PERSONNUMMER_1]"
    e = lines[0]["entities"][0]
    assert set(e) == {"start", "end", "type", "score"}
    assert texts[0][e["start"] : e["end"]] == "19440813-9089"
    assert lines[1]["entities"] == [] and lines[1]["redacted"] == texts[1]
    assert "a.b@example.org" not in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "filen finns inte"), ("inte json\n", "inte giltig JSON"), ('{"id": 1}\n', '"text"')],
)
def test_bad_file_is_a_usage_failure(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "in.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["redact", "--jsonl", str(path)])
    assert isinstance(result.exception, UsageFailure)
    assert message in str(result.exception)


def test_bad_file_exits_2_with_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from assistant.cli import main; main()",
            "redact",
            "--jsonl",
            str(tmp_path / "no.jsonl"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "filen finns inte" in done.stderr
