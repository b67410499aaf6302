"""Identifiers in forms the recognisers read since the ninth session: the English "b." (born) before
a date with its year, an account number written in dotted groups after its clearing number, and a
number abroad written without its country code right after a word for calling."""

from __future__ import annotations

import pytest

from guardrails import redact


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("My mother Ann Holm, b. 3/4/51, has dementia.", "3/4/51"),
        ("the new guardian for Lucas (b. 5/4/12). Phone me.", "5/4/12"),
        ("Karin Ek b. 12 May 1948 lives in Solna.", "12 May 1948"),
        ("DOB 3.4.51 according to the form", "3.4.51"),
    ],
)
def test_born_abbreviated_before_a_dated_year(text: str, secret: str) -> None:
    assert secret not in redact(text, language="en").text


@pytest.mark.parametrize("text", ["plan b. Mötet 3/4 kl 10", "Option b. 3 items left"])
def test_a_letter_b_before_a_number_without_a_year_is_kept(text: str) -> None:
    assert redact(text, language="en").text == text


def test_an_account_in_dotted_groups_after_its_clearing_number() -> None:
    out = redact("kontonr 6789.123.456.789 handelsbanken", language="sv").text
    assert "456" not in out and "[BANKKONTO_" in out


@pytest.mark.parametrize("text", ["Summan blev 1250.500.000 kr", "version 2024.01.15.3"])
def test_dotted_amounts_and_versions_are_no_accounts(text: str) -> None:
    assert redact(text, language="sv").text == text


@pytest.mark.parametrize(
    ("text", "language", "secret"),
    [
        ("pls call back asap, (202) 555-0143, I'm in the US", "en", "555-0143"),
        ("Ring min dotter i Oslo på 412 34 567", "sv", "412 34 567"),
        ("Bitte rufen Sie an, Telefon 030 12345678", "de", "12345678"),
    ],
)
def test_a_number_abroad_without_its_country_code_after_a_call_word(
    text: str, language: str, secret: str
) -> None:
    assert secret not in redact(text, language=language).text


@pytest.mark.parametrize(
    "text",
    [
        "Call us about the 2 500 000 kr",
        "Ring angående faktura 612 345 678",
        "Ring 112 eller 1177",
        # Phone hours are times, not a number abroad (a table row as the loader writes it).
        "Fredag – Telefontid: 09.00–10.30",
        "Ring oss måndag 09.00–11.00 eller torsdag 13.00-14.00.",
    ],
)
def test_amounts_invoices_and_short_numbers_after_a_call_word_are_kept(text: str) -> None:
    assert redact(text, language="sv").text == text
