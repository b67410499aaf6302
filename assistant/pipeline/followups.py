"""Follow-up questions: resolve 'den', 'det', 'hur lång tid då?' against the (redacted) conversation.

Query rewriting, not generation: when the new question is short or leans on a pronoun, the key
terms of the previous answered question are appended, so retrieval finds the same topic.
"""

from __future__ import annotations

import re

from guardrails.text.tags import TAG_PATTERN

_WORD = re.compile(rf"{TAG_PATTERN}|[\wåäöÅÄÖéü]+", re.UNICODE)

_ANAPHORA = {
    # Swedish
    "den",
    "det",
    "dem",
    "de",
    "dessa",
    "denna",
    "detta",
    "där",
    "då",
    "sådan",
    "sådant",
    "sådana",
    "hen",
    "han",
    "hon",
    "honom",
    "henne",
    "dess",
    "dit",
    "samma",
    "också",
    "även",
    # English
    "it",
    "that",
    "this",
    "they",
    "them",
    "those",
    "these",
    "there",
    "then",
    "its",
    "also",
}

# Not the composers' list (composers/sentences.py) on purpose: this one also drops question padding
# ("hur lång tid tar", "dagar", "mycket") so such a question reads as a follow-up, while the composers
# need those words to match answer sentences.
_STOPWORDS = {
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
    "behöver",
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
    "ert",
    "eller",
    "så",
    "lång",
    "långt",
    "tid",
    "tar",
    "the",
    "and",
    "what",
    "how",
    "when",
    "who",
    "can",
    "does",
    "do",
    "is",
    "are",
    "for",
    "with",
    "from",
    "have",
    "has",
    "need",
    "should",
    "long",
    "take",
    "takes",
    "about",
    "there",
    "much",
    "mycket",
    "dag",
    "dagar",
    "hej",
    "tack",
    "snälla",
    "please",
    "hello",
    "också",
    *_ANAPHORA,
}

SHORT_QUESTION_WORDS = 4


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def key_terms(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in words(text):
        if word.startswith("[") or len(word) < 3 or word in _STOPWORDS or word.isdigit():
            continue
        seen.setdefault(word, None)
    return list(seen)


def is_follow_up(text: str) -> bool:
    """Leans on an earlier question: a pronoun with little topic of its own, or almost no topic at all."""
    tokens = words(text)
    if not tokens:
        return False
    own_terms = len(key_terms(text))
    if own_terms <= 2 and any(t in _ANAPHORA for t in tokens):
        return True
    return len(tokens) <= SHORT_QUESTION_WORDS and own_terms <= 1


def rewrite(question: str, previous_queries: tuple[str, ...] | list[str]) -> str:
    """The retrieval query for `question` given earlier (redacted) queries of the conversation."""
    if not previous_queries or not is_follow_up(question):
        return question
    present = set(words(question))
    extra = [t for t in key_terms(previous_queries[-1]) if t not in present]
    if not extra:
        return question
    return f"{question} {' '.join(extra[:8])}"
