"""Greetings and sign-offs: the words that open and close a message ("Hej", "Mvh", "Pozdrawiam",
"مع التحية"), one list for every language written to the office (`data/salutations.yaml`).

A name follows them ("Hej Anna", "Mvh\nAnna"), so the name recognisers read them as cues; a line
made of them is no question, so the reply pipeline skips it. Both read this one list, so a closing
added for one is known to the other.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

Kind = Literal["greeting", "sign_off"]

_FILE = Path(__file__).parent / "data" / "salutations.yaml"
_SECTIONS: dict[str, str] = {"greeting": "greetings", "sign_off": "sign_offs"}


@cache
def _data() -> dict[str, dict[str, tuple[str, ...]]]:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for kind, section in _SECTIONS.items():
        out[kind] = {
            language: tuple(" ".join(str(p).lower().split()) for p in phrases)
            for language, phrases in raw[section].items()
        }
    return out


@cache
def salutations(kind: Kind, *languages: str) -> tuple[str, ...]:
    """The lower-case phrases of `kind` in `languages` (ISO 639-1 codes; none: every language),
    longest first and each once."""
    by_language = _data()[kind]
    chosen = languages or tuple(by_language)
    phrases = {p for lang in chosen for p in by_language.get(lang, ())}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@cache
def salutation_pattern(kind: Kind, *languages: str) -> str:
    """A regex alternation (no group, no anchors) matching any phrase of `kind`: words apart by any
    run of spaces. Compile it with re.IGNORECASE and add the anchors and word bounds you need:
    `re.compile(rf"^(?:{salutation_pattern('sign_off')})\\b", re.IGNORECASE)`."""
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in salutations(kind, *languages))


def salutation_endings() -> frozenset[str]:
    """The last word of every phrase, lower case: a phrase right before a word ends with one of
    these, so a caller can skip the patterns when the word before is none of them."""
    return frozenset(p.split()[-1] for kind in _SECTIONS for p in salutations(kind))  # type: ignore[arg-type]
