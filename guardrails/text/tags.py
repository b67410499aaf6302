"""The redaction tag (`[PERSONNUMMER_1]`): its pattern, the types it can name, and which
tag-shaped strings are plausible tags at all.

A tag is what a vault issued. Text merely shaped like a tag ("[P_195001011234]",
"[NAMN_4203279494]") is ordinary text and the digits inside it are found like any others; only a
tag of a known type with a short number ("[NAMN_3]", nothing secret fits in four digits) is
reserved by a fresh vault so it never issues the same tag for someone else.

Everything after the redaction step sees only tags, so every package finds, counts and removes
them with the one pattern here.
"""

from __future__ import annotations

import re

_TYPE = "[A-ZÅÄÖ]+"
# The pattern as text, without groups, for building it into a larger pattern.
TAG_PATTERN = rf"\[{_TYPE}_\d+\]"
TAG = re.compile(rf"\[({_TYPE})_(\d+)\]")  # groups: the type, the number
# Every type the redactor emits; a tag of any other type was not issued by us.
ENTITY_TYPES = frozenset(
    {
        "PERSONNUMMER",
        "NAMN",
        "TELEFON",
        "EPOST",
        "BANKKONTO",
        "KORTNUMMER",
        "IBAN",
        "BANKGIRO",
        "PLUSGIRO",
        "ADRESS",
        "POSTNUMMER",
        "FODELSEDATUM",
        "ORGANISATIONSNUMMER",
        "ARENDENUMMER",
        "FASTIGHETSBETECKNING",
    }
)
MAX_TAG_DIGITS = 4  # a plausible tag number: 1..9999, no leading zero


def parse_tag(tag: str) -> tuple[str, int] | None:
    """(type, number) of a plausible tag, else None (never converts a long digit string)."""
    m = TAG.fullmatch(tag)
    if m is None:
        return None
    kind, number = m.group(1), m.group(2)
    if kind not in ENTITY_TYPES or len(number) > MAX_TAG_DIGITS or number.startswith("0"):
        return None
    return kind, int(number)


def find_tags(text: str) -> list[str]:
    """The tag-shaped strings in `text`, in order ("[NAMN_1]", ...)."""
    return [m.group(0) for m in TAG.finditer(text)]


def tag_types(text: str) -> frozenset[str]:
    """The types of the tag-shaped strings in `text` ({"NAMN", "TELEFON"})."""
    return frozenset(m.group(1) for m in TAG.finditer(text))


def strip_tags(text: str, replacement: str = " ") -> str:
    """`text` with every tag-shaped string replaced by `replacement` (a space keeps words apart:
    "[NAMN_1]" must not read as the word "namn")."""
    return TAG.sub(replacement, text)
