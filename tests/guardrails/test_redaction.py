"""Redaction through the public face: every kind of personal data, tags, restore, idempotence,
the allow list and the things that must stay (amounts, law references, references)."""

from __future__ import annotations

import re

import pytest
import yaml

import guardrails
from guardrails import Vault, load_office, redact, restore, scan
from guardrails.office import DEFAULT_OFFICE_FILE, parse_office

TAG = re.compile(r"\[[A-Z]+_\d+\]")


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Mitt personnummer är 19440813-9089.", "19440813-9089", "PERSONNUMMER"),
        ("pnr 4408139089 tack", "4408139089", "PERSONNUMMER"),
        ("Han är född 090527+1474 och över hundra.", "090527+1474", "PERSONNUMMER"),
        ("Samordningsnummer 730288-9931", "730288-9931", "PERSONNUMMER"),
        ("Interimsnummer 20000101-T220", "20000101-T220", "PERSONNUMMER"),
        ("ring mig på 070-174 06 12 efter fyra", "070-174 06 12", "TELEFON"),
        ("Nytt nummer: +46 70 174 06 45", "+46 70 174 06 45", "TELEFON"),
        ("nr 0046701740678", "0046701740678", "TELEFON"),
        ("Hemtelefon 08-465 004 17", "08-465 004 17", "TELEFON"),
        ("Mejla anna.svensson72@gmail.com nu", "anna.svensson72@gmail.com", "EPOST"),
        ("Konto 8424-4, 983 189 224-6 i Swedbank", "983 189 224-6", "BANKKONTO"),
        ("Bankgiro 5050-1055", "5050-1055", "BANKGIRO"),
        ("plusgiro 90 20 03-3", "90 20 03-3", "PLUSGIRO"),
        ("IBAN SE45 5000 0000 0583 9825 7466", "SE45 5000 0000 0583 9825 7466", "IBAN"),
        ("kortet 4111 1111 1111 1111 spärrades", "4111 1111 1111 1111", "KORTNUMMER"),
        ("Hon bor på Sveavägen 44, 4 tr sedan i våras", "Sveavägen 44, 4 tr", "ADRESS"),
        ("Adress: Box 4411, 102 69 Stockholm", "102 69 Stockholm", "POSTNUMMER"),
        ("Han är född 12 mars 1938.", "12 mars 1938", "FODELSEDATUM"),
        ("Ärendet ÖF 2024/1234 är inte klart", "ÖF 2024/1234", "ARENDENUMMER"),
        ("Företaget har org.nr 556016-0680", "556016-0680", "ORGANISATIONSNUMMER"),
        ("Jag är god man för Kerstin Lundgren sedan 2020", "Kerstin Lundgren", "NAMN"),
        ("hej jag heter ahmed hassan", "ahmed hassan", "NAMN"),
    ],
)
def test_each_kind_is_redacted(text: str, value: str, kind: str) -> None:
    result = redact(text)
    assert value not in result.text
    kinds = {e.type for e in result.entities}
    assert kind in kinds, (kinds, result.text)
    start = text.index(value)
    assert any(e.start <= start and start + len(value) <= e.end for e in result.entities)


@pytest.mark.parametrize(
    "text",
    [
        "Arvodet för 2024 blev 57 300 kr.",
        "Tillgångarna överstiger 2,65 gånger prisbasbeloppet.",
        "Enligt 11 kap. 20 § FB får god man inte ta ut pengar.",
        "I FB 14 kap. 15 § står det om förteckning.",
        "Årsräkningen ska vara inne senast den 1 mars 2025.",
        "Mötet är 2025-03-12 kl. 10:00.",
        "Jag betalade med OCR 4402 2157 8800 9123 förra veckan.",
        "OCR-nummer: 7712349871234",
        "Fakturanummer 2024-10355 gäller hemtjänst.",
        "Sändningsnummer UA123456789SE, kommer det fram?",
        "Paketet har spårningsnummer 00370712345678901234",
        "Kostnaden är 450 kr per månad och hon får bo kvar.",
        "Jag såg en björn på tv igår.",
        "Rosa tröjor är fina.",
        "Blankett ÖF 102 ska användas för ansökan.",
        "Ring 112 vid akut fara, eller 1177 för sjukvårdsrådgivning.",
        "Polisen nås på 114 14. Självmordslinjen: 90101.",
        "Skatteverket har 0771-567 567 och Försäkringskassan 0771-524 524.",
    ],
)
def test_what_is_not_personal_data_stays(text: str) -> None:
    result = redact(text)
    assert result.text == text, result.entities
    assert not result.removed_anything


def test_office_contact_details_stay() -> None:
    office = load_office()
    text = (
        f"Ring oss på {office.office.phone} eller mejla {office.office.email}. "
        f"Besök oss på {office.office.visiting_address}. Post: {office.office.postal_address}. "
        f"Organisationsnummer {office.office.organisationsnummer}. "
        f"Växeln: {office.city_contact_centre.phone}."
    )
    assert redact(text).text == text
    # another spelling of the same public number is still the office's
    assert redact("Ring 08-46500450 eller +46 8 465 004 50").text == "Ring 08-46500450 eller +46 8 465 004 50"


def test_allow_list_comes_from_the_office_file() -> None:
    data = yaml.safe_load(DEFAULT_OFFICE_FILE.read_text(encoding="utf-8"))
    data["office"]["phone"] = "08-465 004 31"
    other_office = parse_office(data)
    text = "Ring 08-465 004 31"
    assert redact(text, office=other_office).text == text
    assert redact(text).text == "Ring [TELEFON_1]"  # not public for the default office


def test_same_value_same_tag_across_formats() -> None:
    vault = Vault()
    text = "pnr 19440813-9089, alltså 440813-9089 eller 194408139089. Ring 070-174 06 12 / +46701740612."
    result = redact(text, vault=vault)
    assert result.text.count("[PERSONNUMMER_1]") == 3
    assert result.text.count("[TELEFON_1]") == 2
    assert "[PERSONNUMMER_2]" not in result.text
    later = redact("Jag skrev fel förut, det är 440813-9089 och mejl anna@exempel.org", vault=vault)
    assert "[PERSONNUMMER_1]" in later.text and "[EPOST_1]" in later.text


def test_different_values_get_numbered_tags() -> None:
    result = redact("Ring 070-174 06 12 eller 070-174 06 13, eller mejla a@b.se eller c@d.se")
    assert "[TELEFON_1]" in result.text and "[TELEFON_2]" in result.text
    assert "[EPOST_1]" in result.text and "[EPOST_2]" in result.text


def test_restore_gives_back_the_original() -> None:
    text = "Hej! Jag heter Fatima Al-Sayed, pnr 19440813-9089, ring 070-174 06 12."
    result = redact(text)
    assert "Fatima" not in result.text
    assert restore(result.text, result.vault) == text
    draft = "Hej [NAMN_1], vi ringer dig på [TELEFON_1]. [OKAND_9] stannar."
    assert (
        restore(draft, result.vault)
        == "Hej Fatima Al-Sayed, vi ringer dig på 070-174 06 12. [OKAND_9] stannar."
    )


def test_offsets_point_into_the_original() -> None:
    text = "Min mamma Birgitta Ek bor på Solvägen 23, 123 45 Årsta. Hennes pnr: 19440813-9089."
    result = redact(text)
    rebuilt = text
    for e in sorted(result.entities, key=lambda e: e.start, reverse=True):
        assert e.tag and TAG.fullmatch(e.tag)
        rebuilt = rebuilt[: e.start] + e.tag + rebuilt[e.end :]
    assert rebuilt == result.text


def test_redacting_redacted_text_changes_nothing() -> None:
    text = (
        "Jag är god man för Gunnar Holmqvist (19301229-9263), tel 08-465 004 17, "
        "bor Storgatan 5B, 111 51 Stockholm."
    )
    vault = Vault()
    once = redact(text, vault=vault)
    twice = redact(once.text, vault=vault)
    assert twice.text == once.text
    assert not twice.entities
    assert redact(once.text).text == once.text  # with a fresh vault too


def test_existing_tags_are_never_reused_for_new_values() -> None:
    result = redact("[NAMN_1] och [TELEFON_3] ringde. Nytt nummer: 070-174 06 55, hälsningar Anna Svensson")
    assert "[TELEFON_4]" in result.text
    assert "[NAMN_2]" in result.text
    assert result.text.startswith("[NAMN_1] och [TELEFON_3]")


def test_mistyped_personnummer_is_redacted_with_lower_score() -> None:
    valid = redact("personnummer 19440813-9089").entities[0]
    mistyped = redact("personnummer 19440813-9088").entities[0]
    bare_typo = redact("Det var 440813-9088 jag menade").entities
    assert valid.type == mistyped.type == "PERSONNUMMER"
    assert mistyped.score < valid.score
    assert bare_typo and bare_typo[0].type == "PERSONNUMMER"


def test_presidio_recogniser_is_the_base_but_its_checksum_rejection_is_not() -> None:
    from presidio_analyzer.predefined_recognizers import SePersonnummerRecognizer

    from guardrails.recognizers import PersonnummerRecognizer

    ours = PersonnummerRecognizer()
    theirs = SePersonnummerRecognizer()
    assert isinstance(ours, SePersonnummerRecognizer)
    text = "pnr 440813-9088"  # last digit mistyped: Luhn fails
    assert not theirs.analyze(text, ["SE_PERSONNUMMER"], None)
    assert ours.analyze(text, ["PERSONNUMMER"], None)


def test_names_that_are_words() -> None:
    text = "Björn såg en björn i skogen."
    result = redact(text)
    assert result.text == "[NAMN_1] såg en björn i skogen."
    assert (
        redact("Per månad betalar han 3 200 kr och får bo kvar.").text
        == "Per månad betalar han 3 200 kr och får bo kvar."
    )
    assert redact("Hej Per, tack för svaret!").text == "Hej [NAMN_1], tack för svaret!"
    assert "Hugo" not in redact("Min son Hugo fyller 18 i maj").text


def test_signature_lines_are_names() -> None:
    text = "Tack för hjälpen.\n\nMed vänliga hälsningar\nZlatko Xyzwq\nGod man"
    assert "Zlatko" not in redact(text).text and "Xyzwq" not in redact(text).text


def test_scan_finds_without_tags_and_any_language_works() -> None:
    text = "Call me on +46 70 174 06 27, my e-mail is j.okafor@gmail.com"
    for language in (None, "en", "sv", "fi", "ar", "sv-SE"):
        found = scan(text, language=language)
        assert {e.type for e in found} == {"TELEFON", "EPOST"}
        assert all(e.tag == "" for e in found)


def test_empty_and_plain_text() -> None:
    assert redact("").text == ""
    assert redact("hej").entities == []


def test_public_face_exports() -> None:
    for name in ("redact", "restore", "scan", "Vault", "load_office", "OfficeConfig", "Entity", "Redacted"):
        assert hasattr(guardrails, name)


def test_our_recogniser_names_do_not_shadow_presidios() -> None:
    # Presidio finds its predefined recognisers by class name among all EntityRecognizer
    # subclasses; a clash (e.g. our own "EmailRecognizer") would make its loader pick ours.
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from guardrails.analyzer import nlp_engine
    from guardrails.recognizers import ALL_RECOGNIZERS

    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine())
    ours = {cls.__name__ for cls in ALL_RECOGNIZERS}
    assert ours.isdisjoint({type(r).__name__ for r in registry.recognizers})
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine(), supported_languages=["en"])
    assert engine.analyze(text="call 212-555-5555", language="en", entities=["PHONE_NUMBER"])


def test_document_structure_is_not_taken_for_names() -> None:
    # knowledge redacts every passage at ingest: list items, headings and numbered steps start
    # with capitalised words that are not names
    text = (
        "## Finns det arvingar?\n\n- Ansökningsblanketten ska skickas in\n- Läkarintyg\n"
        "- skött kontakterna med myndigheter dåligt\n1. Beställ personbevis\n| Spara | kvitton |\n"
        "Skatteverket/Försäkringskassan"
    )
    assert redact(text).text == text
    assert redact("Exempel: Anna Andersson, personnummer 19121212-1212").text == (
        "Exempel: [NAMN_1], personnummer [PERSONNUMMER_1]"
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Huvudman är Bertil Wennerholm, född 1950.", "Bertil Wennerholm"),
        ("Min pappa Gösta Lindqvist-Öberg har god man", "Gösta Lindqvist-Öberg"),
        ("Jag är god man för Fatima Al-Hassan", "Fatima Al-Hassan"),
        ("Huvudmannen Kalle Wennerholm bor kvar hemma.", "Kalle Wennerholm"),
        ("Jag är god man för Ebba von Rosen sedan i våras.", "Ebba von Rosen"),
        ("Hennes förvaltare Ali bin Hamad ringde i går.", "Ali bin Hamad"),
        ("Kontakta Gunnel af Wennerholm om bouppteckningen.", "Gunnel af Wennerholm"),
        ("Huvudman: Xyzzy Andersson", "Xyzzy Andersson"),
    ],
)
def test_a_surname_after_a_first_name_is_part_of_the_name(text: str, name: str) -> None:
    # the leak: "[NAMN_1] Wennerholm" kept the surname in indexes, the database and answers
    result = redact(text)
    assert [text[e.start : e.end] for e in result.entities if e.type == "NAMN"] == [name]
    for part in re.split(r"[ -]", name):
        if part[:1].isupper():
            assert part not in result.text, result.text


def test_the_full_name_is_one_value_for_same_tag() -> None:
    vault = Vault()
    first = redact("Huvudman är Bertil Wennerholm.", vault=vault)
    again = redact("Bertil Wennerholm har fått ett brev.", vault=vault)
    other = redact("Bertil Lindqvist är hans bror.", vault=vault)
    assert first.text == "Huvudman är [NAMN_1]."
    assert again.text == "[NAMN_1] har fått ett brev."
    assert other.text == "[NAMN_2] är hans bror."
    assert restore("Hej [NAMN_1]!", vault) == "Hej Bertil Wennerholm!"


@pytest.mark.parametrize(
    "text",
    [
        "Skattefri ersättning betalas ut.",
        "- Självmordslinjen: ring 90101",
        "- Självmordslinjen hos Mind: ring 90101 eller chatta på mind.se.",
        "Skriv under blanketten. Fyll i alla fält.",
        "1. Fyll i årsräkningen.\n2. Skriv under på heder och samvete.",
        "- Postadress: Box 1234, 100 00 Stockholm\n- Organisationsnummer: 212000-0000",
        "Organisationsnummer: 212000-0000",
        # a cue or a sign-off before a word that opens a line or a label is not enough
        "Tack!\nSkriv under blanketten.",
        "Med vänliga hälsningar\nSkattefri ersättning betalas ut.",
        "Mvh\n- Självmordslinjen: ring 90101",
        "- Huvudman: Skriv ditt namn\n- God man: Fyll i din adress",
        "Till: Skattefri",
        "Hej, Skriv gärna till oss.",
        # heading paths are joined with " › " at ingest
        "Sekretess och allmänna handlingar › Stark sekretess i våra ärenden",
        "Ansök om god man eller förvaltare › Finns det ett enklare sätt?",
    ],
)
def test_words_opening_sentences_list_items_and_labels_are_not_names(text: str) -> None:
    assert redact(text).text == text
    assert [e for e in scan(text) if e.type == "NAMN"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna ringde i morse.", "[NAMN_1] ringde i morse."),
        ("Karin har skickat årsräkningen.", "[NAMN_1] har skickat årsräkningen."),
        ("- Karin Lind: god man sedan 2019", "- [NAMN_1]: god man sedan 2019"),
        ("Med vänliga hälsningar\nGösta Wennerholm", "Med vänliga hälsningar\n[NAMN_1]"),
        ("Namn: Fatima Al-Hassan", "Namn: [NAMN_1]"),
    ],
)
def test_names_opening_sentences_with_evidence_are_still_names(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_personnummer_of_someone_born_in_2007_is_not_a_phone_number() -> None:
    # "070101-0002" has a mobile number's shape; after its cue it is a personnummer
    result = redact("mitt personnummer är 070101-0002")
    assert result.text == "mitt personnummer är [PERSONNUMMER_1]"
    assert redact("Ring 070-101 00 02 efter fyra").text == "Ring [TELEFON_1] efter fyra"
