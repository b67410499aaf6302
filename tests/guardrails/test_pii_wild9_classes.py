"""Classes the ninth author's set (pii_wild9) named, through the public face (guardrails.redact)."""

from __future__ import annotations

from guardrails import redact


def test_an_english_verb_after_a_role_word_is_no_name_in_english_text() -> None:
    # output redaction names no language: an answer in English must keep its verbs
    text = "The huvudman pays if the guardian is entitled to a fee."
    assert redact(text).text == text
    assert redact(text, language="sv").text == text


def test_a_lower_case_name_after_a_role_word_in_swedish_is_still_found() -> None:
    out = redact("hej jag är god man för kalle och han mår bra", language="sv").text
    assert "kalle" not in out


def test_a_birth_year_alone_after_a_birth_cue_is_redacted() -> None:
    assert "1932" not in redact("Mamma heter Aina, född 1932 i Borås.", language="sv").text
    assert "۱۳۲۵" not in redact("پدرم متولد ۱۳۲۵ است.", language="fa").text


def test_an_age_reached_then_a_date_with_a_month_name_is_the_birth_date() -> None:
    out = redact("min dotter fyller 18 den 4 mars 2008 och har ett konto", language="sv").text
    assert "4 mars 2008" not in out


def test_a_birthday_named_after_a_day_and_month_makes_it_the_birth_date() -> None:
    assert "12 maj" not in redact("Mamma fick i våras 12 maj sin 90-årsdag.", language="sv").text
    kept = "Mötet är 12 maj, inte på hennes födelsedag."
    assert redact(kept, language="sv").text == kept


def test_the_ukrainian_year_of_birth_abbreviation_after_a_date() -> None:
    out = redact("Моєму синові (3 вересня 2011 р.н.) дісталася спадщина.", language="uk").text
    assert "2011" not in out


def test_a_known_name_after_an_introduction_in_the_messages_own_language() -> None:
    for language, text, name in [
        ("pl", "cześć, to marek z domu opieki.", "marek"),
        ("sh", "pozdrav, ja sam dino i hoću da budem god man.", "dino"),
        ("fi", "isä veikko ei ymmärrä kirjeitä", "veikko"),
        ("es", "hola, mi hermano diego tiene un administrador", "diego"),
        ("sv", "jag har god man anders men han ger mig lite", "anders"),
    ]:
        assert name not in redact(text, language=language).text, text
    # only the named language's words: "to" introduces in Polish, not in English
    kept = "jag har god man sedan 2019 och god man ska ringa"
    assert redact(kept, language="sv").text == kept


def test_a_function_word_of_the_messages_language_is_no_name_after_a_greeting() -> None:
    assert redact("hola, mi hermano tiene un administrador", language="es").text.startswith("hola, mi ")


def test_a_symbol_between_digit_groups_is_a_separator() -> None:
    out = redact("070📞174📞06📞87 är mitt nummer", language="sv").text
    assert "174" not in out and "87" not in out


def test_a_number_typed_digit_by_digit_after_nr() -> None:
    assert "7 4 0" not in redact("Nr: 0 7 0 1 7 4 0 6 8 2", language="sv").text


def test_a_number_in_a_chat_link() -> None:
    assert "46701740609" not in redact("Skriv via wa.me/46701740609 så svarar jag", language="sv").text


def test_a_clearing_number_apart_from_its_account_and_alone() -> None:
    out = redact("Clearing 8025-9... kontonr 559 545 462-9", language="sv").text
    assert "8025" not in out and "462" not in out
    kept = "Banken säger att clearingnummer 3300 betyder Nordea. Stämmer det?"
    assert redact(kept, language="sv").text == kept


def test_a_letter_spaced_case_number() -> None:
    out = redact("Dnr Ö F 2 0 2 5 / 0 3 1 9, skrivet med mellanrum", language="sv").text
    assert "0 3 1 9" not in out and "2 0 2 5" not in out


def test_a_spanish_floor_and_door_glued_after_the_house_number() -> None:
    out = redact("his address is Calle del Sol 14, 2ºB, 29640 Fuengirola.", language="en").text
    assert "2ºB" not in out and "Sol" not in out


def test_a_name_after_a_forms_name_label_with_an_initial() -> None:
    out = redact("Geb.-Datum: 8.5.37, Name: K. Becker, Tel. 030 1234 5678", language="de").text
    assert "Becker" not in out
    assert redact("File name: report.pdf", language="en").text == "File name: report.pdf"


def test_a_known_name_after_the_arabic_account_holder() -> None:
    assert "سليمان" not in redact("رقم الحساب، صاحب الحساب سليمان", language="ar").text
    kept = "صاحب الحساب مريض"  # the account holder is ill
    assert redact(kept, language="ar").text == kept


def test_a_statute_cited_by_chapter_and_section_is_no_property() -> None:
    kept = "Läste om god man enligt FB 11:2 och 11:3. Vad är skillnaden mot 11:4?"
    assert redact(kept, language="sv").text == kept


def test_a_service_centres_number_is_an_organisations_line() -> None:
    kept = "Jag bor i Järfälla, ska jag ringa servicecenter på 08-580 285 00 eller er?"
    assert redact(kept, language="sv").text == kept


def test_a_name_found_in_lower_case_recurs_in_lower_case() -> None:
    out = redact("hey, i'm liam's mom, we live abroad now but liam still has an account.", language="en").text
    assert "liam" not in out
    # a word found as a name once stays a word elsewhere
    assert "rosa kläder" in redact("min syster rosa vill ha rosa kläder", language="sv").text


def test_a_canadian_postal_code_after_its_province() -> None:
    out = redact("we live abroad now (45 Kent Road, Toronto ON M4L 2X5) but", language="en").text
    assert "M4L" not in out and "2X5" not in out


def test_a_known_name_opening_a_sentence_before_the_role_it_holds() -> None:
    out = redact("skickade den förra veckan. ahmed god man till ulla svensson", language="sv").text
    assert "ahmed" not in out and "ulla" not in out
    kept = "Hej. ny god man till min mamma?"
    assert redact(kept, language="sv").text == kept
