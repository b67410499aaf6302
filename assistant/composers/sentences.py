"""Sentence splitting and word stems for the composers (Swedish and English text from the corpus)."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.composers.answer_types import fold
from guardrails.text.stems import stem_words
from guardrails.text.stopwords import stop_words
from guardrails.text.tags import strip_tags

_WORD = re.compile(r"[0-9A-Za-zÅÄÖåäöÉéÜü]+")

# Forms of "bli" (become) the stemmer leaves apart: "Hur blir man god man?" is about becoming one,
# which "Vem kan bli god man?" answers and "Du har god man" does not.
_LEMMAS = {"blir": "bli", "blev": "bli", "blivit": "bli", "becomes": "become", "became": "become"}


def content_words(text: str, language: str = "sv") -> list[str]:
    """Lower-case words that carry meaning (no stop words, no redaction tags), diacritics kept."""
    # The list of the question's language (Swedish for a language without one) and the English list.
    stop = stop_words("sentence_choice", language, "en")
    words = [w.lower() for w in _WORD.findall(strip_tags(text))]
    words = [_LEMMAS.get(w, w) for w in words]
    return [w for w in words if w not in stop and (len(w) > 2 or w.isdigit())]


def content_stems(text: str, language: str = "sv") -> set[str]:
    """Stems of the content words, diacritics folded after stemming: people often type without å/ä/ö."""
    return set(_analysed(text, language)[0])


def folded_words(text: str, language: str = "sv") -> set[str]:
    """Content words with diacritics folded (for finding a stem inside a compound word)."""
    return set(_analysed(text, language)[1])


@lru_cache(maxsize=65_536)
def _analysed(text: str, language: str) -> tuple[frozenset[str], frozenset[str]]:
    # Cached: the same corpus sentences are analysed for question after question.
    words = content_words(text, language)
    stems = frozenset(fold(s) for s in stem_words(words, language))
    return stems, frozenset(fold(w) for w in words)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
