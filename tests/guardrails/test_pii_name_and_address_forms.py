"""Names and postal lines in forms read since the ninth session: initials typed in lower case before a
found surname, a surname that is an ordinary word after a strong cue and a known first name, a
street or town word that does not run across a sentence end (so it cannot swallow the name or the
words after it), and the Irish Eircode."""

from __future__ import annotations

import pytest

from guardrails import redact


def test_lower_case_initial_before_a_found_surname() -> None:
    out = redact("förvaltare k. johansson har inte betalat hyran", language="sv").text
    assert "johansson" not in out and " k." not in out


def test_lower_case_abbreviation_before_a_lower_case_name_is_no_initial() -> None:
    assert redact("vi pratade bl.a. om hyran", language="sv").text == "vi pratade bl.a. om hyran"


def test_a_surname_that_is_a_word_after_c_o_and_a_known_first_name() -> None:
    out = redact("Postadress: c/o Tina Hed, Ringvägen 110, 118 60 Stockholm", language="sv").text
    assert "Hed" not in out and "Tina" not in out


def test_a_name_before_a_sentence_end_is_no_street_with_the_next_sentence() -> None:
    text = "Jag ska bli förvaltare för Dragan. Ring 0701-74 06 43."
    out = redact(text, language="sv").text
    assert "Dragan" not in out
    assert ". Ring [TELEFON_" in out  # the next sentence's verb stays


def test_a_postcode_town_stops_at_the_sentence_end() -> None:
    text = (
        "Bitte schicken Sie die Unterlagen an Hauptstraße 7, 10115 Berlin. "
        "Mit freundlichen Grüßen, Ute Wagner"
    )
    out = redact(text, language="de").text
    assert "10115" not in out
    assert "Mit freundlichen" in out
    assert "Wagner" not in out


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Send it to 5 Grafton Street, Dublin 2, D02 X285 please", "X285"),
        ("I live in Ireland: 22 Main Street, Ennis, Co. Clare V95 X2Y3.", "X2Y3"),
    ],
)
def test_an_irish_eircode(text: str, code: str) -> None:
    assert code not in redact(text, language="en").text


@pytest.mark.parametrize("text", ["Flight D02 1234 leaves at 10", "Model A12 is sold out"])
def test_eircode_shapes_without_letters_in_the_unique_part_are_kept(text: str) -> None:
    assert redact(text, language="en").text == text


@pytest.mark.parametrize(
    ("text", "language", "given"),
    [
        ("Danke für Ihre Hilfe. Mit freundlichen Grüßen, Ute Wagner", "de", "Ute"),
        ("Tack för hjälpen. Med vänlig hälsning,\nKalle Svensson", "sv", "Kalle"),
    ],
)
def test_a_signers_given_name_before_a_found_surname(text: str, language: str, given: str) -> None:
    out = redact(text, language=language).text
    assert given not in out


def test_a_function_word_after_a_sign_off_is_no_given_name() -> None:
    out = redact("Mvh, Vi Berg på kontoret", language="sv").text
    assert "Vi" in out


def test_lower_case_initial_before_a_surname_that_is_also_a_word() -> None:
    out = redact("min handläggare a. berg svarar inte", language="sv").text
    assert "berg" not in out and "svarar inte" in out


@pytest.mark.parametrize("text", ["se bilaga b. lista över tillgångar", "punkt a. och punkt b. gäller"])
def test_a_lower_case_letter_and_dot_before_an_ordinary_word_is_kept(text: str) -> None:
    assert redact(text, language="sv").text == text


@pytest.mark.parametrize("text", ["Bitte rufen Sie mich an.", "Bitte schicken Sie mir das Formular."])
def test_a_german_word_before_a_verb_and_its_pronoun_is_no_name(text: str) -> None:
    # "Bitte" is a Swedish given name; here it opens a verb-second sentence whose subject is "Sie"
    assert redact(text, language="de").text == text


def test_a_german_name_as_the_subject_opening_a_sentence_is_still_found() -> None:
    assert "Anna" not in redact("Hallo. Anna braucht Hilfe mit der Bank.", language="de").text
