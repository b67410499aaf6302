"""Readability of Swedish answers: LIX (läsbarhetsindex) and sentence length.

LIX = words per sentence + 100 × share of words longer than six letters. Below 30 is very easy
(lättläst), 30–40 easy, 40–50 medium (ordinary news text), above 50 hard.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n+")
_MARKER = re.compile(r"\[\d+\]")


def _sentences(text: str) -> list[str]:
    parts = _SENTENCE_END.split(_MARKER.sub("", text))
    return [part for part in parts if _WORD.search(part)]


def lix(text: str) -> float | None:
    """LIX of `text`, or None when it has no words."""
    words = _WORD.findall(_MARKER.sub("", text))
    if not words:
        return None
    sentences = max(1, len(_sentences(text)))
    long_words = sum(1 for word in words if len(word) > 6)
    return len(words) / sentences + 100.0 * long_words / len(words)


def mean_sentence_words(text: str) -> float | None:
    """Average number of words per sentence, or None when there are no sentences."""
    sentences = _sentences(text)
    if not sentences:
        return None
    return sum(len(_WORD.findall(s)) for s in sentences) / len(sentences)
