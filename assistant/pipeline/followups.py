"""Follow-up questions: resolve 'den', 'det', 'hur lång tid då?' against the (redacted) conversation.

Query rewriting, not generation: when the new question is short or leans on a pronoun, the key
terms of the previous answered question are appended, so retrieval finds the same topic.
"""

from __future__ import annotations

import re

from guardrails.text.stopwords import stop_words
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

# Not the composers' list on purpose: this one also drops question padding ("hur lång tid tar",
# "dagar", "mycket") so such a question reads as a follow-up, while the composers need those words
# to match answer sentences. A pronoun is never a key term either.
_STOPWORDS = stop_words("follow_up", "sv", "en") | _ANAPHORA

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
