"""A handler's or writer's initials without dots: "/JL" closing a note, "ÖF-handl. MH".

Staff sign notes with two or three capitals after a slash at a line end, and journal lines name
the handler by initials after the word for handler ("handl.", "handläggare", "sign."). Initials
with dots and after a person cue are read in initials.py; these are the undotted ones where only
the place says a person is meant. Cheap: looked for only when the text holds a slash or the
handler word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit

NAMN = "NAMN"

_SLASH_SIGNED = re.compile(r"(?:^|(?<=\s))/[ \t]?([A-ZÅÄÖ]{2,3})[ \t]*[.!]?[ \t]*(?=\n|$)")
_HANDLER = re.compile(
    r"(?<![\wåäö])(?i:handl\.|handläggare|handläggaren|handläggarens|sign\.|signerat|signatur|handled by)"
    r"[ \t]?:?[ \t]*([A-ZÅÄÖ]{2,3})(?![\wåäö])"
)
# capitals that stand for no one
_NOT_A_PERSON = frozenset({"PS", "NN", "OSA", "VD", "EU", "USA", "UK", "OK", "SMS", "PDF", "ÖF", "GM", "HM"})


def signed_initials(text: str) -> Iterator[Hit]:
    if "/" in text:
        for m in _SLASH_SIGNED.finditer(text):
            if m.group(1) not in _NOT_A_PERSON:
                yield Hit(NAMN, m.start(1), m.end(1), 0.7)
    lowered_has = "handl" in text or "Handl" in text or "sign" in text.lower() or "handled" in text
    if lowered_has:
        for m in _HANDLER.finditer(text):
            if m.group(1) not in _NOT_A_PERSON:
                yield Hit(NAMN, m.start(1), m.end(1), 0.7)
