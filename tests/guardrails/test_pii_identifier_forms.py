"""Identifiers in forms the rules once missed (issue #14, sixth round), through the public `redact`.

The cases are made up for these tests (none is taken from a labelled set).
"""

from __future__ import annotations

import pytest

from guardrails import redact


def test_letters_for_digits_after_a_word_ending_in_such_a_letter() -> None:
    # the "l" of "Tel" is the word's; the number after the space is read on its own
    out = redact("Tel 07O174O6I2 efter klockan fem", language="sv").text
    assert "[TELEFON_1]" in out and "174" not in out, out


def test_a_letter_spaced_e_mail_followed_by_a_comma() -> None:
    out = redact("ایمیل: m a r y a m . k @ g m a i l . c o m، ممنون", language="fa").text
    assert "g m a i l" not in out and " m،" not in out, out


def test_a_date_in_brackets_after_a_name_is_its_birth_date() -> None:
    out = redact("Ägare är Karin Öst (3 feb -39) enligt registret.", language="sv").text
    assert "feb" not in out and "-39" not in out, out
    # a recent year is a document's date; a date without a year is no birth date
    for text in ("Rapporten Inlämnad (2025-01-31) ligger här.", "Vi ses hos Anna Lind (12 maj)."):
        assert "(" in redact(text, language="sv").text


def test_markup_tags_around_values_are_separators() -> None:
    out = redact(
        "<PERSON>Maria Lindqvist</PERSON> lives at <LOCATION>Storgatan 4</LOCATION>", language="en"
    ).text
    assert "Lindqvist" not in out and "Storgatan" not in out, out


def test_a_postcode_after_its_town() -> None:
    out = redact("Ny adress: Kungsgatan 3, Sandviken 811 30.", language="sv").text
    assert "811" not in out and "Sandviken" not in out, out


def test_an_organisationsnummer_right_after_a_firms_name_despite_a_reference_word() -> None:
    out = redact("Faktura från Städhjälpen i Väst AB (556103-4249) ska betalas.", language="sv").text
    assert "4249" not in out, out
    assert redact("Faktura 556103-4249 betald", language="sv").text == "Faktura 556103-4249 betald"


def test_a_lawyers_file_number_is_a_case_number() -> None:
    out = redact("Our file no. is 2024-PR-01234. Please reply.", language="en").text
    assert "01234" not in out and "[ARENDENUMMER_1]" in out, out
    text = "I will file the report on 2025-03-01."
    assert redact(text, language="en").text == text


def test_a_date_of_birth_in_geez_numerals() -> None:
    # Ge'ez numerals add up ("፲፱፻፹፭" = 19 x 100 + 85): 3/5/1972 after a Tigrinya birth cue
    out = redact("ወደይ ዝተወልደሉ ፫/፭/፲፱፻፸፪ እዩ", language="ti").text
    assert "፲፱፻፸፪" not in out and "[FODELSEDATUM_1]" in out, out


@pytest.mark.parametrize(
    ("text", "language"),
    [("напишіть на oksana.m(собака)i.ua", "uk"), ("ایمیل پدرم: hamid.n(ات)yahoo.com", "fa")],
)
def test_an_at_said_in_another_script_in_brackets(text: str, language: str) -> None:
    out = redact(text, language=language).text
    assert "[EPOST_1]" in out and ".ua" not in out and ".com" not in out, out
