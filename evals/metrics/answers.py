"""Answer quality: fact coverage, where the first fact stands, groundedness and citation precision.

Groundedness asks, for each answer sentence, whether one cited passage supports it, with the
product's own support test (`guardrails.sentence_supported`: numbers, months, weekdays and
negations must occur in the passage, and enough of the content words), so the harness and the
product judge grounding the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import guardrails
from evals.matching import Fact, contains_fact, content_tokens, fact_label, found_facts
from guardrails.text.sentences import split_sentences as line_sentences
from guardrails.text.sentences import without_bullet

_MARKER = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")


def strip_markers(text: str) -> str:
    """Remove citation markers such as [1] or [1, 2]."""
    return _MARKER.sub("", text)


def split_sentences(text: str) -> list[str]:
    """Answer sentences without citation markers or list bullets; empty lines dropped."""
    out = []
    for line in text.splitlines():
        out.extend(s for s in line_sentences(without_bullet(strip_markers(line))) if re.search(r"\w", s))
    return out


def is_supported(sentence: str, passages: Sequence[str]) -> bool:
    """True when one of `passages` supports `sentence` (the product's own test)."""
    return guardrails.sentence_supported(sentence, list(passages))


@dataclass
class Grounding:
    sentences: int = 0
    supported: int = 0
    unsupported: list[str] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return self.supported / self.sentences if self.sentences else None


def groundedness(
    answer: str,
    sources: Sequence[str] | Callable[[str], Sequence[str]],
    language: str = "sv",
    extra_sources: Sequence[str] = (),
) -> Grounding:
    """Share of answer sentences supported by a cited passage.

    `sources` is the cited passages' texts, or a function giving the cited texts that may support
    one sentence. `extra_sources` are approved texts that are not passages but may be stated (the
    office's own contact details from office.yaml); a sentence they support counts as supported.
    """
    result = Grounding()
    for sentence in split_sentences(answer):
        if not content_tokens(sentence, language):
            continue  # nothing claimed ("Hej!", a lone link label)
        result.sentences += 1
        texts = sources(sentence) if callable(sources) else sources
        if is_supported(sentence, [*texts, *extra_sources]):
            result.supported += 1
        else:
            result.unsupported.append(sentence)
    return result


def fact_coverage(answer: str, facts: Sequence[Fact]) -> tuple[float | None, list[str]]:
    """(share of facts found in the answer, labels of the missing ones); None without facts."""
    if not facts:
        return None, []
    found, missing = found_facts(strip_markers(answer), facts)
    return len(found) / len(facts), [fact_label(f) for f in missing]


def citation_precision(
    cited_doc_ids: Sequence[str],
    expected_doc_ids: Sequence[str],
    supports_answer: Callable[[str], bool],
) -> float | None:
    """Share of cited documents that are expected or support at least one answer sentence."""
    cited = list(dict.fromkeys(cited_doc_ids))
    if not cited:
        return None
    expected = set(expected_doc_ids)
    good = sum(1 for doc_id in cited if doc_id in expected or supports_answer(doc_id))
    return good / len(cited)


# A word of an answer: a run of text with a letter or digit in it (a list's "-" is none).
_WORD = re.compile(r"\S*\w\S*")
# An opening sentence this short ("Ja.", "Nej.", "Yes.") is a lead, read as one with the sentence after it.
_LEAD_WORDS = 2


def answer_words(answer: str) -> list[str]:
    """The words of an answer as a reader sees them: citation markers and list bullets left out."""
    return _WORD.findall(strip_markers(answer))


def words_before_fact(answer: str, facts: Sequence[Fact]) -> int | None:
    """How many words of the answer a reader passes before the first gold fact starts (0: the
    answer opens with it); None when no fact is in the answer.

    The first fact is the one that ends first: the shortest opening of the answer that holds a fact
    is found, then the latest start within that opening where the fact still stands whole. Both
    searches halve (holding a fact only grows with the text), so the cost is a few matches per case.
    """
    words = answer_words(answer)
    if not facts or not words:
        return None

    def holds(start: int, end: int) -> bool:
        text = " ".join(words[start:end])
        return any(contains_fact(text, fact) for fact in facts)

    if not holds(0, len(words)):
        return None
    low, high = 1, len(words)  # the shortest opening [0, end) that holds a fact
    while low < high:
        middle = (low + high) // 2
        if holds(0, middle):
            high = middle
        else:
            low = middle + 1
    end = low
    low, high = 0, end - 1  # the latest start in [0, end) that still holds it
    while low < high:
        middle = (low + high + 1) // 2
        if holds(middle, end):
            low = middle
        else:
            high = middle - 1
    return low


def opening_words(answer: str) -> int:
    """How many words the answer's opening sentence has: the first sentence, with a one- or
    two-word lead ("Ja.", "Nej.") read together with the sentence after it."""
    count = 0
    for sentence in split_sentences(answer):
        count += len(_WORD.findall(sentence))
        if count > _LEAD_WORDS:
            break
    return count
