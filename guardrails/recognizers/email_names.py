"""Names an e-mail address gives away: its local part names its owner ("zosia_k@...",
"aamu.koskinen@..."), so a word of the same message built on one of its parts is that person's
name, in whatever case form the language puts it ("Zosi nie ma w domu", "kirjeen Aamulta").

A part counts when it is no ordinary word (an address like "info@" or "kontakt@" names no one):
no word of the Swedish or English dictionaries and no function word. The word in the message must
start with the part (a letter of it may give way to the ending: "zosia" -> "Zosi") and carry at
most a short ending, and it must be capitalised or the part a known name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_LOCAL_PART = re.compile(r"([^\W_][\w.+-]{1,63})@[\w-]")
_PART = re.compile(r"[^\W\d_]{3,}")
_WORD = re.compile(r"(?<![\w@.+-])[^\W\d_]{3,}(?![\w@])")
_MAX_ENDING = 4
_MAX_ADDRESSES = 8  # bounded work on a text full of addresses


def email_parts(text: str, ordinary: Callable[[str], bool]) -> list[str]:
    """The lower-cased parts of the e-mail addresses' local parts that are no ordinary word."""
    parts: list[str] = []
    for m in list(_LOCAL_PART.finditer(text))[:_MAX_ADDRESSES]:
        for p in _PART.findall(m.group(1)):
            low = p.lower()
            if low not in parts and not ordinary(low):
                parts.append(low)
    return parts


def names_from_emails(
    text: str, ordinary: Callable[[str], bool], known: Callable[[str], bool]
) -> Iterator[tuple[int, int]]:
    """(start, end) of the words outside the addresses that are built on an address's part."""
    if "@" not in text:
        return
    parts = email_parts(text, ordinary)
    if not parts:
        return
    for m in _WORD.finditer(text):
        word = m.group(0)
        low = word.lower()
        for part in parts:
            stem = part if low.startswith(part) else part[:-1] if len(part) >= 4 else ""
            if (
                stem
                and low.startswith(stem)
                and len(low) - len(stem) <= _MAX_ENDING
                and (word[0].isupper() or known(part))
                and not ordinary(low)
            ):
                yield m.start(), m.end()
                break
