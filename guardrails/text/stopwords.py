"""Stop words: the words that carry no topic, one list per purpose and language.

What counts as "no topic" depends on what the words are for: the BM25 index keeps "inte" and
"ska", a follow-up question drops "hur lång tid", the output check has no greeting words. So each
purpose keeps its own list, as a data file an office can read (`data/stopwords/<purpose>.<language>.txt`,
each file says whom it serves and why it is shaped so).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

# retrieval: the lexical index (knowledge); grounding: the output check (guardrails);
# sentence_choice: the composers matching a question to sentences; follow_up: a question's key
# terms when it may lean on the one before (assistant); scoring: what a sentence claims (evals).
Purpose = Literal["retrieval", "grounding", "sentence_choice", "follow_up", "scoring"]

_DIRECTORY = Path(__file__).parent / "data" / "stopwords"
# Swedish is the office's language: a language without a list of its own uses the Swedish one.
_FALLBACK = "sv"


@cache
def stop_words(purpose: Purpose, *languages: str) -> frozenset[str]:
    """The lower-case stop words for `purpose` in all `languages` (ISO 639-1 codes), together."""
    words: set[str] = set()
    for language in languages:
        words |= _read(purpose, language)
    return frozenset(words)


@cache
def _read(purpose: str, language: str) -> frozenset[str]:
    path = _DIRECTORY / f"{purpose}.{language}.txt"
    if not path.exists():
        if not any(_DIRECTORY.glob(f"{purpose}.*.txt")):
            raise ValueError(f"no stop words for the purpose {purpose!r}")
        return _read(purpose, _FALLBACK)
    text = path.read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() for w in line.partition("#")[0].split())
