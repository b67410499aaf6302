"""Classes the ninth author's set (pii_wild9) named, through the public face (guardrails.redact)."""

from __future__ import annotations

from guardrails import redact


def test_an_english_verb_after_a_role_word_is_no_name_in_english_text() -> None:
    # output redaction names no language: an answer in English must keep its verbs
    text = "The huvudman pays if the guardian is entitled to a fee."
    assert redact(text).text == text
    assert redact(text, language="sv").text == text


def test_a_lower_case_name_after_a_role_word_in_swedish_is_still_found() -> None:
    out = redact("hej jag är god man för kalle och han mår bra", language="sv").text
    assert "kalle" not in out
