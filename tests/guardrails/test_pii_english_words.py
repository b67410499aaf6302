"""Capitalised English words are no names without a name signal (English pages and messages).

English capitalises headings, link text, glosses, weekdays, languages and the names of places and
services, so in English text a capitalised run made only of English common words that are no
given name (SCOWL's lower-case entries, guardrails/text/english_words.py), languages, weekdays and
months is not a person unless a signal stands with it: a cue or title, a signature, a known first
name before a known surname, grammar only a person fits, or a conjunction joining it to a found
name. Through the public `scan`/`redact`; the cases are made up for these tests (none from a set).
"""

from __future__ import annotations

import pytest

from guardrails import redact, scan
from guardrails.text.english_words import english_words, is_english_word

NOT_NAMES = [
    # weekday abbreviations before times and in a range
    "Opening hours: Mon 09.00–11.30 and Thu 13.00–15.00.",
    "Open Mon–Fri.",
    # a gloss in brackets, a place, a service, a heading's words, link text
    "Find us at Rådhuset (Town Hall), second floor.",
    "Ask at the Town Hall reception.",
    "Letters go to the Guardianship Office (Hall B).",
    "The Hall is booked.",
    "Apply via Social Services.",
    "In Swedish: årsräkning. In English: Annual Report",
    "Links: Easy-to-read Swedish · Contact",
    "See the Easy Read version.",
]

NAMES = [
    # (text, the name that must be gone)
    ("My name is Rich Read and I am a trustee.", "Read"),  # a naming cue
    ("The trustee is Mr Hall.", "Hall"),  # a title
    ("Please forward this to Grace Hall.", "Grace Hall"),  # a first name and a surname
    ("Can you check the account for Mark?", "Mark"),  # a given name that is a word
    ("Kind regards,\nHall", "Hall"),  # a signature
    ("Oliver Brandt signed it.\nBrandt & Mills Solicitors", "Mills"),  # joined to a found name
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_english_words_are_not_names_in_english_text(text: str) -> None:
    assert [text[e.start : e.end] for e in scan(text, language="en") if e.type == "NAMN"] == []


@pytest.mark.parametrize(("text", "name"), NAMES, ids=[n for _, n in NAMES])
def test_a_name_signal_keeps_the_name(text: str, name: str) -> None:
    assert name not in redact(text, language="en").text


def test_the_rule_holds_for_english_text_only() -> None:
    # a Swedish message: an English word capitalised mid-sentence is no sign of English capitals
    assert "Hall" not in redact("Jag har pratat med Hall på banken om kontot.", language="sv").text


def test_unnamed_language_reading_english_is_english() -> None:
    # output redaction checks answers with no language named
    text = "The office is in the City Hall and you can call on Tue."
    assert [e for e in scan(text) if e.type == "NAMN"] == []


def test_the_word_list_is_lower_case_words_only() -> None:
    words = english_words()
    assert len(words) > 30000
    assert all(w.islower() and w.isalpha() for w in words)
    assert is_english_word("Easy-to-read") and not is_english_word("Easy-to-Lindqvist")


def test_a_heading_path_part_in_capitals_is_a_heading() -> None:
    # each part of a heading path is judged on its own: a shouted part is a heading, not a name
    text = "Årsräkning för gode män och förvaltare under första året › VAD SKA TAS MED?"
    assert [e for e in scan(text, language="sv") if e.type == "NAMN"] == []
    assert "Anna" not in redact("Exempel › ANNA SVENSSON ANSÖKER", language="sv").text
