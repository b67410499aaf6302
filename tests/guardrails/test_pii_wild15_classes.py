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
