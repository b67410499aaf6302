"""Function words of the languages written here (spaCy's stop-word lists), loaded once per language:
a function word is no name ("Yani", "Kada"), except where the name rules say otherwise."""

from __future__ import annotations

from functools import cache


@cache
def english_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@cache
def swedish_stop_words() -> frozenset[str]:
    from spacy.lang.sv.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


# spaCy's stop-word lists for the languages written here other than Swedish and English (BCS by the
# Croatian list); the message's named language chooses one.
STOP_WORD_LANGUAGE = {"tr": "tr", "bs": "hr", "sh": "hr", "hr": "hr", "sr": "sr", "fi": "fi", "de": "de",
                       "pl": "pl", "es": "es", "it": "it", "fr": "fr", "pt": "pt", "nl": "nl", "da": "da",
                       "no": "nb", "nb": "nb", "vi": "vi"}  # fmt: skip


@cache
def function_words(code: str) -> frozenset[str]:
    import importlib

    module = importlib.import_module(f"spacy.lang.{code}.stop_words")
    return frozenset(w.lower() for w in module.STOP_WORDS)
