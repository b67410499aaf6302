"""The office vocabulary (what people say -> what the documents call it) and the optional
"questions this page answers" metadata, from the YAML files to the ranking they change."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import IndexConfig, ingest, open_index
from knowledge.vocabulary import DEFAULT_VOCABULARY, Vocabulary, VocabularyError


def test_a_phrase_matches_when_all_its_words_are_in_the_question_in_any_form() -> None:
    vocabulary = Vocabulary.from_mapping(
        {
            "entries": [
                {"says": ["klarar inte räkningarna"], "means": ["ansöka om god man", "anhörigbehörighet"]}
            ]
        }
    )
    assert vocabulary.matches("Min mamma klarar inte sina räkningar längre, vad gör jag?") == [0]
    assert vocabulary.matches("Hur betalar jag räkningar åt huvudmannen?") == []
    matched = vocabulary.matches("mamma klarar inte räkningarna")
    assert [vocabulary.entries[i].text for i in matched] == ["ansöka om god man, anhörigbehörighet"]


def test_common_words_are_not_dropped_from_a_phrase() -> None:
    # "bli" is a stop word for search, but "bli god man" must not match every question about a god man.
    vocabulary = Vocabulary.from_mapping(
        {"entries": [{"says": ["bli god man"], "means": ["intresseanmälan"]}]}
    )
    assert vocabulary.matches("Hur gör jag för att bli god man?") == [0]
    assert vocabulary.matches("Min pappa har god man") == []


def test_the_shipped_vocabulary_reads_and_a_folder_adds_its_own(tmp_path: Path) -> None:
    shipped = Vocabulary.load(DEFAULT_VOCABULARY)
    assert len(shipped) >= 30
    (tmp_path / "vocabulary.yaml").write_text(
        "entries:\n  - says: [parkeringstillstånd]\n    means: [tillstånd för parkering]\n", encoding="utf-8"
    )
    merged = Vocabulary.for_corpus(tmp_path)
    assert len(merged) == len(shipped) + 1
    assert merged.entries[-1].means == ("tillstånd för parkering",)


def test_a_broken_vocabulary_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.yaml"
    path.write_text("entries: [oops", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"vocabulary\.yaml"):
        Vocabulary.load(path)
    path.write_text("entries:\n  - says: bara text\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="says och means"):
        Vocabulary.load(path)


DOCS = {
    "ansokan.md": """---
doc_id: ansokan
title: Ansök om god man
approved: true
language: sv
questions:
  - Min förälder klarar inte längre att betala sina räkningar, vad gör jag?
  - Hur får min pappa hjälp med ekonomin?
---

# Ansök om god man

Du ansöker om god man hos tingsrätten. Bifoga ett läkarintyg och ett personbevis.
""",
    "forteckning.md": """---
doc_id: forteckning
title: Förteckning
approved: true
language: sv
---

# Förteckning

Förteckningen över tillgångar och skulder ska vara inne inom två månader.
""",
    "betala.md": """---
doc_id: betala
title: Betala räkningar som god man
approved: true
language: sv
---

# Betala räkningar som god man

Som god man betalar du huvudmannens räkningar från transaktionskontot varje månad.
""",
}


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "vocabulary.yaml").write_text(
        "entries:\n  - says: [pengarna räcker inte]\n    means: [ansöka om god man]\n"
        "  - says: [luettelo varoista]\n    means: [förteckning, tillgångar och skulder]\n",
        encoding="utf-8",
    )
    data_dir = tmp_path_factory.mktemp("data")
    report = ingest(corpus, IndexConfig(data_dir=data_dir, vocabulary_file=Path("/nonexistent.yaml")))
    assert len(report.indexed) == 3
    return data_dir


def test_page_questions_and_the_folder_vocabulary_are_stored_with_the_version(small_index: Path) -> None:
    index = open_index(IndexConfig(data_dir=small_index))
    meta = {m.doc_id: m for m in index.documents()}
    assert meta["ansokan"].questions[0].startswith("Min förälder klarar inte")
    snapshot = index._snapshot()
    assert len(snapshot.questions) == 2
    says = [e.says for e in snapshot.vocabulary.entries]
    assert says == [("pengarna räcker inte",), ("luettelo varoista",)]
    assert snapshot.vocabulary.vectors is not None and snapshot.vocabulary.vectors.shape[0] == 2


def test_a_situation_finds_the_page_whose_questions_describe_it(small_index: Path) -> None:
    index = open_index(IndexConfig(data_dir=small_index))
    hits = index.search(
        "mamma klarar inte att betala räkningarna längre, vad ska jag göra", k=3, language="sv"
    )
    assert hits[0].doc_id == "ansokan"


def test_whole_sections_for_the_composer(small_index: Path) -> None:
    index = open_index(IndexConfig(data_dir=small_index))
    (hit,) = index.search("förteckning två månader", k=1, language="sv")
    assert [p.id for p in index.section_passages(hit)] == [hit.id]


def test_the_office_words_for_a_question_are_searched_and_handed_on(small_index: Path) -> None:
    # A question in a language no document is in shares no word with them; the vocabulary says what
    # the documents call it, so even the lexical ranking alone finds the page, and every hit names
    # the terms it was searched with.
    index = open_index(IndexConfig(data_dir=small_index))
    hits = index.search("Milloin luettelo varoista pitää lähettää?", k=3, language="sv", mode="lexical")
    assert hits and hits[0].doc_id == "forteckning"
    assert all(hit.terms == ("förteckning, tillgångar och skulder",) for hit in hits)
    # A question in the documents' language is searched by its own words (no document holds these),
    # though its hits still name the office's terms for it (the composer reads them).
    assert index.search("pengarna räcker inte", k=3, language="sv", mode="lexical") == []
    (hit,) = index.search("pengarna räcker inte förteckning", k=1, language="sv", mode="lexical")
    assert hit.terms == ("ansöka om god man",)
    # A question that matches no entry names no terms.
    (hit,) = index.search("förteckning två månader", k=1, language="sv", mode="lexical")
    assert hit.doc_id == "forteckning" and hit.terms == ()
