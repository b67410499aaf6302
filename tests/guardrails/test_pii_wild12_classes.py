"""Classes of personal data the twelfth PII author's set (pii_wild12) showed slipping past, each
tested through the public face (`redact`) on made-up values, with the negatives each rule must leave.

Every value here is invented (check digits computed for the test); none is a message of the set.
"""

from __future__ import annotations

import pytest

from guardrails import redact


def _out(text: str, language: str = "sv") -> str:
    return redact(text, language=language).text


@pytest.mark.parametrize(
    ("text", "language", "secret"),
    [
        # a number with its country's check digits and birth date: PESEL, JMBG, henkilötunnus
        ("Mój ojciec ma numer PESEL 62072303717 w Polsce.", "pl", "62072303717"),
        ("Otac je rođen u Mostaru, JMBG 2307962712342, živi u Malmöu.", "sh", "2307962712342"),
        ("Äitini henkilötunnus on 131052-308T.", "fi", "131052-308T"),
        # a valid PESEL without its name is still a person's number
        ("Numer 62072303717 jest w dokumentach.", "pl", "62072303717"),
        # after its name, a number whose birth date holds and check digit fails (a typo)
        ("JMBG 2307962712349, molim vas.", "sh", "2307962712349"),
        # a number with a check and no date, after its own name
        ("T.C. kimlik no 34567890170, teşekkürler.", "tr", "34567890170"),
        ("Mi DNI es 12345678Z y vivo en Lund.", "es", "12345678Z"),
    ],
)
def test_another_countrys_identity_number(text: str, language: str, secret: str) -> None:
    assert secret not in _out(text, language)


def test_foreign_id_shapes_without_check_or_name_stay() -> None:
    for text in ("Ordernummer 62072303718 gäller.", "Referens 2307962712349 i fakturan.", "Kod 12345678A."):
        assert _out(text) == text


def test_direct_line_in_a_signature_below_the_body_name() -> None:
    text = "Mvh\nAnna\nBiståndshandläggare\nTorsby kommun\nTfn 0560-123 45"
    assert "0560-123 45" not in _out(text)
    text = "Hälsningar\nEnhetschef hemtjänsten, Torsby kommun\n0560-123 45"
    assert "0560-123 45" not in _out(text)


def test_body_line_without_a_person_title_keeps_its_number() -> None:
    text = "Torsby kommun\nTfn 0560-123 45"
    assert _out(text) == text


def test_address_a_body_is_the_source_of_is_the_persons() -> None:
    out = _out("Ny adress enligt Skatteverket: Box 1717, 831 22 Östersund.")
    assert "1717" not in out and "831 22" not in out
    public = "Skatteverket: Box 1717, 831 22 Östersund."
    assert _out(public) == public


def test_year_on_the_line_above_is_no_clearing_number() -> None:
    out = _out("Datum: 4 dec. 2025\n\nKontot 8327-9 994 123 453 är spärrat.")
    assert "994 123 453" not in out and "2025" in out


@pytest.mark.parametrize(
    ("text", "language", "secret"),
    [
        ("Hon bor i Ljusdal och är född -38.", "sv", "-38"),
        ("Babam (1948 doğumlu) Malmö'de yaşıyor.", "tr", "1948"),
        ("En kund född nittonhundrafemtiotvå vill ta ut pengar.", "sv", "nittonhundrafemtiotvå"),
        ("ابني ومولود ٢٠٠٩/٠٥/٠٢ في مالمو", "ar", "٢٠٠٩/٠٥/٠٢"),
    ],
)
def test_birth_year_alone_or_cue_with_a_clitic(text: str, language: str, secret: str) -> None:
    assert secret not in _out(text, language)


def test_years_without_a_birth_cue_stay() -> None:
    for text in ("Han flyttade hit 1948 och har bott här sedan dess.", "Vi ses -38 minuter efter start."):
        assert _out(text) == text


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the capitalised words right before a personnummer: a name no list knows, a surname that
        # is also a word after a known given name, a number wrapped to the next line
        ("Jag är god man för Kanya Pholsena (19580304-2380) sedan i våras.", ["Kanya", "Pholsena"]),
        ("En brukare, Jon Bäck, 19400101-2394, behöver hjälp.", ["Jon", "Bäck"]),
        ("Hm Elof Sten pnr 19340115-\n2388 (se mejlet)", ["Elof", "Sten"]),
    ],
)
def test_the_name_right_before_a_personnummer(text: str, names: list[str]) -> None:
    out = _out(text)
    assert all(name not in out for name in names), out


def test_words_before_a_personnummer_that_are_no_name_stay() -> None:
    out = _out("Beslut 19450312-2386 gäller från Malmö 19450312-2386.")
    assert "Beslut" in out and "Malmö" in out


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Hm ringde om räkningen. Återkommer. /KJ", "KJ"),
        ("ÖF-handl. RT: granskat årsräkningen.", "RT"),
        ("Noterat, handläggare PL\nSkickat till gm.", "PL"),
    ],
)
def test_undotted_initials_of_a_signer_or_handler(text: str, initials: str) -> None:
    assert initials not in _out(text)


def test_capitals_after_a_slash_that_are_no_signer_stay() -> None:
    for text in ("Se bilagan /PDF", "Skicka in och/eller ring /OK", "Kostnad 200 kr/st"):
        assert _out(text) == text


def test_a_given_name_that_is_also_a_function_word_before_a_surname() -> None:
    out = _out("gm: Hans Ekdal ringde i morse om hm Ingrid Bo.")
    assert "Hans" not in out and "Ekdal" not in out
    assert _out("Hans mamma ringde i morse.") == "Hans mamma ringde i morse."


@pytest.mark.parametrize(
    "text",
    [
        # a time in a place's name shape, a statute's number after its name, a product's number,
        # a region's and a room's name
        "Bussen från Gävle går 07:15 och är framme i Bollnäs 08:05.",
        "Ärendet prövas enligt socialtjänstlagen (2001:453) och föräldrabalken (1949:381).",
        "Serienummer KL-2023-0412 står på baksidan av apparaten.",
        "Skicka blanketten till Region Halland, 301 80 Halmstad.",
        "Mötet hålls i sal Lind på kommunhuset.",
    ],
)
def test_hard_negatives_of_the_twelfth_author_classes(text: str) -> None:
    assert _out(text) == text


def test_designation_and_case_numbers_still_found() -> None:
    assert "4:17" not in _out("Han äger fastigheten Sälgen 4:17 i Tierp.")
    assert "2024:1234" not in _out("Ärende 2024:1234 gäller min mamma.")
    assert "Lind" not in _out("Min mamma Karin Lind ringde.")


def test_a_word_before_an_invoice_number_of_personnummer_shape_stays() -> None:
    # ten digits with a valid month and day but a failing check digit: an invoice's number
    text = "Invoice 4410022319 from the care home is overdue."
    assert _out(text, "en") == text
