"""Names in Arabic, Persian and Cyrillic script without a naming cue: kin words with a possessive
ending before or after a known name (names_data/script_cues.yaml), a Cyrillic name opening a
sentence when its lower-case form is no ordinary word (the gazetteer's `w` flag, from the Russian
and Ukrainian dictionaries at build time), and ordinary words in those scripts left alone."""

from __future__ import annotations

import pytest

from guardrails import redact


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("زوجتي فاطمة تعمل في المستشفى منذ سنوات.", "ar", "فاطمة"),
        ("أعطيت المفتاح لسعيد ابن أخي.", "ar", "لسعيد"),
        ("پدرش نامش پرویز بود و در تهران زندگی می‌کرد.", "fa", "پرویز"),
        ("Тарас переїхав до Мальме минулого місяця.", "uk", "Тарас"),
        ("Олена дзвонила вчора ввечері.", "uk", "Олена"),
    ],
)
def test_a_known_name_in_another_script_is_redacted(text: str, language: str, name: str) -> None:
    redacted = redact(text, language=language).text
    assert name not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a kin word before a state, not a name: told to the policy as written
        ("والدتي مريضة جدا ولا أعرف ماذا أفعل.", "ar"),
        # a place after "in", not a name found after another name
        ("تعيش والدتي الآن في العراق منذ سنوات.", "ar"),
        # Cyrillic words that are names too, opening a sentence as words
        ("Надія помирає останньою.", "uk"),
        ("Мороз сильний сьогодні.", "uk"),
        ("Вера в лучшее помогает.", "ru"),
        ("Марта нет в списке.", "ru"),
    ],
)
def test_ordinary_words_in_those_scripts_stay(text: str, language: str) -> None:
    assert redact(text, language=language).text == text


def test_a_cyrillic_kin_word_before_a_state_names_no_one() -> None:
    # Cyrillic capitalises names: after "мама" a lower-case word that is no known name is a state
    text = "Добрий день. Мама хворіє вже тиждень, що робити?"
    assert redact(text, language="uk").text == text
    out = redact("моя мама ганна коваленко живе одна", language="uk").text
    assert "ганна" not in out and "коваленко" not in out, out


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("هل الموعد ٣٠ أبريل أم نهاية مايو؟", "ar"),
        ("مهلت ارسال گزارش تا ۱۵ بهمن است؟", "fa"),
    ],
)
def test_a_month_next_to_a_day_number_is_a_date(text: str, language: str) -> None:
    # months that names-dataset lists as names ("بهمن" is a given name too) are a date by a day
    assert redact(text, language=language).text == text


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("اتصلوا بي على 0701 740 612، سامي", "ar", "سامي"),
        ("شماره من: ۰۷۰۱۷۴۰۶۱۲ - مریم", "fa", "مریم"),
        ("ቁጽሪ ስልኪ 0701740612 ሳሙኤል", "ti", "ሳሙኤል"),
    ],
)
def test_a_known_name_after_the_closing_contact_number_signs_the_message(
    text: str, language: str, name: str
) -> None:
    out = redact(text, language=language).text
    assert name not in out and "[NAMN_1]" in out, out


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("اتصل بي على 0701 740 612 شكرا", "ar"),  # a thanks, not a name
        ("الموعد يوم ١٢ الساعة ٣ في المكتب", "ar"),  # a number mid-sentence
    ],
)
def test_a_word_after_a_number_is_no_signature_unless_a_known_name_ends_the_message(
    text: str, language: str
) -> None:
    out = redact(text, language=language).text
    assert "NAMN" not in out, out
