"""A full date a generation old is a date of birth whatever the language or cue around it
(recognizers/dates_of_birth.py, old_full_dates): no month list of the writer's language is needed."""

from __future__ import annotations

import pytest

from guardrails import redact


@pytest.mark.parametrize(
    ("language", "text", "date"),
    [
        ("so", "Hooyaday waxay ku dhalatay 3/4/1941 Muqdisho.", "3/4/1941"),
        ("pl", "Mama urodzona 21 listopada 1938, mieszka w Solnej.", "21 listopada 1938"),
        ("ar", "والدتي من مواليد 15 آذار 1950 وتسكن في مالمو", "15 آذار 1950"),
        ("sv", "Uppgifter: Karl Berg 1938-04-02, bor på boende.", "1938-04-02"),
        ("en", "Her date is April 17, 1975 according to the register.", "April 17, 1975"),
        ("fa", "تاریخ ۱۳۴۵/۰۳/۱۲ است", "۱۳۴۵/۰۳/۱۲"),
    ],
)
def test_an_old_full_date_is_redacted_in_any_language(language: str, text: str, date: str) -> None:
    redacted = redact(text, language=language)
    assert date not in redacted.text
    assert any(e.type == "FODELSEDATUM" for e in redacted.entities), redacted.text


@pytest.mark.parametrize(
    "text",
    [
        "Beslutet fattades 2024-03-01 och gäller från den 1 april 2024.",
        "Lagen kom 1949 och ändrades senast 2017.",
        "Enligt 11 kap 1999 års lydelse gällde annat.",
        "SFS 1949:381 är föräldrabalken.",
        "Årsräkningen ska vara inne senast 1 mars 2026.",
    ],
)
def test_recent_dates_years_and_references_stay(text: str) -> None:
    assert redact(text, language="sv").text == text


def test_a_personnummer_keeps_its_own_type() -> None:
    redacted = redact("pnr 1952/09/17/7707", language="sv")
    assert [e.type for e in redacted.entities] == ["PERSONNUMMER"]
