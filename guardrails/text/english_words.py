"""English common words: the lower-case entries of SCOWL's size-35 lists ("small": the words of
ordinary English), British and American spellings together.

A word is an English common word when its lower-case form is an entry there ("hall", "read",
"services", "gardens"); a capitalised entry ("John", "Hall" as a surname) is a proper noun and
does not count. The name rules read it to tell a capitalised English word ("City Hall", "Read
also", "Social Services") from a name ("Anna Hall"). The list is data (`names_data/english_words.txt.gz`,
~40 000 words), built once by `python -m guardrails.text.english_words build` from Debian's
`wbritish-small` and `wamerican-small` (SCOWL 2020.12.07); SCOWL's copyright notice heads the file.
"""

from __future__ import annotations

import gzip
import sys
from functools import cache
from pathlib import Path

# beside the names gazetteer, as package data like it
WORDS_FILE = Path(__file__).resolve().parent.parent / "names_data" / "english_words.txt.gz"
SOURCES = ("/usr/share/dict/british-english-small", "/usr/share/dict/american-english-small")
_NOTICE = """\
# English common words: the lower-case entries without an apostrophe of SCOWL size 35, British and
# American spellings (Debian wbritish-small and wamerican-small 2020.12.07), one a line.
# Built by `python -m guardrails.text.english_words build`.
# SCOWL (Spell Checker Oriented Word Lists), Copyright 2000-2011 by Kevin Atkinson: "Permission to
# use, copy, modify, distribute and sell these word lists, the associated scripts, the output
# created from the scripts, and its documentation for any purpose is hereby granted without fee,
# provided that the above copyright notice appears in all copies and that both that copyright
# notice and this permission notice appear in supporting documentation. Kevin Atkinson makes no
# representations about the suitability of this array for any purpose. It is provided "as is"
# without express or implied warranty."
"""


@cache
def english_words() -> frozenset[str]:
    """The lower-case English common words (loaded once)."""
    with gzip.open(WORDS_FILE, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))


def is_english_word(word: str) -> bool:
    """The word is an English common word in lower case; a hyphenated word when each of its parts
    is one ("Easy-to-read", "Follow-up")."""
    words = english_words()
    low = word.lower()
    if low in words:
        return True
    parts = low.split("-")
    return len(parts) > 1 and all(p in words for p in parts)


def build(sources: tuple[str, ...] = SOURCES, out: Path = WORDS_FILE) -> int:
    """Write the list from SCOWL word-list files; only entries in lower case count (a capitalised
    entry is a proper noun: "John", "Monday")."""
    words: set[str] = set()
    for source in sources:
        for line in Path(source).read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word and word.isalpha() and word.islower():
                words.add(word)
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        raw.write((_NOTICE + "\n".join(sorted(words)) + "\n").encode("utf-8"))
    return len(words)


if __name__ == "__main__":  # pragma: no cover - a build step
    if sys.argv[1:2] == ["build"]:
        print(build(tuple(sys.argv[2:]) or SOURCES))
