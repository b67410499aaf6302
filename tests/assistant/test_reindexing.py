"""Re-indexing in a child process: the new version is built and served, and the child's errors
reach the caller as the same exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.reindexing import ingest_at_low_priority
from knowledge import IndexConfig, open_index
from tests.knowledge.conftest import write_doc


def test_the_child_builds_a_version_the_parent_then_serves(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "## Vem betalar\n\nArvodet betalas av huvudmannen när inkomsten räcker. Annars betalar kommunen."
    write_doc(corpus, "arvode", body, title="Arvode")
    config = IndexConfig(data_dir=tmp_path / "data")
    report = ingest_at_low_priority(corpus, config)
    assert report.switched and report.passages > 0
    hits = open_index(config).search("vem betalar arvodet", k=3)
    assert hits and hits[0].doc_id == "arvode"


def test_an_error_in_the_child_is_raised_in_the_parent(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="finns inte"):
        ingest_at_low_priority(tmp_path / "saknas", IndexConfig(data_dir=tmp_path / "data"))
