"""The serving index: hybrid search results, language preference, version switching under load,
Chroma server mode, and offline operation."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from knowledge import IndexConfig, IndexNotFound, KnowledgeIndex, Passage, ingest, open_index
from knowledge.vector_store import chroma_client
from tests.knowledge.conftest import write_doc

BODIES = {
    "arsrakning": "Årsräkningen ska lämnas in före den 1 mars varje år. Bifoga kontoutdrag för hela året.",
    "arvode": "Arvodet till den gode mannen betalas av huvudmannen när inkomsten räcker, annars av kommunen.",
    "dodsbo": "Uppdraget upphör när huvudmannen dör. Lämna en sluträkning inom en månad.",
    "forteckning": "En förteckning över tillgångar och skulder lämnas inom två månader från beslutet.",
}


def _corpus(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, body in BODIES.items():
        # The version string is in the text too, so each version embeds differently.
        write_doc(folder, doc_id, f"## Om {doc_id}\n\n{body} Gäller från version {version}.", version=version)
    return folder


def test_search_returns_cited_passages_best_first(sample_data_dir: Path) -> None:
    index = open_index(IndexConfig(data_dir=sample_data_dir))
    hits = index.search("När ska årsräkningen vara inne?", k=5)
    assert 0 < len(hits) <= 5
    assert all(isinstance(h, Passage) for h in hits)
    assert hits[0].doc_id in {"arsrakning", "lattlast-arsrakning", "anstand-och-vite"}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for h in hits:
        assert h.text and h.title and h.version and h.language and h.source_url.startswith(("https://", "/"))
    assert len({h.id for h in hits}) == len(hits)


def test_english_questions_prefer_english_passages(sample_data_dir: Path) -> None:
    index = open_index(IndexConfig(data_dir=sample_data_dir))
    hits = index.search("How do I submit the annual report?", k=5)
    assert hits[0].language == "en"
    swedish = index.search("Hur lämnar jag in årsräkningen?", k=5)
    assert swedish[0].language == "sv"


def test_questions_typed_without_diacritics_find_what_the_spelled_ones_find(sample_data_dir: Path) -> None:
    index = open_index(IndexConfig(data_dir=sample_data_dir))
    assert index.normalise_query("nar ska arsrakningen in??", "sv") == "när ska årsräkningen in??"
    typed = index.search("nar ska arsrakningen in??", k=3, language="sv")
    spelled = index.search("när ska årsräkningen in??", k=3, language="sv")
    assert [h.id for h in typed] == [h.id for h in spelled]


def test_no_two_results_carry_near_identical_text(sample_data_dir: Path) -> None:
    from knowledge.lexical import words

    index = open_index(IndexConfig(data_dir=sample_data_dir))
    for question in ("arvode", "god man", "årsräkning", "kontakt telefon"):
        sets = [set(words(h.text)) for h in index.search(question, k=8)]
        for i, a in enumerate(sets):
            for b in sets[i + 1 :]:
                assert len(a & b) / len(a | b) < index.config.duplicate_threshold


def test_open_index_without_an_index_says_so(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound):
        open_index(IndexConfig(data_dir=tmp_path))


def test_search_during_reingest_is_never_empty_or_mixed(tmp_path: Path) -> None:
    config = IndexConfig(data_dir=tmp_path / "data")
    ingest(_corpus(tmp_path / "v1", "1"), config)
    index = open_index(config)
    seen: list[frozenset[str]] = []
    problems: list[str] = []
    stop = threading.Event()

    def searcher() -> None:
        while not stop.is_set():
            try:
                hits = index.search("årsräkning och arvode för god man", k=4)
            except Exception as exc:  # any failure during the switch is a finding
                problems.append(repr(exc))
                continue
            if not hits:
                problems.append("empty result")
            seen.append(frozenset(h.version for h in hits))

    thread = threading.Thread(target=searcher)
    thread.start()
    try:
        for n in range(2, 5):  # three switches; each also garbage-collects an older version
            ingest(_corpus(tmp_path / f"v{n}", str(n)), config)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not problems
    assert seen and all(len(versions) == 1 for versions in seen), "a result mixed index versions"
    assert frozenset({"1"}) in seen and len(set(seen)) >= 2, "the searches did not span a switch"
    assert index.search("arvode")[0].version == "4"


def test_a_second_process_sees_the_new_version(tmp_path: Path) -> None:
    config = IndexConfig(data_dir=tmp_path / "data")
    ingest(_corpus(tmp_path / "v1", "1"), config)
    server_side = KnowledgeIndex(config)  # like a running API process
    first = server_side.version
    code = (
        "from pathlib import Path; from knowledge import IndexConfig, ingest; "
        f"ingest(Path({str(tmp_path / 'v2')!r}), IndexConfig(data_dir=Path({str(config.data_dir)!r})))"
    )
    _corpus(tmp_path / "v2", "2")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
    assert server_side.version != first
    assert {h.version for h in server_side.search("sluträkning när huvudmannen dör")} == {"2"}


@pytest.mark.server
def test_chroma_server_mode(tmp_path: Path, chroma_server: str) -> None:
    config = IndexConfig(data_dir=tmp_path / "data", chroma_url=chroma_server)
    first = ingest(_corpus(tmp_path / "v1", "1"), config)
    index = open_index(config)
    hits = index.search("förteckning över tillgångar", k=3)
    assert hits and hits[0].doc_id == "forteckning"
    assert not (config.data_dir / "chroma").exists(), "server mode must not write an embedded store"

    second = ingest(_corpus(tmp_path / "v2", "2"), config)
    third = ingest(_corpus(tmp_path / "v3", "3"), config)
    names = {c.name for c in chroma_client(config).list_collections()}
    assert f"passages_{third.index_version}" in names and f"passages_{second.index_version}" in names
    assert f"passages_{first.index_version}" not in names
    assert {h.version for h in index.search("förteckning över tillgångar")} == {"3"}
    stored = list(index.all_texts())
    assert any("förteckning över tillgångar" in t for t in stored)


def test_chroma_telemetry_is_off(tmp_path: Path) -> None:
    client = chroma_client(IndexConfig(data_dir=tmp_path))
    assert client.get_settings().anonymized_telemetry is False


def test_importing_the_embedders_sets_hub_offline() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"}}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, knowledge.embedding; "
            "print(os.environ['HF_HUB_OFFLINE'], os.environ['TRANSFORMERS_OFFLINE'])",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["1", "1"]


def test_minilm_loads_from_the_installed_package() -> None:
    from knowledge import get_embedder

    embedder = get_embedder("minilm")
    vector = embedder.embed_query("annual report deadline")
    assert embedder.dim == len(vector) == 384
    assert abs(sum(v * v for v in vector) - 1.0) < 1e-3
