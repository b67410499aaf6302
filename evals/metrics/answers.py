"""Answer quality: fact coverage, groundedness and citation precision.

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
from evals.matching import Fact, content_tokens, fact_label, found_facts
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
