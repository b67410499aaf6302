"""Classes of personal data the fourteenth PII author's set (pii_wild14) and the thirteenth's
(pii_wild13) showed slipping past, each proved through the public face (`redact`). The examples are
made up for these tests; none is a dev message."""

from __future__ import annotations

from guardrails import redact


def _left(text: str, language: str = "sv") -> str:
    return redact(text, language=language).text


def test_html_character_references_are_read_as_their_characters() -> None:
    out = _left("Skriv till maja.holm&#64;exempel.se eller maja&#x40;holm.nu om dödsboet")
    assert "maja" not in out and "[EPOST_1]" in out and "[EPOST_2]" in out
    out = _left("Tel 070&#8209;318&nbsp;44&nbsp;21 efter lunch")
    assert "318" not in out and "[TELEFON_1]" in out


def test_a_lone_ampersand_and_unknown_references_are_text() -> None:
    text = "Berg &amp; Son AB skickar &foo; fakturan"
    assert _left(text) == text


def test_a_letter_spaced_full_name_opened_by_a_known_first_name() -> None:
    out = _left("Namn: K a r i n   S t r ö m (jag skriver med mellanslag)")
    assert "K a r i n" not in out and "S t r ö m" not in out
