"""Ingest: approval gating, redaction before storage, incremental re-ingest, failed builds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from knowledge import IndexConfig, ingest, open_index, passage_sentences
from knowledge.index_versions import list_versions, read_current
from knowledge.vector_store import chroma_client
from tests.knowledge.conftest import PERSONNUMMER, CountingEmbedder, write_doc

GATED = {"utkast-digital-arsrakning", "prisbasbelopp-2024"}

ARSRAKNING = (
    "## Sista dag\n\nÅrsräkningen ska lämnas in före den 1 mars varje år. Skicka den till "
    "överförmyndaren med alla bilagor.\n\n## Bilagor\n\nBifoga kontoutdrag som visar saldot den "
    "31 december och alla uttag under året."
)
ARVODE = (
    "## Vem betalar\n\nArvodet till den gode mannen betalas av huvudmannen när inkomsten räcker. "
    "Annars betalar kommunen.\n\n## Skatt\n\nArvodet är skattepliktigt och kommunen drar skatt."
)
DODSBO = (
    "## När huvudmannen dör\n\nUppdraget som god man upphör när huvudmannen dör. Lämna en "
    "sluträkning inom en månad och överlämna tillgångarna till dödsbodelägarna."
)


def _corpus(folder: Path, version: str = "1") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_doc(folder, "arsrakning", ARSRAKNING, title="Årsräkning", version=version)
    write_doc(folder, "arvode", ARVODE, title="Arvode", version=version)
    write_doc(folder, "dodsbo", DODSBO, title="När huvudmannen dör", version=version)
    return folder


def _corpus_files_with(corpus: Path, doc_id: str) -> list[Path]:
    pattern = re.compile(rf"doc[-_]id\W+{re.escape(doc_id)}\b")
    return [
        p
        for p in corpus.rglob("*")
        if p.is_file() and pattern.search(p.read_text(encoding="utf-8", errors="ignore"))
    ]


# -- the sample corpus ---------------------------------------------------------------------------


def test_draft_and_expired_documents_are_not_indexed(sample_data_dir: Path, sample_corpus_dir: Path) -> None:
    index = open_index(IndexConfig(data_dir=sample_data_dir))
    indexed = {m.doc_id for m in index.documents()}
    assert "arsrakning" in indexed
    assert not indexed & GATED

    stored = "\n".join(index.all_texts())
    everything = "\n".join(
        p.read_text(encoding="utf-8", errors="ignore") for p in sample_corpus_dir.rglob("*") if p.is_file()
    )
    for doc_id in GATED:
        files = _corpus_files_with(sample_corpus_dir, doc_id)
        assert files, f"the sample corpus should contain the gating fixture {doc_id}"
        own_lines = [
            line.strip()
            for f in files
            for line in f.read_text(encoding="utf-8").splitlines()
            if len(line.strip()) > 50
        ]
        # Lines only the gated document has must be stored nowhere.
        unique = [line for line in own_lines if everything.count(line) == 1]
        assert unique, f"{doc_id} has no text of its own to look for"
        for line in unique:
            assert line not in stored, f"text of {doc_id} is in the index"


@pytest.mark.parametrize(
    "question",
    ["digital årsräkning i e-tjänsten", "prisbasbeloppet för 2024", "hur mycket var prisbasbeloppet 2024"],
)
def test_gated_documents_never_come_back_from_search(sample_data_dir: Path, question: str) -> None:
    index = open_index(IndexConfig(data_dir=sample_data_dir))
    hits = index.search(question, k=10)
    assert hits
    assert not {h.doc_id for h in hits} & GATED


def _corpus_personnummer(corpus: Path) -> set[str]:
    found = set()
    for path in corpus.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
            found |= {re.sub(r"\D", "", m.group()) for m in PERSONNUMMER.finditer(text)}
    return found


def test_no_personnummer_from_the_corpus_is_stored(tmp_path: Path) -> None:
    # The test corpus, not the sample one: the sample corpus uses clearly fictional placeholders
    # ("ÅÅÅÅMMDD-XXXX"), the test corpus has real-looking personnummer in its worked examples.
    corpus = Path(__file__).parent / "files" / "corpus"
    numbers = _corpus_personnummer(corpus)
    assert numbers, "the test corpus has example personnummer in its worked examples"
    sample_data_dir = tmp_path / "data"
    report = ingest(corpus, IndexConfig(data_dir=sample_data_dir), today=dt.date(2026, 1, 15))
    assert report.indexed
    index = open_index(IndexConfig(data_dir=sample_data_dir))

    stored = list(index.all_texts())
    assert stored
    for text in stored:
        assert not PERSONNUMMER.search(text), "a personnummer-shaped number is in the index"

    # Every file the index wrote: Chroma's SQLite and segments, the lexical index, our own files.
    spellings = set()
    for n in numbers:
        short = n[-10:]
        spellings |= {n, short, f"{short[:6]}-{short[6:]}", f"{n[:-4]}-{n[-4:]}"}
    for path in sample_data_dir.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for spelling in spellings:
                assert spelling.encode() not in raw, f"{spelling} found in {path}"


# -- gating and re-checks on small corpora --------------------------------------------------------


def test_ingest_gates_drafts_expired_and_future_documents(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    today = dt.date(2026, 6, 1)
    write_doc(corpus, "utkast", "Ett utkast om digitala blanketter som inte är klart.", approved=False)
    write_doc(corpus, "gammal", "Gamla belopp för prisbasbeloppet.", valid_until="2026-01-01")
    write_doc(corpus, "framtida", "Nya regler för arvode från nästa år.", valid_from="2027-01-01")

    report = ingest(corpus, IndexConfig(data_dir=tmp_path / "data"), today=today)

    assert {m.doc_id for m in report.indexed} == {"arsrakning", "arvode", "dodsbo"}
    skipped = {p.path.stem for p in report.skipped}
    assert {"utkast", "gammal", "framtida"} <= skipped
    assert all(issue.reason for issue in report.skipped)
    index = open_index(IndexConfig(data_dir=tmp_path / "data"))
    for question in ("digitala blanketter utkast", "gamla belopp prisbasbelopp", "nya regler för arvode"):
        assert not {h.doc_id for h in index.search(question, k=10)} & {"utkast", "gammal", "framtida"}
    stored = "\n".join(index.all_texts())
    assert "digitala blanketter" not in stored and "Gamla belopp" not in stored


def test_search_rechecks_validity_for_today(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    write_doc(corpus, "kampanj", "Informationsmöte om arvode för gode män i maj.", valid_until="2026-07-01")
    config = IndexConfig(data_dir=tmp_path / "data")
    ingest(corpus, config, today=dt.date(2026, 6, 1))

    before = open_index(config, today=lambda: dt.date(2026, 6, 15))
    assert "kampanj" in {h.doc_id for h in before.search("informationsmöte om arvode", k=5)}
    after = open_index(config, today=lambda: dt.date(2026, 7, 1))
    hits = after.search("informationsmöte om arvode", k=5)
    assert hits and "kampanj" not in {h.doc_id for h in hits}


# -- incremental re-ingest -------------------------------------------------------------------------


def test_reingest_reuses_vectors_of_unchanged_passages(
    tmp_path: Path, counting_embedder: CountingEmbedder
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    config = IndexConfig(data_dir=tmp_path / "data")

    first = ingest(corpus, config, embedder=counting_embedder)
    assert first.passages > 0 and first.sentences_embedded > first.passages
    assert counting_embedder.document_texts == first.passages + first.sentences_embedded

    counting_embedder.document_texts = 0
    second = ingest(corpus, config, embedder=counting_embedder)
    assert counting_embedder.document_texts == 0
    assert second.reused == second.passages == first.passages
    assert second.sentences_embedded == 0
    assert second.index_version != first.index_version

    write_doc(
        corpus,
        "arvode",
        ARVODE.replace("kommunen drar skatt", "vi drar preliminärskatt"),
        title="Arvode",
        version="2",
    )
    third = ingest(corpus, config, embedder=counting_embedder)
    changed = [
        p for p in open_index(config).search("preliminärskatt på arvodet", k=5) if p.doc_id == "arvode"
    ]
    assert changed and changed[0].version == "2"
    # Only the changed passage and its one changed sentence are embedded again.
    assert third.embedded == 1 and third.sentences_embedded == 1
    assert counting_embedder.document_texts == 2


def test_every_passage_sentence_has_its_vector_from_ingest(
    tmp_path: Path, counting_embedder: CountingEmbedder
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    config = IndexConfig(data_dir=tmp_path / "data")
    ingest(corpus, config, embedder=counting_embedder)
    index = open_index(config, embedder=counting_embedder)

    sentences = [s for p in index.search("årsräkning arvode dödsbo", k=10) for s in passage_sentences(p.text)]
    stored = index.sentence_vectors(sentences)
    assert sentences and all(v is not None for v in stored)
    for sentence, vector in zip(sentences, stored, strict=True):
        fresh = np.asarray(counting_embedder.embed_documents([sentence])[0], dtype=np.float32)
        assert np.allclose(vector, fresh / np.linalg.norm(fresh), atol=1e-5)
    assert index.sentence_vectors(["En mening som inte finns i något dokument."]) == [None]


def test_removed_and_unapproved_documents_disappear(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    config = IndexConfig(data_dir=tmp_path / "data")
    ingest(corpus, config)
    index = open_index(config)
    assert {"arvode", "dodsbo"} <= {h.doc_id for h in index.search("arvode när huvudmannen dör", k=10)}

    (corpus / "dodsbo.md").unlink()
    write_doc(corpus, "arvode", ARVODE, title="Arvode", approved=False)
    ingest(corpus, config)

    assert {m.doc_id for m in index.documents()} == {"arsrakning"}  # the open index follows CURRENT
    for question in ("vem betalar arvodet", "huvudmannen har dött, vad gör jag", "sluträkning dödsbo"):
        assert {h.doc_id for h in index.search(question, k=10)} <= {"arsrakning"}
    stored = "\n".join(index.all_texts())
    assert "skattepliktigt" not in stored and "dödsbodelägarna" not in stored


def test_old_versions_are_garbage_collected_but_the_previous_is_kept(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    config = IndexConfig(data_dir=tmp_path / "data")
    versions = [ingest(corpus, config).index_version for _ in range(3)]

    assert read_current(config) == versions[-1]
    assert list_versions(config) == sorted(versions[-2:])
    collections = {c.name for c in chroma_client(config).list_collections()}
    assert collections == {f"passages_{v}" for v in versions[-2:]}


class _FailingEmbedder(CountingEmbedder):
    def embed_documents_array(self, texts: Sequence[str]) -> np.ndarray:
        raise RuntimeError("embedding model crashed")


def test_a_failed_build_leaves_the_served_version_alone(
    tmp_path: Path, counting_embedder: CountingEmbedder
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    config = IndexConfig(data_dir=tmp_path / "data")
    good = ingest(corpus, config, embedder=counting_embedder)
    write_doc(corpus, "ny", "Ny text om förvaltarskap som måste bäddas in.", title="Ny")

    with pytest.raises(RuntimeError, match="crashed"):
        ingest(corpus, config, embedder=_FailingEmbedder(counting_embedder))

    assert read_current(config) == good.index_version
    assert list_versions(config) == [good.index_version]
    assert {c.name for c in chroma_client(config).list_collections()} == {f"passages_{good.index_version}"}
    assert open_index(config).search("årsräkning sista dag", k=3)


def test_unusable_path_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        ingest(tmp_path / "missing", IndexConfig(data_dir=tmp_path / "data"))


def test_titles_and_ids_go_through_the_redactor(tmp_path: Path) -> None:
    """A document named after a person (file name, doc_id, title, URL) leaves no trace of the name
    or the number in any file the index writes; the id and the title share the run's tags."""
    corpus = _corpus(tmp_path / "corpus")
    write_doc(
        corpus,
        "beslut-Kerstin-Holmqvist-19500101-1237",
        ARVODE,
        title="Beslut om arvode för Kerstin Holmqvist",
    )
    data_dir = tmp_path / "data"
    report = ingest(corpus, IndexConfig(data_dir=data_dir), today=dt.date(2026, 1, 15))
    metas = {m.title: m for m in report.indexed}
    planted = metas["Beslut om arvode för [NAMN_1]"]
    assert planted.doc_id == "beslut-NAMN_1-PERSONNUMMER_1"
    assert planted.source_url == "https://example.test/beslut-NAMN_1-PERSONNUMMER_1"
    assert {"arsrakning", "arvode", "dodsbo"} <= {m.doc_id for m in report.indexed}  # others untouched
    for path in data_dir.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for secret in (b"Holmqvist", b"19500101", b"5001011237", b"500101-1237"):
                assert secret not in raw, f"{secret!r} found in {path}"
