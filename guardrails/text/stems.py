"""Snowball stems of Swedish and English words ("årsräkningen" -> "årsräkning").

The documents are Swedish or English: English text gets the English stemmer and every other
language the Swedish one, since Swedish is the office's language and what its documents are
written in. One stemmer per language and thread is built once and kept: building one costs far
more than stemming a word, and a PyStemmer instance must not be used by two threads at a time
(the server answers turns on several threads).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import Stemmer


class _Stemmers(threading.local):
    """This thread's stemmers, by Snowball algorithm name."""

    def __init__(self) -> None:
        self.by_algorithm: dict[str, Stemmer.Stemmer] = {}


_STEMMERS = _Stemmers()


def _stemmer(language: str) -> Stemmer.Stemmer:
    algorithm = "english" if language == "en" else "swedish"
    stemmer = _STEMMERS.by_algorithm.get(algorithm)
    if stemmer is None:
        stemmer = _STEMMERS.by_algorithm[algorithm] = Stemmer.Stemmer(algorithm)
    return stemmer


def stem(word: str, language: str = "sv") -> str:
    """The stem of one lower-case word in `language` (an ISO 639-1 code such as "sv" or "en")."""
    return _stemmer(language).stemWord(word)


def stem_words(words: Iterable[str], language: str = "sv") -> list[str]:
    """The stems of lower-case `words`, in order (one stem per word)."""
    return _stemmer(language).stemWords(list(words))
