"""Sentences that cannot stand in an answer: they point to another part of their page.

A page may say "enligt tabellen ovan", "de beskrivs längre ned på sidan" or "Räcker inte stegen
ovan …": read on the page, the reader sees what is meant; quoted in a chat answer, the table, the
steps or the rules it points to are not there, and the sentence reads as clutter. A list's own
lead ("Beloppen nedan gäller 2025:") is quoted with its list and is not a stray.
"""

from __future__ import annotations

import re

# Words that place what a sentence talks about elsewhere on the page (above, below, in a table).
_ELSEWHERE = re.compile(
    r"\b(ovan|nedan|ovanför|nedanför|längre (ned|ner|upp)|högre upp|(i|se) tabellen|tabellen (ovan|nedan)|"
    r"above|below|further (down|up)|(in|see) the table)\b",
    re.IGNORECASE,
)


def points_elsewhere(sentence: str) -> bool:
    """Whether a sentence refers to a part of its page the answer does not quote (above, below,
    the table); a list's lead ending in ':' is quoted with its items, so it does not count."""
    text = sentence.strip()
    if text.endswith(":"):
        return False
    return _ELSEWHERE.search(text) is not None
