"""Dates of birth read out in words, in the month's language: day ordinals and cardinals, years with
thousands and hundreds, a century and its rest, words glued into one (number grammar as data in
guardrails/recognizers/date_words.yaml and guardrails/text/data/number_words.yaml); and birth verbs
of more languages (Somali by gender, Albanian, Amharic, Kurdish, ...)."""

from __future__ import annotations

import pytest

from guardrails import redact


@pytest.mark.parametrize(
    ("text", "language", "date"),
    [
        ("Mi padre nació el nueve de mayo de mil novecientos treinta y ocho.", "es", "mil novecientos"),
        ("Mi madre nació el 9 de mayo de mil novecientos treinta y ocho.", "es", "treinta y ocho"),
        ("Meine Tante wurde am dritten März neunzehnhundertzweiundfünfzig geboren.", "de", "dritten März"),
        ("Er ist am einundzwanzigsten Oktober neunzehnhundertvierzig geboren.", "de", "Oktober"),
        ("Born on the twenty-second of June, nineteen thirty-nine.", "en", "nineteen thirty-nine"),
        ("DOB: June twenty-second, nineteen oh nine", "en", "nineteen oh nine"),
        ("Mamma är född den elfte april nittonhundrafyrtioett.", "sv", "elfte april"),
        ("Ma mère est née le douze juin mil neuf cent quarante et un.", "fr", "mil neuf cent"),
        ("Nonna è nata il dodici giugno millenovecentoquaranta.", "it", "dodici giugno"),
        ("Annem on iki haziran bin dokuz yüz kırk bir doğumlu.", "tr", "bin dokuz yüz"),
        ("Babcia urodziła się dwunastego czerwca tysiąc dziewięćset czterdziestego.", "pl", "czerwca"),
        # a full date a generation back needs no cue, in words as in digits
        ("Handlingen gäller min morbror, tjugonde mars nittonhundratrettiosex.", "sv", "tjugonde mars"),
    ],
)
def test_a_date_of_birth_in_words_is_redacted(text: str, language: str, date: str) -> None:
    redacted = redact(text, language=language).text
    assert "[FODELSEDATUM_1]" in redacted and date not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mötet är den tredje maj klockan tio.", "sv"),
        ("La audiencia es el trece de agosto de dos mil veintiséis.", "es"),
        ("Wir kommen am vierten Juli vorbei.", "de"),
        ("The deadline is the first of March, twenty twenty-six.", "en"),
        ("Vi ses i maj, två gånger i veckan.", "sv"),
    ],
)
def test_a_date_in_words_without_a_birth_stays(text: str, language: str) -> None:
    assert redact(text, language=language).text == text


@pytest.mark.parametrize(
    ("text", "language", "date"),
    [
        ("Hooyaday waxay dhalatay 12 Maarso 1947.", "so", "12 Maarso 1947"),
        ("Aabbahay wuxuu dhashey 3/7/1950, hadda wuu xanuunsan yahay.", "so", "3/7/1950"),
        ("Nëna ime ka lindur më 5 maj 1949.", "sq", "5 maj 1949"),
        ("Il nonno è nato il 4 aprile 1950.", "it", "4 aprile 1950"),
    ],
)
def test_birth_words_of_more_languages(text: str, language: str, date: str) -> None:
    redacted = redact(text, language=language).text
    assert "[FODELSEDATUM_1]" in redacted and date not in redacted, redacted


def test_a_birth_verb_after_a_date_in_somali() -> None:
    redacted = redact("Walaashay 14/02/09 ayay dhalatay, waana carruur.", language="so").text
    assert "14/02/09" not in redacted, redacted
