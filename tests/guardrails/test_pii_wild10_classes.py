"""Classes the tenth author's set (pii_wild10) named, identifiers and look-alikes, through the public
face (guardrails.redact). The values are made up here, none is taken from the set."""

from __future__ import annotations

from guardrails import redact


def _sv(text: str) -> str:
    return redact(text, language="sv").text


def test_a_cyrillic_or_greek_o_inside_a_number_is_read_as_a_zero() -> None:
    # "19400101-0018" typed with a Cyrillic О and a Greek ο among the zeros
    out = redact("мій номер: 194О0101-0ο18, дякую", language="uk").text
    assert "0101" not in out and "18," not in out
    # a Cyrillic letter beside a short number in a Russian sentence stays as written
    kept = "в 2020 году о 10 людях"
    assert redact(kept, language="ru").text == kept


def test_a_look_alike_number_after_a_label_ending_in_a_look_alike_letter() -> None:
    # "Mobil:" ends in an "l" that must not swallow the number's "O" folding (seven real digits)
    out = _sv("Mobil: O7O-123 O5 67 (nollor)")
    assert "123" not in out and "O7O" not in out
    assert "O7O" not in _sv("Mobil.O7O-123 O5 67")


def test_a_calendar_date_is_no_phone_number() -> None:
    for text, language in [
        ("Der Termin ist am 07.03.2026 um 10 Uhr.", "de"),
        ("Mötet är 2026-03-07 klockan tio.", "sv"),
    ]:
        assert redact(text, language=language).text == text


def test_phone_numbers_joined_by_a_slash_or_comma_are_each_found() -> None:
    out = _sv("Mina nummer: 070-123 45 67/0734567890")
    assert "0734567890" not in out and "123 45 67" not in out
    assert "0734567890" not in _sv("ring 070-1234567,0734567890")


def test_an_international_number_with_a_slash_between_its_groups() -> None:
    out = redact("telefon: +387 (0) 62/345-678, hvala", language="sh").text
    assert "345" not in out and "387" not in out


def test_an_iban_grouped_with_dots_or_wrapped_at_a_line_end() -> None:
    assert "0810" not in _sv("iban SE72.8000.0810.3400.0978.3242 för arvodet")
    out = redact("Account SE45 5000 0000 0583\n9825 7466 for the fee", language="en").text
    assert "0583" not in out and "9825" not in out


def test_an_account_with_spaced_dashes_between_its_groups() -> None:
    out = redact("Xisaabta: 9570 - 12345 - 00005", language="so").text
    assert "12345" not in out and "00005" not in out
    assert "5678" not in redact("Kontonummer 1234 - 5678 - 90 bei der Bank", language="de").text
    kept = "Betala 9570 - 2600 kr senast fredag."
    assert _sv(kept) == kept


def test_a_date_with_its_month_in_roman_numerals() -> None:
    # (months of three letters, "VII", were read as any month word already; "IX", "XI" were not)
    out = redact("Mój dziadek urodził się 5 IX 1944 w Krakowie.", language="pl").text
    assert "1944" not in out and "IX" not in out
    assert "1951" not in redact("Babcia Zofia, 2 XI 1951, Kraków.", language="pl").text
    kept = "Spotkanie 3 XI 2025 o godzinie 10."
    assert redact(kept, language="pl").text == kept


def test_an_age_reached_in_the_first_person_then_the_date() -> None:
    out = redact("i turn 18 on the 2nd of may 2008 and need my money", language="en").text
    assert "2008" not in out
    kept = "i turn 18 next year and need my money"
    assert redact(kept, language="en").text == kept


def test_an_at_said_in_another_script_between_latin_halves_of_an_address() -> None:
    out = redact("البريد: omar.k في yahoo.com من فضلك", language="ar").text
    assert "omar.k" not in out and "yahoo" not in out
    # a single word before a web host is a site, not an address
    assert "www.google.com" in redact("زرت موقع Google في www.google.com", language="ar").text


def test_a_lower_case_street_after_an_address_cue_typed_without_diacritics() -> None:
    assert "storgatan" not in _sv("hon bor pa storgatan 12 i byn")


def test_care_of_and_a_named_residence_belong_to_the_street_line() -> None:
    out = _sv("Adress: c/o Berg, Ekvägen 3\n123 45 Byn")
    assert "c/o" not in out and "Berg" not in out and "Ekvägen" not in out
    assert "Solgården" not in _sv("Hon är boende på Solgården, Ekvägen 3, sedan maj.")


def test_a_numbered_street_with_an_ordinal_in_its_name() -> None:
    out = redact("He lives at 45 East 12th Street, Apt 3B now.", language="en").text
    assert "12th" not in out and "45" not in out


def test_a_box_town_with_a_country_coded_postcode() -> None:
    out = redact("Send it to PO Box 12, Klaksvík FO-700, Faroe Islands.", language="en").text
    assert "FO-700" not in out and "Klaksvík" not in out


def test_a_cyrillic_town_before_its_postcode_after_a_street() -> None:
    out = redact("Адреса: вул. Франка 3, кв. 2, Львів 79000. Дякую.", language="uk").text
    assert "79000" not in out


def test_an_arabic_house_number_after_the_alley() -> None:
    out = redact("عنواني شارع الرشيد، زقاق 4، دار 7، بغداد", language="ar").text
    assert "دار 7" not in out and "4" not in out


def test_a_split_street_with_a_plural_or_field_street_word() -> None:
    assert "Tensta gärde 4" not in _sv("Vi bor på Tensta gärde 4 i Spånga.")


def test_a_mobile_number_read_out_with_its_zero_said_apart_or_not_at_all() -> None:
    assert "sjuttio" not in _sv("Mitt telefonnummer: sjuttio tre fyra fem sex sju åtta nio noll")
    assert "sjuttio" not in _sv("ring mig, sjuttio ett två tre fyra fem sex sju")
    kept = "Hon fick sjuttio ett två tre poäng på provet."
    assert _sv(kept) == kept


def test_a_spelled_birth_date_with_its_year_said_first() -> None:
    out = _sv("Pappa är född nittonhundratrettiotvå, femte maj.")
    assert "nittonhundratrettiotvå" not in out and "femte maj" not in out


def test_an_account_after_the_word_for_bank_details_in_another_language() -> None:
    # 9570 is a clearing number; the account is not checksum-valid, so only the cue can tell
    out = redact("Seine Bankverbindung: 9570, 123 45 67? Ich weiß es nicht.", language="de").text
    assert "123 45 67" not in out


def test_an_english_reference_number_is_the_case_number_unless_an_invoice_is_named() -> None:
    assert "2024-00815" not in redact("Reference number 2024-00815. Please call.", language="en").text
    kept = "Invoice reference number 123456 was paid."
    assert redact(kept, language="en").text == kept


def test_the_town_closing_a_street_line_where_there_are_no_postcodes() -> None:
    out = redact("عنواننا: شارع الرشيد، بناية 4، بيروت. شكرا", language="ar").text
    assert "بيروت" not in out
