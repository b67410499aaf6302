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


def test_a_child_that_runs_past_its_time_limit_is_stopped(tmp_path: Path) -> None:
    """The child is killed at the limit (it holds the index writer lock while it runs), and the
    caller gets ReindexFailed; the lock is free again for the next ingest."""
    import time

    from assistant.reindexing import ReindexFailed

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_doc(corpus, "arvode", "## Vem betalar\n\nArvodet betalas av huvudmannen.", title="Arvode")
    config = IndexConfig(data_dir=tmp_path / "data")
    started = time.monotonic()
    # Starting the child and importing the ingest code alone takes longer than this.
    with pytest.raises(ReindexFailed, match="tidsgräns"):
        ingest_at_low_priority(corpus, config, timeout_s=0.2)
    assert time.monotonic() - started < 30
    report = ingest_at_low_priority(corpus, config)  # not blocked by a leftover child
    assert report.switched
