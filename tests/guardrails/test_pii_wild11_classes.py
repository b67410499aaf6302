"""Classes of personal data the eleventh PII author's set (pii_wild11) showed slipping past, each
tested through the public face (`redact`) on made-up values, with the negatives each rule must leave.

Every value here is invented; none is a message of the set.
"""

from __future__ import annotations

import pytest

from guardrails import redact


def _out(text: str, language: str = "sv") -> str:
    return redact(text, language=language).text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # a giro in its own grouping with a valid check digit, far from the giro cue (an
        # organisationsnummer between), or written as a correction after the first one
        ("Bankgirot till vår städfirma Ren & Fin AB 556677-8899 är 412-3451 om ni behöver det.", "412-3451"),
        ("Fel plusgiro 1234 56-7? Det rätta är 512345-0.", "512345-0"),
    ],
)
def test_giro_in_its_own_grouping_anywhere_in_a_giro_message(text: str, secret: str) -> None:
    assert secret not in _out(text)


def test_giro_grouping_without_a_giro_word_or_check_digit_stays() -> None:
    assert _out("Betala 412-3451 kr senast fredag.") == "Betala 412-3451 kr senast fredag."
    assert "412-3452" in _out("Bankgirot till vår städfirma är 412-3451 och faktura 412-3452.")


def test_spelled_day_and_month_take_the_year_in_digits_before_a_full_stop() -> None:
    out = _out("Hon föddes tredje mars 1948.")
    assert "1948" not in out and out.endswith(".")


@pytest.mark.parametrize(
    ("text", "language"),
    [("رقم القضية 2025-0777 من فضلك", "ar"), ("Dosya numarası 2025/0777 hakkında", "tr")],
)
def test_case_number_after_the_word_for_case_in_another_language(text: str, language: str) -> None:
    assert "0777" not in _out(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "Angående min huvudman K.L. – jag har en fråga.",
        "Registerutdrag för K.L. (19121212-1212) har kommit.",
    ],
)
def test_initials_alone_after_a_person_cue_or_before_a_personnummer(text: str) -> None:
    assert "K.L." not in _out(text)


def test_dotted_abbreviations_are_no_initials() -> None:
    assert "P.S. Vi ses. Och E.U. gäller." in _out("Mvh Anna. P.S. Vi ses. Och E.U. gäller.")


def test_english_i_with_its_verb_is_no_name_and_the_initialled_name_after_it_is() -> None:
    out = _out("Hello, I'm A. Berg, guardian for my aunt.", "en")
    assert out.startswith("Hello, I'm [NAMN_") and "Berg" not in out
    assert _out("Hi, I'm Tom. I'm writing about my uncle.", "en").endswith("I'm writing about my uncle.")


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Hon flyttade till Solbackens äldreboende, Ängsvägen 4, 123 45 Byn.", "Solbackens"),
        ("Han bor på Vårdhemmet Tallbacken, rum 12, 543 21 Byn.", "Tallbacken"),
        ("Han bor på Björkens vård- och omsorgsboende, Ekvägen 3.", "Björkens"),
    ],
)
def test_a_named_care_home_is_part_of_the_address(text: str, secret: str) -> None:
    assert secret not in _out(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Jag är god man för Anna Hallén.", "sv"), ("Meine Tochter Greta Hallén wohnt in Malmö.", "de")],
)
def test_a_surname_ending_like_a_street_word_is_a_surname(text: str, language: str) -> None:
    out = _out(text, language)
    assert "Hallén" not in out
    if language == "de":
        assert out.startswith("Meine Tochter [NAMN_")  # the German noun is no part of the name


def test_a_common_first_name_that_is_a_word_before_a_found_surname() -> None:
    assert "Bo" not in _out("Nytt nummer 070-111 22 33. Bo Frost").split()
    out = _out("Skickat från min iPhone\nLena Vinter här, syster till Karl Vinter.")
    assert "Lena" not in out and "Vinter" not in out


def test_a_lower_case_surname_after_a_signed_given_name() -> None:
    assert "sommar" not in _out("Tack för hjälpen. mvh kent sommar")


def test_cues_typed_without_marks() -> None:
    assert "kerstin" not in _out("jag ar god man for kerstin och undrar")


def test_a_full_name_in_lower_case_after_a_relative_and_is() -> None:
    assert "karin" not in _out("my mum is karin lindqvist and she needs help", "en")
    assert _out("my mum is happy with the help", "en") == "my mum is happy with the help"


def test_an_ordinary_word_after_på_is_a_place_but_a_name_is_a_person() -> None:
    assert _out("Vi ses på Söder i morgon") == "Vi ses på Söder i morgon"
    assert "Anna" not in _out("Jag hälsar på Anna varje vecka")


def test_an_initialled_surname_that_is_a_word_after_a_cue() -> None:
    out = _out("Hello, I'm K. Lax, guardian for my aunt.", "en")
    assert "Lax" not in out and "K." not in out


def test_a_name_ending_in_x_recurs_in_its_genitive_without_s() -> None:
    out = _out("Jag heter Eva Lindqvist och är Max Lindqvists mamma. Max ärende gäller arvode.")
    assert "Max" not in out


@pytest.mark.parametrize("verb", ["Kontakta", "Mejla"])
def test_a_verb_of_contact_opening_a_sentence_is_no_part_of_the_name(verb: str) -> None:
    out = _out(f"{verb} Sven Gren på mejl.")
    assert out.startswith(f"{verb} [NAMN_") and "Gren" not in out


def test_a_whole_mobile_number_typed_digit_by_digit_needs_no_phone_word() -> None:
    assert "5 5 5" not in _out("Det är jag här, 0 7 3 - 5 5 5  1 2  3 4")
    # eleven digits are no mobile number, and ten digits of another kind need a phone word
    assert _out("Siffrorna 0 7 3 1 2 3 4 5 6 7 8 i rad") == "Siffrorna 0 7 3 1 2 3 4 5 6 7 8 i rad"
    assert _out("Koden är 0 1 2 3 4 5 6 7 8 9") == "Koden är 0 1 2 3 4 5 6 7 8 9"


def test_an_account_wrapped_at_a_line_end_is_one_account_when_it_validates() -> None:
    out = _out("Konto: 3300 0006\n20-5124")
    assert "3300" not in out and "5124" not in out
    assert _out("Rader:\n1234 5678\n9012 3456") == "Rader:\n1234 5678\n9012 3456"
