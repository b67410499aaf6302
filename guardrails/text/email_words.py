"""How "@" and "." are said in words when an e-mail address is written out, in every language
written to the office (`data/email_words.yaml`), split into words in Latin letters and words in
another script (the e-mail recogniser trusts the latter more: see the data file)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

_FILE = Path(__file__).parent / "data" / "email_words.yaml"


@dataclass(frozen=True)
class SpokenMarks:
    latin: tuple[str, ...]  # lower case, longest first
    other_script: tuple[str, ...]


def _is_latin(word: str) -> bool:
    return all(ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff" for ch in word)


@cache
def spoken_marks(kind: str) -> SpokenMarks:
    """The words for `kind` ("at" or "dot") in every language of the data file."""
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))[kind]
    words = {" ".join(str(w).lower().split()) for ws in raw.values() for w in ws}
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return SpokenMarks(
        tuple(w for w in ordered if _is_latin(w)), tuple(w for w in ordered if not _is_latin(w))
    )
