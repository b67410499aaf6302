"""Other European countries' identity numbers (guardrails/recognizers/european_ids.py), proved
through the public face (`redact`). The numbers are made up for these tests (valid by each
country's published check rule, or deliberately not); none is a dev message."""

from __future__ import annotations

from guardrails import redact


def _left(text: str, language: str = "sv") -> str:
    return redact(text, language=language).text


def test_a_norwegian_fodselsnummer_with_valid_control_digits_is_taken_without_a_cue() -> None:
    out = _left("Min mor har nummer 15037810034 i Norge.", "no")
    assert "15037810034" not in out and "[PERSONNUMMER_1]" in out


def test_a_mistyped_fodselsnummer_after_its_name_keeps_its_birth_date_and_is_taken() -> None:
    out = _left("Hun har fødselsnummer 15037810035.", "no")
    assert "15037810035" not in out


def test_an_eleven_digit_run_whose_control_digits_fail_is_not_taken_without_a_cue() -> None:
    text = "Ordernummer 15037810035 skickades i går."
    assert _left(text) == text


def test_a_german_steuer_id_after_its_name() -> None:
    out = _left("Seine Steuer-ID lautet 12345678903, bitte notieren.", "de")
    assert "12345678903" not in out


def test_a_dutch_bsn_after_its_name_and_not_a_bare_nine_digit_run() -> None:
    out = _left("Mijn vader (BSN 234567892) woont in Utrecht.", "nl")
    assert "234567892" not in out
    text = "Artikel 234567892 är slut i lager."
    assert _left(text) == text


def test_an_italian_codice_fiscale_by_its_check_letter() -> None:
    out = _left("Mia zia, codice BNCLRA52M45F205G, abita a Milano.", "it")
    assert "BNCLRA52M45F205G" not in out
    # a wrong check letter: sixteen capitals and digits in that shape are no codice fiscale alone
    assert "BNCLRA52M45F205H" in _left("Koden BNCLRA52M45F205H gäller rabatten.")


def test_a_french_nir_in_its_spaced_groups() -> None:
    out = _left("Mon oncle, numéro de sécurité sociale 2 55 08 31 052 044 33, habite Toulouse.", "fr")
    assert "052 044" not in out and "[PERSONNUMMER_1]" in out


def test_a_swiss_ahv_number_with_its_ean_check_digit() -> None:
    out = _left("Die AHV-Nummer meiner Mutter ist 756.9217.0769.85.", "de")
    assert "9217" not in out and "0769" not in out


def test_a_danish_cpr_number_after_its_name() -> None:
    out = _left("Min fars CPR-nummer er 150378-1123.", "da")
    assert "150378" not in out and "1123" not in out


def test_ocr_capitals_for_digits_inside_a_long_scanned_number() -> None:
    # "S" for 5, "B" for 8, "Z" for 2 as a scanner reads them, beside O/I/l for 0/1
    out = _left("Skannat intyg: pnr 19B50101-1239, konto 83Z7-9, 994 IZ3 456-7")
    assert "B50101" not in out and "1239" not in out and "994" not in out and "456" not in out
    out = _left("pnr S50101-1239 enligt skanningen")
    assert "50101" not in out


def test_ocr_capitals_in_a_short_code_stay_letters() -> None:
    text = "Han kör en Volvo S60 T5 och en BMW Z4 från 2019."
    assert _left(text) == text


def test_an_account_typed_with_a_space_after_each_dash() -> None:
    out = _left("Mitt konto är 8327- 9 994 123 456- 7 hos Swedbank.")
    assert "994 123" not in out and "456" not in out


def test_a_time_stamp_of_this_year_with_a_failing_check_is_no_personnummer() -> None:
    from datetime import date

    year = date.today().year
    text = f"Jag skickar IMG_{year}0104_0915.jpg och referensen {year}/01/05-0017 i morgon."
    assert _left(text) == text
    # after its cue a number of this year is still taken
    assert f"{year}0104" not in _left(f"Bebisens pnr {year}0104-0915")
