"""Chunking: passages per section, a few sentences with one of overlap, metadata kept, stable ids,
personal data redacted through guardrails, Swedish abbreviations not taken for sentence ends."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from itertools import pairwise
from pathlib import Path

import pytest

from guardrails.text.sentences import split_sentences
from knowledge import Document, DocumentMeta, Passage, Section, chunk_document, load_documents
from knowledge.chunking import MAX_WORDS

FILES = Path(__file__).parent / "files"
TODAY = dt.date(2026, 1, 15)
# Date-shaped (month 01–12), so the office's public organisationsnummer (212000-…) is not counted.
PERSONNUMMER = re.compile(r"(?<!\d)(?:19|20)?\d\d(?:0[1-9]|1[0-2])\d\d[-+ ]?\d{4}(?!\d)")


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return load_documents(FILES / "corpus", today=TODAY).documents


@pytest.fixture(scope="module")
def passages(documents: list[Document]) -> dict[str, list[Passage]]:
    return {doc.meta.doc_id: chunk_document(doc) for doc in documents}


def sentence_soup(topic: str, count: int) -> str:
    """`count` distinct sentences of 8–12 words about `topic`."""
    return " ".join(
        f"Mening {n} om {topic} har {'några ' * (n % 4)}ord och slutar här med en punkt."
        for n in range(1, count + 1)
    )


def long_document(version: str = "1") -> Document:
    meta = DocumentMeta(
        doc_id="lang",
        title="Ett långt dokument",
        approved=True,
        version=version,
        language="sv",
        source_url="https://example.se/lang",
    )
    return Document(
        meta=meta,
        sections=[
            Section(("Huvud",), sentence_soup("huvudet", 40)),
            Section(("Huvud", "Del A"), sentence_soup("delen", 25) + "\n\n- punkt ett\n- punkt två"),
            Section(("Huvud", "Del B"), "En enda kort mening."),
        ],
    )


def test_every_passage_keeps_its_document_metadata(
    documents: list[Document], passages: dict[str, list[Passage]]
) -> None:
    for doc in documents:
        chunks = passages[doc.meta.doc_id]
        assert chunks, doc.meta.doc_id
        sections = {" › ".join(section.heading_path) for section in doc.sections}
        for passage in chunks:
            assert passage.doc_id == doc.meta.doc_id
            assert passage.version == doc.meta.version
            assert passage.title == doc.meta.title
            assert passage.source_url == doc.meta.source_url
            assert passage.language == doc.meta.language
            assert passage.section in sections
            assert passage.score == 0.0


def test_sections_are_heading_paths(passages: dict[str, list[Passage]]) -> None:
    assert [p.section for p in passages["test-arsrakning"]] == [
        "Årsräkning",
        "Årsräkning › Bilagor",
        "Årsräkning › Exempel",
    ]
    # The section's own heading opens the text as a "# " line, then its first sentence.
    assert passages["test-arsrakning"][1].text.startswith("# Bilagor\nDu ska bifoga underlag")


def test_ids_are_stable_unique_and_follow_the_version(documents: list[Document]) -> None:
    first = [p.id for doc in documents for p in chunk_document(doc)]
    reloaded = load_documents(FILES / "corpus", today=TODAY).documents
    second = [p.id for doc in reloaded for p in chunk_document(doc)]
    assert first == second
    assert len(set(first)) == len(first)
    doc = long_document()
    bumped = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, version="2"))
    assert not {p.id for p in chunk_document(doc)} & {p.id for p in chunk_document(bumped)}


def test_repeated_heading_paths_still_get_unique_ids() -> None:
    doc = long_document()
    doc.sections.append(Section(("Huvud", "Del B"), "En annan kort mening under samma rubrik."))
    ids = [p.id for p in chunk_document(doc)]
    assert len(ids) == len(set(ids))


def test_personal_data_in_documents_is_redacted(passages: dict[str, list[Passage]]) -> None:
    text = "\n".join(p.text for chunks in passages.values() for p in chunks)
    assert "19121212-1212" not in text
    assert not PERSONNUMMER.search(text)
    assert "070-123 45 67" not in text
    example = next(p for p in passages["test-arsrakning"] if p.section.endswith("Exempel"))
    assert "[PERSONNUMMER_1]" in example.text
    assert "[TELEFON_1]" in example.text
    assert "58 800 kr." in example.text  # amounts are not personal data


def _body(text: str) -> str:
    """A passage's text without the "# heading" line it opens with."""
    return text.split("\n", 1)[1] if text.startswith("# ") else text


def test_passages_never_cross_sections_and_respect_the_size() -> None:
    doc = long_document()
    chunks = chunk_document(doc)
    by_section: dict[str, list[Passage]] = {}
    for passage in chunks:
        by_section.setdefault(passage.section, []).append(passage)
    assert list(by_section) == ["Huvud", "Huvud › Del A", "Huvud › Del B"]
    for passage in by_section["Huvud"]:
        assert "delen" not in passage.text
    for passage in by_section["Huvud › Del A"]:
        assert "huvudet" not in passage.text
    assert [_body(p.text) for p in by_section["Huvud › Del B"]] == ["En enda kort mening."]
    for section in ("Huvud", "Huvud › Del A"):
        group = by_section[section]
        assert len(group) >= 2
        for passage in group:
            assert passage.text.startswith(f"# {section.split(' › ')[-1]}\n")
            assert len(_body(passage.text).split()) <= MAX_WORDS
        for passage in group[:-1]:
            assert len(_body(passage.text).split()) >= 60
    assert by_section["Huvud › Del A"][-1].text.endswith("- punkt ett\n- punkt två")


def test_consecutive_passages_overlap_by_one_sentence() -> None:
    group = [p for p in chunk_document(long_document()) if p.section == "Huvud"]
    for before, after in pairwise(group):
        assert split_sentences(_body(before.text))[-1] == split_sentences(_body(after.text))[0]
        assert split_sentences(_body(before.text))[-2] not in after.text
    # Every sentence of the section is in some passage, in order.
    sentences = split_sentences(long_document().sections[0].text)
    covered = [s for p in group for s in split_sentences(_body(p.text))]
    assert list(dict.fromkeys(covered)) == sentences


def test_a_sentence_longer_than_a_passage_is_cut() -> None:
    doc = long_document()
    doc.sections[2] = Section(("Huvud", "Del B"), " ".join(["ord"] * (MAX_WORDS * 2 + 10)))
    cut = [p for p in chunk_document(doc) if p.section == "Huvud › Del B"]
    assert [len(_body(p.text).split()) for p in cut] == [MAX_WORDS, MAX_WORDS, 10]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Du kan t.ex. lämna den digitalt. Det går bra.",
            ["Du kan t.ex. lämna den digitalt.", "Det går bra."],
        ),
        ("Det gäller bl.a. konton. Och s.k. fonder.", ["Det gäller bl.a. konton.", "Och s.k. fonder."]),
        ("Vi svarar kl. 9.00–11.30. Ring oss.", ["Vi svarar kl. 9.00–11.30.", "Ring oss."]),
        ("Det står i 14 kap. 15 § FB. Läs mer.", ["Det står i 14 kap. 15 § FB.", "Läs mer."]),
        ("Arvodet är ca 58 800 kr. per år. Det ändras.", ["Arvodet är ca 58 800 kr. per år.", "Det ändras."]),
        ("Arvodet är 58 800 kr. Beloppet ändras.", ["Arvodet är 58 800 kr.", "Beloppet ändras."]),
        ("Fråga A. Andersson. Hon vet.", ["Fråga A. Andersson.", "Hon vet."]),
        ("Barnet fyller 18. Då upphör det.", ["Barnet fyller 18.", "Då upphör det."]),
        ("Vad gäller? Läs mer! Klart.", ["Vad gäller?", "Läs mer!", "Klart."]),
        ("Se prop. 2023/24:1 s. 12. Sedan dvs. senare.", ["Se prop. 2023/24:1 s. 12.", "Sedan dvs. senare."]),
        ("Ring [TELEFON_1]. [NAMN_1] svarar.", ["Ring [TELEFON_1].", "[NAMN_1] svarar."]),
        ('Han sa "Nej." Sedan gick han.', ['Han sa "Nej."', "Sedan gick han."]),
        ("Apply e.g. online. Then wait.", ["Apply e.g. online.", "Then wait."]),
    ],
)
def test_swedish_sentence_splitting(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def test_sample_corpus_chunks_within_bounds(sample_corpus_dir: Path) -> None:
    report = load_documents(sample_corpus_dir, today=TODAY)
    chunks = [p for doc in report.documents for p in chunk_document(doc)]
    assert len(chunks) > len(report.documents)
    assert all(0 < len(p.text.split()) <= MAX_WORDS for p in chunks)
    assert not any(PERSONNUMMER.search(p.text) for p in chunks)
