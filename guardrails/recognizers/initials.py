"""A person named by initials alone ("min huvudman S.H.", "god man för E.S.", "M.K. (19450202-…)").

Initials with a surname ("K. Lundqvist") are read by the name rules; initials standing alone are
a name only where the words around them say a person is meant: right after a cue that introduces a
person (the strong cues of name_cues.py: a role, a relation, "angående", a greeting) or right before
that person's personnummer in brackets. Cheap on the common path: nothing is looked at unless the
text holds two dotted capitals in a row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit
from guardrails.recognizers.name_cues import STRONG_BEFORE

NAMN = "NAMN"

_HINT = re.compile(r"[A-ZÅÄÖ]\.[ ]?[A-ZÅÄÖ]\.")
# two or three capitals, each with its dot, not the start of "S.H. Ström" (initials + surname) or of
# a longer dotted abbreviation
_INITIALS = re.compile(
    r"(?<![\w.])([A-ZÅÄÖ]\.[ ]?[A-ZÅÄÖ]\.(?:[ ]?[A-ZÅÄÖ]\.)?)(?![\w.]|[ \t]+[A-ZÅÄÖ][a-zåäö])"
)
# what initials stand for that is no one: a postscript, "nomen nescio" (a name not known)
_NOT_A_PERSON = frozenset({"PS", "NN", "OSA", "VD", "EU", "USA", "UK"})
# the person's personnummer in brackets right after ("M.K. (19450202-4732)")
_ID_AFTER = re.compile(r"[ \t]*\([ \t]*(?:19|20)?\d{6}[-+ ]?[\dX]{4}[ \t]*\)", re.IGNORECASE)


def initials_alone(text: str) -> Iterator[Hit]:
    if _HINT.search(text) is None:
        return
    for m in _INITIALS.finditer(text):
        letters = "".join(ch for ch in m.group(1) if ch.isalpha())
        if letters in _NOT_A_PERSON:
            continue
        prefix = text[max(0, m.start() - 40) : m.start()].lower()
        if STRONG_BEFORE.search(prefix) is not None or _ID_AFTER.match(text, m.end()) is not None:
            yield Hit(NAMN, m.start(1), m.end(1), 0.7)
