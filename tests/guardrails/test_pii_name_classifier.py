"""The word model that gives names a second opinion after the rules (recognizers/name_classifier.py).

Behaviour through the public faces: the shipped model's features are a closed vocabulary (no word
of any message), it only ever adds names to what the rules found, and it leaves alone what the
rules read as words, things, dates or places.
"""

from __future__ import annotations

import json
import re

import pytest

from guardrails import redact
from guardrails.recognizers import name_classifier as nc

_FEATURE = r"[a-z_]+(?:=[a-z]+)?"


def test_the_shipped_model_holds_only_named_features() -> None:
    data = json.loads(nc.MODEL_FILE.read_text(encoding="utf-8"))
    assert 0.0 < data["threshold"] < 1.0
    assert data["weights"], "an empty model would add nothing"
    for key in data["weights"]:
        assert re.fullmatch(rf"{_FEATURE}(?:&{_FEATURE})?", key), key


def test_features_name_no_word_of_the_message() -> None:
    text = "Vi pratade med Xqzwyn Brabbelstam om arvodet."
    words = nc.candidates(text, "sv")
    asked = [f for f in nc.features(text, "sv", words, []) if f is not None]
    assert len(asked) == 2  # the two unknown capitalised words; "Vi" opening the sentence is the rules'
    for feats in asked:
        assert not any("xqzwyn" in f.lower() or "brabbelstam" in f.lower() for f in feats)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sv", "Signerat av Eliza-\nbeth Nordin, förvaltare."),
        ("sv", "Per Holmgren ringde. Per månad blir det 300 kr."),
        ("en", "Does a Gibson Les Paul from 1976 count as an asset?"),
        ("sv", "Sankt Erik står staty vid stadshuset."),
        ("en", "The invoice is due 30 April."),
    ],
)
def test_the_model_only_adds_to_the_rules(language: str, text: str) -> None:
    with_model = redact(text, language=language)
    switch = nc.ENABLED.set(False)
    try:
        rules_only = redact(text, language=language)
    finally:
        nc.ENABLED.reset(switch)
    spans = {(e.start, e.end) for e in with_model.entities}
    assert {(e.start, e.end) for e in rules_only.entities} <= spans


def test_words_things_and_dates_stay() -> None:
    for language, text, kept in [
        ("sv", "Per Holmgren ringde. Per månad blir det 300 kr.", "Per månad"),
        ("en", "Does a Gibson Les Paul from 1976 count as an asset?", "Gibson Les Paul"),
        ("en", "The invoice is due 30 April.", "30 April"),
        ("sv", "Stig in och ta en kopp kaffe.", "Stig in"),
    ]:
        assert kept in redact(text, language=language).text


def test_a_name_split_over_a_line_break_is_taken_whole() -> None:
    redacted = redact("Signerat av Eliza-\nbeth Nordin, förvaltare.", language="sv").text
    assert "beth" not in redacted and "Nordin" not in redacted, redacted


def test_a_name_glued_between_words_is_taken_brands_stay() -> None:
    redacted = redact("hejjagheterAgnetaBergkvistochbehöverhjälp", language="sv").text
    assert "Agneta" not in redacted and "Bergkvist" not in redacted, redacted
    for kept in ("Betala via PayPal eller LinkedIn", "Jag har en iPhone och en MacBook"):
        assert redact(kept, language="sv").text == kept
