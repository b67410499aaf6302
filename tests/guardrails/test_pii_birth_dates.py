"""Dates of birth in the languages written to the office: birth cues and month names as data
(guardrails/text/data/birth_dates.yaml), a cue after its date, a month written as a number."""

from __future__ import annotations

import pytest

from guardrails import redact


@pytest.mark.parametrize(
    ("text", "language", "date"),
    [
        ("Babam 12 Ekim 1944 doğumlu, emekli.", "tr", "12 Ekim 1944"),
        ("Bố tôi sinh ngày 3 tháng 11 năm 1940.", "vi", "3 tháng 11 năm 1940"),
        ("Батько народився 7 березня 1939 року.", "uk", "7 березня 1939"),
        ("Отец родился 7 марта 1939 года.", "ru", "7 марта 1939"),
        ("Tata je rođen 14. svibnja 1936. u Zagrebu.", "bs", "14. svibnja 1936"),
        ("Hooyaday waxay dhalatay, taariikhda dhalashada 4 Maarso 1950.", "so", "4 Maarso 1950"),
        ("جدي مواليد 9 تشرين الأول 1941", "ar", "9 تشرين الأول 1941"),
        ("پدرم متولد ۳ مهر ۱۳۲۰ است", "fa", "۳ مهر ۱۳۲۰"),
        ("Mama, urodzonej 2 lutego 1942, mieszka sama.", "pl", "2 lutego 1942"),
        ("DOB the second of March nineteen forty-one", "en", "second of March nineteen forty-one"),
    ],
)
def test_a_date_of_birth_is_redacted(text: str, language: str, date: str) -> None:
    redacted = redact(text, language=language).text
    assert "[FODELSEDATUM_1]" in redacted and date not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Toplantı 12 Ekim 2025 tarihinde.", "tr"),
        ("Hạn nộp là ngày 1 tháng 3 năm 2026.", "vi"),
        ("Звіт треба подати до 1 березня 2026.", "uk"),
        ("raport roczny składam do 1 marca 2026.", "pl"),
    ],
)
def test_a_date_without_a_birth_cue_stays(text: str, language: str) -> None:
    assert redact(text, language=language).text == text
