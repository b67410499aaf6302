"""Questions typed without å, ä and ö are searched as the corpus spells them."""

from __future__ import annotations

from knowledge.diacritics import Diacritics

CORPUS = [
    "När ska årsräkningen vara inne? Årsräkningen ska ha kommit in före den 1 mars.",
    "Du får ta ut arvodet när beslutet har kommit. Du får inte ta ut det i förskott.",
    "Hans far är huvudman. Du får fråga oss för mer information.",
    "Du får skicka den till oss. Du får ringa oss. Du får mejla oss. Du får komma hit.",
    "Du får boka tid. Du får vänta. Du får svar. Du får hjälp. Du får ett beslut.",
]


def test_words_typed_without_diacritics_are_spelled_as_the_corpus_spells_them() -> None:
    spellings = Diacritics(CORPUS)
    assert spellings.restore("nar ska arsrakningen in??") == "när ska årsräkningen in??"
    assert spellings.restore("Nar far jag arvodet") == "När får jag arvodet"  # "får" 11 times, "far" once


def test_words_the_corpus_uses_as_typed_are_left_alone() -> None:
    spellings = Diacritics([*CORPUS, "Hans far och hans far och hans far."])
    assert spellings.restore("far jag ta ut arvodet") == "far jag ta ut arvodet"
    # The index keeps one vocabulary per language: English "for" is an English word there.
    english = Diacritics(["This form is for the annual report (årsräkning)."])
    assert english.restore("form for the arsrakning") == "form for the årsräkning"
