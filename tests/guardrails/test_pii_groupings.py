"""Identifiers and addresses in the forms a third dev set showed (issue #14, third round), and the
public values next to them that must stay. Every case is made up here and goes through `redact`.
"""

from __future__ import annotations

import re

import pytest

from guardrails import redact

PNR = "195001011237"  # date and check digit valid (Skatteverket's example shape)

GONE = [
    # (language, text, the digits or words that must be gone)
    ("sv", "Pnr: 1 9 5 0 0 1 0 1 - 1 2 3 7, tack.", None),
    ("pl", "Mój numer to 5,0,0,1,0,1-1,2,3,7.", None),
    ("sv", "Ring 0 7 0 / 1 7 4 / 0 6 / 1 2 efter fem.", None),
    ("de", "Telefon: 031/390 06 - 22, danke.", None),
    ("tr", "telefonum 070-174-06-\n12, teşekkürler", None),
    ("sv", "personnummer nitton femtio noll ett noll ett tolv trettiosju, mvh", None),
    ("en", "his number is nineteen fifty, oh one, oh one, twelve thirty-seven", None),
    ("sv", "ring noll sju noll, ett sju fyra, noll sex, tolv", None),
    ("sv", "ny adress: drottningg. 5 b 11151 stockholm", "drottningg"),
    ("sv", "Hon har flyttat från Kungsv. 14 till ett boende.", "Kungsv"),
    ("en", "New address: Flat 3C, 12 Queensway, Leeds LS1 4AB.", "Queensway"),
    ("sv", "skicka till mig: lisa berg, ekvägen 7, 91532 robertsfors", "ekvägen"),
    ("sv", "Hon bor i Sarajevo på Titova od Bosne 12, 71000 Sarajevo.", "Titova"),
    ("sv", "Mamma bor på Bergsgatan14B sedan i våras.", "Bergsgatan"),
    ("sv", "Han bor på Hagvägen nummer 7 i Solna.", "Hagvägen"),
    ("sv", "Skicka till SE45 500 000 000 583 982 574 66, tack.", "583"),
    ("sv", "Kontot: 8327-9.9149128755, Swedbank", "9149128755"),
    ("sv", "Mormor är född tolfte mars nittonhundratjugoåtta och bor kvar.", "tolfte"),
]

KEPT = [
    ("sv", "Jag fick ett sms från 0771-73 73 00, är det Kronofogden?"),
    ("sv", "Jag skickade blanketten till Skatteverket, 771 83 Ludvika."),
    ("sv", "Kopian gick till Försäkringskassan, Skanningscentralen, 839 88 Östersund."),
    ("vi", "Tôi đã gọi số 08-508 000 00 nhưng không ai trả lời."),
    ("en", 'Is "Dancing Queen" too loud for the party at the care home?'),
    ("sv", "Det kostar tjugo kronor och fyrtiofem öre, sen tre till."),
    ("sv", "Öppet 08.00-16.30, och koden är 0 1 2 3 4 5 6 7 8 9."),
]


@pytest.mark.parametrize(("language", "text", "word"), GONE, ids=[t[:32] for _, t, _ in GONE])
def test_a_value_in_an_odd_form_is_gone(language: str, text: str, word: str | None) -> None:
    out = redact(text, language=language).text
    assert "[" in out, out
    if word is not None:
        assert word not in out, out
    digits = re.sub(r"\D", "", out)
    assert "0101" not in digits and "17406" not in digits and "39006" not in digits, out


@pytest.mark.parametrize(("language", "text"), KEPT, ids=[t[:32] for _, t in KEPT])
def test_a_public_value_or_a_plain_number_stays(language: str, text: str) -> None:
    assert redact(text, language=language).text == text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a Swedbank clearing with its check digit, a comma, the account: mistyped or not, an account
        ("Pengarna ska betalas ut till 8214-9, 934 567 221 senast fredag.", "sv"),
        # the same with an Arabic comma and Arabic-Indic digits
        ("رقم الحساب ٨٢١٤-٩، ٩٣٤ ٥٦٧ ٢٢١ من فضلكم", "ar"),
    ],
)
def test_a_swedbank_account_after_a_comma_is_redacted(text: str, language: str) -> None:
    assert "[BANKKONTO_1]" in redact(text, language=language).text


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("han bor pa Lingonvagen 14 i Eksjo", "Lingonvagen 14"),  # typed without å, ä, ö
        ("my work address is Drottninggatan 71, 4th floor, 111 36 Stockholm", "4th floor"),
        ("Vi ses på Storgatan 5, 3:e våningen.", "3:e våningen"),
    ],
)
def test_a_street_typed_plainly_or_with_its_floor_is_redacted_whole(text: str, address: str) -> None:
    assert address not in redact(text, language="sv").text


def test_the_town_after_a_box_without_a_postcode_is_its_postal_line() -> None:
    redacted = redact("New address: P.O. Box 2291, Francistown, Botswana.", language="en").text
    assert "2291" not in redacted and "Francistown" not in redacted, redacted
