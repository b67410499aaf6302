"""Sentence splitting and word stems for the composers (Swedish and English text from the corpus)."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from assistant.composers.answer_types import fold
from guardrails.text.tags import strip_tags

_WORD = re.compile(r"[0-9A-Za-zÅÄÖåäöÉéÜü]+")

_STOP = {
    "sv": set(
        [
            "och",
            "att",
            "som",
            "för",
            "med",
            "till",
            "från",
            "inte",
            "har",
            "hur",
            "vad",
            "när",
            "var",
            "vem",
            "vilka",
            "vilken",
            "vilket",
            "varför",
            "kan",
            "jag",
            "min",
            "mitt",
            "mina",
            "mig",
            "ska",
            "skall",
            "måste",
            "får",
            "finns",
            "göra",
            "gör",
            "man",
            "ett",
            "en",
            "är",
            "om",
            "på",
            "av",
            "i",
            "vi",
            "ni",
            "er",
            "det",
            "den",
            "de",
            "dem",
            "detta",
            "denna",
            "dessa",
            "du",
            "dig",
            "din",
            "ditt",
            "dina",
            "så",
            "eller",
            "också",
            "även",
            "eftersom",
            "därför",
            "då",
            "där",
            "här",
            "sig",
            "sin",
            "sitt",
            "sina",
            "har",
            "hade",
            "vara",
            "varit",
            "alla",
            "andra",
            "mer",
            "mest",
            "hej",
            "tack",
            "snälla",
        ]
    ),
    "en": set(
        [
            "the",
            "a",
            "an",
            "and",
            "or",
            "to",
            "of",
            "in",
            "on",
            "for",
            "with",
            "from",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "can",
            "could",
            "do",
            "does",
            "did",
            "how",
            "what",
            "when",
            "who",
            "which",
            "why",
            "i",
            "my",
            "me",
            "you",
            "your",
            "we",
            "our",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "there",
            "then",
            "also",
            "as",
            "at",
            "by",
            "if",
            "not",
            "have",
            "has",
            "had",
            "will",
            "would",
            "should",
            "must",
            "need",
            # Verbs and words that say little of the matter (like "göra", "får" in Swedish).
            "get",
            "gets",
            "got",
            "take",
            "takes",
            "come",
            "comes",
            "go",
            "goes",
            "want",
            "like",
            "just",
            "any",
            "some",
            "about",
            "into",
            "than",
            "please",
            "hello",
            "thanks",
        ]
    ),
}


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish" if language != "en" else "english")


# Forms of "bli" (become) the stemmer leaves apart: "Hur blir man god man?" is about becoming one,
# which "Vem kan bli god man?" answers and "Du har god man" does not.
_LEMMAS = {"blir": "bli", "blev": "bli", "blivit": "bli", "becomes": "become", "became": "become"}


def content_words(text: str, language: str = "sv") -> list[str]:
    """Lower-case words that carry meaning (no stop words, no redaction tags), diacritics kept."""
    stop = _STOP.get(language, _STOP["sv"]) | _STOP["en"]
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
    stems = frozenset(fold(s) for s in _stemmer(language).stemWords(words))
    return stems, frozenset(fold(w) for w in words)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
