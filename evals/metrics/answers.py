"""Answer quality: fact coverage, groundedness and citation precision.

Groundedness asks, for each answer sentence, whether one cited passage supports it. Support is a
stemmed-overlap test (the same tokens as evals.matching): most of the sentence's content words
must occur in the passage, and every number in the sentence must occur there too, with the word
that follows it — a sentence that changes "1 mars" into "1 april" is unsupported even though
almost every word matches. When guardrails
exports its own support test (`guardrails.sentence_supported`), that one is used instead, so the
harness and the product judge grounding the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from evals.matching import Fact, content_tokens, fact_label, found_facts, same_word, tokens
from guardrails.text.sentences import split_sentences as line_sentences
from guardrails.text.sentences import without_bullet

_MARKER = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
SUPPORT_THRESHOLD = 0.6  # share of a sentence's content words found in one passage


def strip_markers(text: str) -> str:
    """Remove citation markers such as [1] or [1, 2]."""
    return _MARKER.sub("", text)


def split_sentences(text: str) -> list[str]:
    """Answer sentences without citation markers or list bullets; empty lines dropped."""
    out = []
    for line in text.splitlines():
        out.extend(s for s in line_sentences(without_bullet(strip_markers(line))) if re.search(r"\w", s))
    return out


_UNIT_TEXT = (
    "januari februari mars april maj juni juli augusti september oktober november december "
    "january february march may june july august october "
    "dag dagar vecka veckor månad månader år kr kronor procent % prisbasbelopp mil timmar "
    "day days week weeks month months year years"
)
_UNIT_WORDS = _UNIT_TEXT.split()


def _number_pairs(words: Sequence[str], units: frozenset[str]) -> set[tuple[str, str]]:
    """(number, unit) pairs: "1 mars", "2 månader", "25 kr" — a number with what it counts."""
    return {
        (words[i], words[i + 1])
        for i in range(len(words) - 1)
        if any(ch.isdigit() for ch in words[i]) and words[i + 1] in units
    }


def overlap_support(sentence: str, passage: str, language: str = "sv") -> float:
    """Share of the sentence's content words found in the passage; 0 when a number, or a number
    with its unit ("1 mars" where the passage says "1 april"), is not in the passage."""
    claimed = content_tokens(sentence, language)
    if not claimed:
        return 1.0
    available = content_tokens(passage, language)
    available_set = set(available)
    numbers = [t for t in claimed if any(ch.isdigit() for ch in t)]
    if any(number not in available_set for number in numbers):
        return 0.0
    units = frozenset(tokens(" ".join(_UNIT_WORDS), language))
    if not _number_pairs(tokens(sentence, language), units) <= _number_pairs(
        tokens(passage, language), units
    ):
        return 0.0
    hits = sum(1 for t in claimed if t in available_set or any(same_word(t, a) for a in available_set))
    return hits / len(claimed)


def _guardrails_support() -> Callable[[str, Sequence[str]], bool] | None:
    try:
        import guardrails
    except ImportError:  # pragma: no cover - guardrails is a dependency of the product
        return None
    return getattr(guardrails, "sentence_supported", None)


def is_supported(sentence: str, passages: Sequence[str], language: str = "sv") -> bool:
    """True when one of `passages` supports `sentence`."""
    external = _guardrails_support()
    if external is not None:
        return bool(external(sentence, list(passages)))
    return any(overlap_support(sentence, p, language) >= SUPPORT_THRESHOLD for p in passages)


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
        if is_supported(sentence, [*texts, *extra_sources], language):
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
