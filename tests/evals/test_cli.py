"""`tillit eval run` on bad input: one line on stderr and exit code 2, before any model loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.evals.conftest import SECOND_CORPUS

TILLIT = Path(sys.executable).with_name("tillit")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [TILLIT, "--data-dir", str(cwd / "data"), "eval", "run", "--no-progress"]
    command += ["--out", str(cwd / "out")]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_a_bad_dataset_lists_each_problem_and_exits_2(tmp_path: Path) -> None:
    dataset = tmp_path / "bad.jsonl"
    dataset.write_text(
        json.dumps({"id": "x-1", "kind": "answerable", "question": "?", "language": "sv"}) + "\n{oops\n",
        encoding="utf-8",
    )
    result = run("--suite", "accuracy", "--dataset", str(dataset), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith(f"{dataset}:1: ") and "expected_doc_ids" in line for line in lines)
    assert any(line.startswith(f"{dataset}:2: ogiltig JSON") for line in lines)
    assert lines[-1].startswith("tillit: ogiltig datamängd: ")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_other_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    thresholds = tmp_path / "t.yaml"
    thresholds.write_text("gates: nej", encoding="utf-8")
    cases = {
        "ingen mapp": ("--corpus", str(tmp_path / "saknas")),
        "kan inte kombineras": ("--corpus", str(SECOND_CORPUS / "dokument"), "--url", "http://127.0.0.1:9"),
        "lista under 'gates'": ("--thresholds", str(thresholds)),
        "filen finns inte": ("--dataset", str(tmp_path / "saknas.jsonl")),
        "Invalid value": ("--suite", "allt"),
        "svarar inte": ("--suite", "handoff", "--url", "http://127.0.0.1:9"),
    }
    for fragment, args in cases.items():
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2, (fragment, result.stderr)
        assert fragment in result.stderr, (fragment, result.stderr)
        assert "Traceback" not in result.stderr


def test_an_empty_data_dir_asks_for_an_index(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    result = run("--suite", "handoff", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "inget index" in result.stderr and "tillit ingest" in result.stderr
