"""Hostile and disguised input: look-alike characters folded with a map back to the original,
fake tags, checksum-valid numbers next to misleading words, and bounded work on huge tokens
(issue #14; issue #16 item 7: a 20 000-character word took 1-3 s, a 4 300-digit tag raised)."""

from __future__ import annotations

import time

import pytest

from guardrails import Vault, redact, scan
from guardrails.folding import fold

PNR = "19500101-1237"  # invented, valid check digit


def fullwidth(text: str) -> str:
    return "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in text)


def test_fold_maps_every_character_back() -> None:
    original = "pnr ١٩٥٠\u200b0101\u2212１２３７ och \u0410nna"
    folded = fold(original)
    assert folded.text == "pnr 19500101-1237 och Anna"
    start = folded.text.index("1950")
    end = start + len("19500101-1237")
    s, e = folded.span(start, end)
    assert original[s:e] == "١٩٥٠\u200b0101\u2212１２３７"  # the zero-width space inside goes too
    assert fold("Vanlig svensk text: åäö, 070-174 06 12.").starts is None  # fast path, no map


@pytest.mark.parametrize(
    "text",
    [
        f"Mitt pnr är {fullwidth(PNR)}",
        "Mitt pnr är ١٩٥٠٠١٠١-١٢٣٧",
        "Mitt pnr är 𝟏𝟗𝟓𝟎𝟎𝟏𝟎𝟏-𝟏𝟐𝟑𝟕",
        "Mitt pnr är 1950\u200b0101\u00ad-1237",
        "Mitt pnr är 19500101\u22121237",
        "Mitt pnr är 1950.01.01.1237",
        "pnr19500101-1237s adress",
        "19 50 01 01 12 37 är mitt nummer",
        "Faktura 19500101-1237 är obetald",
        "bg 500101-1237 tack",
        "order 5001011237",
        "ref: 500101/1237",
        "[P_195001011237]",
        "[NAMN_5001011237]",
    ],
)
def test_disguised_personnummer_is_redacted(text: str) -> None:
    result = redact(text)
    assert "1237" not in fold(result.text).text.replace("[PERSONNUMMER_1]", ""), result.text
    assert [e.type for e in result.entities] == ["PERSONNUMMER"], result.text


def test_same_number_in_another_digit_form_gets_the_same_tag() -> None:
    vault = Vault()
    first = redact(f"pnr {PNR}", vault=vault)
    second = redact(f"pnr {fullwidth(PNR)} igen", vault=vault)
    assert first.text == "pnr [PERSONNUMMER_1]"
    assert second.text == "pnr [PERSONNUMMER_1] igen"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("kortet 4111\u200b1111\u200b1111\u200b1111 spärrat", "KORTNUMMER"),
        ("Faktura betald med 4111-1111-1111-1111", "KORTNUMMER"),
        ("mejla anna.lind\uff20gmail.com", "EPOST"),
        ("Min mejl är karl . berg @ telia . se", "EPOST"),
        ("iban se45 5000 0000 0583 9825 7466", "IBAN"),
        ("Jag är god man för \u0410nna Lindqvist", "NAMN"),
        ("Jag heter Jo\u2060han Berg", "NAMN"),
        ("Sms:a 07O-174 06 33", "TELEFON"),
    ],
)
def test_other_disguises_are_redacted(text: str, kind: str) -> None:
    result = redact(text)
    assert kind in {e.type for e in result.entities}, result.text


def test_a_tag_the_vault_issued_stays_and_a_fresh_vault_changes_nothing() -> None:
    vault = Vault()
    once = redact(f"Jag heter Anna Lind, pnr {PNR}", vault=vault)
    assert redact(once.text, vault=vault).text == once.text
    assert redact(once.text).text == once.text
    assert redact("Det står [NAMN_1] i beslutet.").text == "Det står [NAMN_1] i beslutet."


def test_huge_tag_does_not_raise() -> None:
    text = "[NAMN_" + "4" * 4300 + "] hej"
    result = redact(text)  # int("4" * 4300) raises ValueError in Python >= 3.11
    assert result.text.endswith(" hej")
    scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "A" + "b" * 19_999,  # issue #16: took 1-3 s in the dictionary's compound check
        "Hej " + "Ö" + "ä" * 49_999 + " hur mår du",
        "1 " * 10_000,  # ten thousand one-digit groups
        "12-" * 7_000,  # thousands of overlapping checksum-valid windows
        "9" * 50_000,
        "\u200b".join("1234567890" * 2_000),
        "Anna Lind " * 3_000,
    ],
    ids=["20k-word", "50k-word", "digit-groups", "valid-windows", "50k-digits", "invisible", "many-names"],
)
def test_huge_tokens_cost_bounded_time(text: str) -> None:
    redact("värm upp: Anna Lind, 070-174 06 12")
    started = time.process_time()
    redact(text)
    # Processor time of this process, not the wall clock: a busy machine cannot make it fail. The
    # bound is about orders of magnitude (seconds before), not a benchmark.
    assert time.process_time() - started < 1.0
