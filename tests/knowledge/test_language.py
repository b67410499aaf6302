"""Language detection of short and glossed questions."""

from __future__ import annotations

from knowledge import detect_language


def test_the_office_terms_typed_without_diacritics_count_as_swedish() -> None:
    assert detect_language("forteckning deadline??") == "sv"
    assert detect_language("förteckning deadline??") == "sv"


def test_a_swedish_term_in_parentheses_does_not_make_an_english_question_swedish() -> None:
    assert detect_language("When is the annual report (årsräkning) due?") == "en"
    assert detect_language("Hur lämnar jag in årsräkningen (blanketten)?") == "sv"
