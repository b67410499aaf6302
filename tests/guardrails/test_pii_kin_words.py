"""A kin word in Arabic or Persian script ("زوجي" my husband, "مادرم" my mother) is followed as often by
a verb or a state as by a name: in a message in that script only a name the gazetteer knows (or a
name particle building one) is redacted after it, so a crisis told in those words reaches the policy
as written."""

from __future__ import annotations

import pytest

from guardrails import redact


@pytest.mark.parametrize(
    ("text", "language", "kept"),
    [
        ("زوجي يضربني كل يوم وأنا خائفة", "ar", "يضربني"),  # my husband hits me every day
        ("أخي يهددني بالمال", "ar", "يهددني"),  # my brother threatens me
        ("امي مريضة جدا ولا تستطيع الدفع", "ar", "مريضة"),  # my mother is very ill
        ("مادرم مرا کتک میزند", "fa", "مرا"),  # my mother beats me
        ("شوهرم پول مرا میگیرد", "fa", "پول"),  # my husband takes my money
    ],
)
def test_a_verb_or_state_after_a_kin_word_is_kept(text: str, language: str, kept: str) -> None:
    result = redact(text, language=language)
    assert kept in result.text
    assert not result.entities


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("ابني كريم عنده وصي", "ar", "كريم"),
        ("پدرم حسین رضایی فوت کرد", "fa", "حسین"),
        ("ابني عبد الله مريض", "ar", "عبد الله"),  # a particle builds the name with the next word
        ("Min mamma heter فاطمة, زوجي يضربني inte", "sv", "فاطمة"),
    ],
)
def test_a_known_name_after_a_kin_word_is_still_redacted(text: str, language: str, name: str) -> None:
    result = redact(text, language=language)
    assert name not in result.text
