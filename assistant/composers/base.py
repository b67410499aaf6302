"""What every composer takes and gives: a redacted question with retrieved passages in, a cited answer out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from knowledge import Passage


@dataclass(frozen=True)
class ComposeRequest:
    question: str  # redacted, as the person wrote it
    query: str  # redacted, after follow-up rewriting (what retrieval used)
    passages: list[Passage]  # best first, all in `language`
    language: str  # language the answer is written in
    history: tuple[str, ...] = ()  # earlier redacted questions of the conversation
    asker_language: str | None = None  # when it differs from `language`, word overlap means nothing
    query_vector: Any = None  # the query embedded by retrieval (same embedder), reused when given

    @property
    def cross_lingual(self) -> bool:
        return self.asker_language is not None and self.asker_language != self.language


@dataclass
class ComposedAnswer:
    text: str  # with [n] markers
    cited: list[Passage]  # cited[n-1] is source [n]
    confidence: float
    composer: str
    sentences: list[str] = field(default_factory=list)  # answer sentences without markers
    fallback_reason: str | None = None  # set when a model answer was replaced by the extractive one

    @property
    def empty(self) -> bool:
        return not self.text.strip()


class Composer(Protocol):
    name: str

    def compose(self, request: ComposeRequest) -> ComposedAnswer: ...
