"""The personal-data classes the fifteenth writer's messages named, proved through `redact`.

Every example is made up (values computed from the published check rules), not quoted from a set.
"""

from __future__ import annotations

import pytest

from guardrails import redact


def _left(text: str, value: str, language: str = "sv") -> bool:
    return value in redact(text, language=language).text


@pytest.mark.parametrize(
    ("text", "value", "language"),
    [
        # Norwegian fødselsnummer: date and both mod-11 check digits hold, no cue needed
        ("Min far har nummer 15074810281 i Norge.", "15074810281", "sv"),
        # French NIR written in its groups, its mod-97 key holds
        ("Mon numéro : 1 48 07 69 123 456 43, merci.", "1 48 07 69 123 456 43", "en"),
        # Swiss AHV number: 756 and an EAN-13 check digit
        ("Seine Nummer ist 756.9876.5432.17 laut Brief.", "756.9876.5432.17", "de"),
        # Italian codice fiscale with its check letter
        ("Il mio codice è BNCGPP52H12F205Z grazie.", "BNCGPP52H12F205Z", "en"),
        # numbers without a standalone shape: after their own name
        ("Meine Steuer-ID: 47159263808.", "47159263808", "de"),
        ("Zijn BSN is 867530911.", "867530911", "en"),
        ("CPR-nr 150748-1234 tilhører min mor.", "150748-1234", "sv"),
        # after its name, a number whose check fails is still that person's (its date holds)
        ("fødselsnummer 15074810299 til min tante", "15074810299", "sv"),
    ],
)
def test_european_identity_numbers_are_redacted(text: str, value: str, language: str) -> None:
    assert not _left(text, value, language)


@pytest.mark.parametrize(
    "text",
    [
        "Fakturanummer 47159263808 gäller elräkningen.",  # a check that holds, but no cue: left
        "Ordernummer 867530911 skickades i går.",
    ],
)
def test_uncued_numbers_without_a_standalone_shape_stay(text: str) -> None:
    assert redact(text, language="sv").text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a scanner's swaps inside an identity number: S for 5, B for 8, Z for 2
        ("Skannat: pnr S00101-0008 enligt blanketten", "S00101-0008"),
        ("pnr 19B00101-0008", "19B00101-0008"),
        # a letter between two digits of a property designation
        ("Fastighet: Solna Råsunda 4:1O2 (skannad)", "4:1O2"),
    ],
)
def test_scanner_swaps_inside_numbers_are_read_as_digits(text: str, value: str) -> None:
    assert not _left(text, value)


def test_a_scanned_address_is_read_with_its_swaps() -> None:
    # (a number needs no more look-alike letters than real digits: "l4, 1l3 50")
    out = redact("Adress (skannad): Ekhagsvägen l4, 1l3 50 Stockho1m", language="sv").text
    assert "l4" not in out and "1l3" not in out and "Stockho1m" not in out


def test_a_scanned_name_with_a_zero_for_an_o_is_redacted() -> None:
    out = redact("namn enligt blanketten: KARL J0HANSS0N", language="sv").text
    assert "J0HANSS0N" not in out


def test_letters_of_a_code_glued_to_digits_stay_letters() -> None:
    # the S of the country code is a letter, not a 5
    assert "[IBAN_1]" in redact("Hans IBAN är ES91 2100 0418 4502 0005 1332 i Spanien.", language="sv").text


@pytest.mark.parametrize(
    "text",
    [
        "Jag köpte en BMW Z3 från 1998 och en mp3-spelare.",
        "Rum 12B på plan 3, bussen 4B går 10.15.",
    ],
)
def test_ordinary_codes_stay(text: str) -> None:
    assert redact(text, language="sv").text == text


@pytest.mark.parametrize(
    ("text", "value", "language"),
    [
        # a farm's name with its head noun after it, or before it
        ("Morfar bor på Stora Ekeby gård sedan länge.", "Ekeby gård", "sv"),
        ("Er wohnt auf dem Hof Lindenau in 4711 Lindenau.", "Hof Lindenau", "de"),
        ("Vive en el Cortijo El Pinar, 18001 Granada.", "Cortijo El Pinar", "es"),
        ("Hän asuu Mäkelän tila, 12345 Ylöjärvi.", "Mäkelän tila", "fi"),
        # living "on" a named place, with one more part after a comma
        ("Min moster bor på Solbacken, Håsta och har ingen telefon.", "Solbacken, Håsta", "sv"),
        # the lines of a rural address before its postcode
        ("Skicka till Åsen, Västerby 4, 123 45 Ort tack.", "Åsen, Västerby 4", "sv"),
    ],
)
def test_farm_and_village_addresses_are_redacted(text: str, value: str, language: str) -> None:
    out = redact(text, language=language).text
    assert not any(part in out for part in value.replace(",", " ").split() if part[0].isupper())


@pytest.mark.parametrize(
    "text",
    [
        "Vi bodde på Storgatan i många år.",  # a street without its number is no household
        "Vi åkte till Lund och sedan vidare till Ed.",
    ],
)
def test_places_that_are_no_address_stay(text: str) -> None:
    assert redact(text, language="sv").text == text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Räkningen kom från Strömkraft AB i förra veckan.", "sv"),
        ("Die Rechnung von Hartmann GmbH ist bezahlt.", "de"),
        ("The invoice from Greenwood Ltd is paid.", "en"),
    ],
)
def test_a_firm_before_its_legal_form_is_no_person(text: str, language: str) -> None:
    assert redact(text, language=language).text == text


def test_a_person_beside_a_firm_is_still_redacted() -> None:
    out = redact("Ring Karin Ek på Strömkraft AB om fakturan.", language="sv").text
    assert "Karin" not in out and "Strömkraft AB" in out
