"""Identifiers in forms the rules once missed (issue #14, sixth round), through the public `redact`.

The cases are made up for these tests (none is taken from a labelled set).
"""

from __future__ import annotations

from guardrails import redact


def test_letters_for_digits_after_a_word_ending_in_such_a_letter() -> None:
    # the "l" of "Tel" is the word's; the number after the space is read on its own
    out = redact("Tel 07O174O6I2 efter klockan fem", language="sv").text
    assert "[TELEFON_1]" in out and "174" not in out, out


def test_a_letter_spaced_e_mail_followed_by_a_comma() -> None:
    out = redact("ایمیل: m a r y a m . k @ g m a i l . c o m، ممنون", language="fa").text
    assert "g m a i l" not in out and " m،" not in out, out
