"""Greetings and sign-offs (guardrails/text/salutations.py): one list, read by the name recognisers
in Latin and other scripts, and the names that follow them."""

from __future__ import annotations

import re

import pytest

from guardrails import redact
from guardrails.text.salutations import salutation_endings, salutation_pattern, salutations


def test_the_lists_are_lower_case_phrases_longest_first() -> None:
    for kind in ("greeting", "sign_off"):
        phrases = salutations(kind)
        assert len(phrases) == len(set(phrases)) > 20
        assert all(p == p.lower() and p == " ".join(p.split()) for p in phrases)
        assert [len(p) for p in phrases] == sorted((len(p) for p in phrases), reverse=True)
    assert set(salutations("sign_off", "sv")) < set(salutations("sign_off"))
    assert "mvh" in salutations("sign_off", "sv") and "hej" in salutations("greeting", "sv")


def test_the_pattern_takes_any_spacing_and_case() -> None:
    sign_off = re.compile(rf"^(?:{salutation_pattern('sign_off')})\b", re.IGNORECASE)
    assert sign_off.match("Med  vänliga\thälsningar")
    assert sign_off.match("Z POWAŻANIEM")
    assert sign_off.match("مع التحية")
    assert not sign_off.match("Medan vi väntar")
    assert {"hälsningar", "regards", "poważaniem"} <= salutation_endings()


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Vielen Dank.\nMit freundlichen Grüßen\nKunibert Zwiebelhuber", "de", "Zwiebelhuber"),
        ("Dziękuję.\nZ poważaniem\nZbyszko Wąchocki", "pl", "Wąchocki"),
        ("Kiitos avusta.\nYstävällisin terveisin\nOnnela Kuusjärvi", "fi", "Kuusjärvi"),
        ("Здравствуйте, Оксанка! Мне нужна помощь.", "ru", "Оксанка"),
        ("احتاج مساعدة.\nمع التحية\nسميرة", "ar", "سميرة"),
        ("Tack Zlatko för hjälpen", "sv", "Zlatko"),
    ],
)
def test_a_name_after_a_greeting_or_sign_off_of_any_listed_language_is_redacted(
    text: str, language: str, name: str
) -> None:
    assert name not in redact(text, language=language).text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Buenos días, Necesito ayuda con el formulario", "es"),  # a sentence opens after the comma
        ("Merhaba, Annemin vasisiyim.", "tr"),
        ("شكرا جزيلا على المساعدة", "ar"),  # Arabic has no capitals: "thanks a lot" is no name
        ("السلام عليكم ورحمة الله", "ar"),
    ],
)
def test_the_words_after_a_greeting_are_no_name_without_evidence(text: str, language: str) -> None:
    assert redact(text, language=language).text == text
