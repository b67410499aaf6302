"""Dates of birth read out in words in the orders people say them (recognizers/spelled_dates.py):
the year before the day with no comma, a two-digit year after the month, a year alone in several
words after a birth cue. Through the public face (`redact`); the examples are made up."""

from __future__ import annotations

from guardrails import redact


def _left(text: str, language: str = "sv") -> str:
    return redact(text, language=language).text


def test_the_year_said_before_the_day_and_month_without_a_comma() -> None:
    out = _left("pappa är född nitton trettiosju den fjärde juni och bor kvar")
    assert "trettiosju" not in out and "fjärde" not in out and "nitton" not in out


def test_a_two_digit_year_word_after_a_spoken_day_and_month() -> None:
    out = _left("hon föddes sjuttonde oktober fyrtioåtta tror jag")
    assert "fyrtioåtta" not in out and "sjuttonde" not in out


def test_a_two_digit_word_after_a_date_without_a_birth_cue_stays() -> None:
    text = "Festen är den femte maj sextio gäster kommer."
    assert _left(text) == text


def test_a_year_alone_in_several_words_after_a_birth_cue() -> None:
    out = _left("my uncle, born nineteen fifty two, lives alone", "en")
    assert "fifty" not in out and "nineteen" not in out
    out = _left("setäni on syntynyt yhdeksäntoista viisikymmentäkaksi", "fi")
    assert "viisikymmentäkaksi" not in out


def test_number_words_after_a_birth_cue_that_are_no_year_stay() -> None:
    text = "born twenty three years ago in Lund"
    assert "twenty three" in _left(text, "en")


def test_number_words_typed_without_spaces_read_as_their_digits() -> None:
    # a personnummer dictated with some of its number words glued together ("tvåtvåtvåfem")
    out = _left("hans personnummer är fem noll noll ett noll ett tvåtvåtrefem")
    assert "tvåtvåtrefem" not in out and "[PERSONNUMMER_1]" in out


def test_an_ordinary_word_beginning_like_a_number_word_is_no_number() -> None:
    text = "Treenigheten och sexhörningen är ord, inte nummer: ring tre gånger."
    assert _left(text) == text


def test_a_list_of_birth_dates_after_one_cue() -> None:
    out = _left("Barnen är födda 2011-05-06 och 2013-09-10.")
    assert "2011-05-06" not in out and "2013-09-10" not in out


def test_a_date_that_opens_a_new_clause_after_a_birth_date_stays() -> None:
    out = _left("Hon är född 1951-02-03 och 2025-03-01 kom beslutet.")
    assert "2025-03-01" in out
