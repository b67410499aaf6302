"""An identifier written twice in one message ("Plusgiro: 12 34 56-7 eller om det var 1234567"):
the second writing is the same personal data, whatever its grouping or its lack of a cue.

After the recognisers have chosen, the digits of each chosen identifier (six digits or more) are
looked for elsewhere in the text, in any grouping of spaces, dashes, dots or slashes; where they
recur as a whole number (no digit glued before or after), that span is the same identifier.
"""

from __future__ import annotations

import re

from guardrails.entities import DIGIT_IDENTIFIER_TYPES

_MIN_DIGITS = 6
_NON_DIGIT = re.compile(r"\D+")


def repeated(text: str, chosen: list[tuple[str, int, int, float]]) -> list[tuple[str, int, int, float]]:
    """(type, start, end, score) of the recurrences of the chosen identifiers `chosen` (same form)."""
    out: list[tuple[str, int, int, float]] = []
    seen: set[str] = set()
    spans = [(s, e) for _, s, e, _ in chosen]
    all_digits = ""
    for kind, start, end, score in chosen:
        if kind not in DIGIT_IDENTIFIER_TYPES:
            continue
        number = "".join(ch for ch in text[start:end] if ch.isdigit())
        if len(number) < _MIN_DIGITS or number in seen:
            continue
        all_digits = all_digits or _NON_DIGIT.sub("", text)
        if all_digits.count(number) < 2:
            continue  # (the common case: the digits occur once, and no pattern is built)
        seen.add(number)
        pattern = re.compile(r"(?<![\d])" + r"[ \-./]?".join(number) + r"(?![\d])")
        for m in pattern.finditer(text):
            s, e = m.span()
            if not any(s < b and a < e for a, b in spans):
                out.append((kind, s, e, score))
    return out
