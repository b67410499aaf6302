"""A phone number written in short groups is taken whole even when it has a group too many for its
area code, and a number the pattern ran on into is still found on its own."""

from __future__ import annotations

from guardrails import redact


def test_a_number_one_short_group_too_long_leaves_no_digits() -> None:
    out = redact("Ring mig på 0611-990 42 10 efter fem.").text
    assert "10" not in out and "990" not in out, out
    assert redact("ring 08-123 456 78 9").text == "ring [TELEFON_1]"


def test_two_numbers_side_by_side_are_both_found() -> None:
    out = redact("070-123 45 67 08-765 43 21").text
    assert out == "[TELEFON_1] [TELEFON_2]", out


def test_a_day_after_a_number_in_one_long_group_stays() -> None:
    out = redact("Nås på 070-1234567 12 maj och framåt.").text
    assert "12 maj" in out and "1234567" not in out, out
