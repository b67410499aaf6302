"""The harness runs unchanged on another office's documents and dataset (--corpus, --dataset)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.evals.conftest import SECOND_CORPUS, invoke_tillit


def test_another_office_is_evaluated_with_its_own_corpus_and_dataset(tmp_path: Path) -> None:
    out = tmp_path / "report"
    code, output = invoke_tillit(
        ["--data-dir", str(tmp_path / "unused"), "eval", "run", "--suite", "all",
         "--corpus", str(SECOND_CORPUS / "dokument"), "--dataset", str(SECOND_CORPUS / "dataset.jsonl"),
         "--out", str(out), "--no-progress", "--seed", "5"]
    )
    assert code in (0, 1), output  # 2 would mean the harness refused the other office's input
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    ids = {c["id"] for c in report["cases"]}
    lines = (SECOND_CORPUS / "dataset.jsonl").read_text(encoding="utf-8").splitlines()
    assert ids == {json.loads(line)["id"] for line in lines}
    accuracy = [c for c in report["cases"] if c["suite"] == "accuracy"]
    assert len(accuracy) == 8
    # Retrieval ran on a throw-away index of the Exempelby pages, not on the sample corpus.
    retrieved = {doc for c in accuracy for doc in c["retrieved"]}
    assert retrieved and all(doc.startswith("exempelby-") for doc in retrieved), retrieved
    assert report["metrics"]["retrieval.recall@5"] == 1.0
    assert report["info"]["corpus"] == str(SECOND_CORPUS / "dokument")
    # The leak suite planted its canaries in a copy of the Exempelby folder and searched every sink.
    assert report["leak"] is not None and len(report["leak"]["planted"]) == 3
    assert not [s for s, how in report["leak"]["sinks"].items() if how.startswith("ej granskad")]
    assert not (tmp_path / "unused").exists() or not any((tmp_path / "unused").rglob("CURRENT"))
