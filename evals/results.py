"""What a run produces: the replies the assistant gave and the scores each case earned."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evals.dataset import Case


@dataclass(frozen=True)
class CitationView:
    n: int
    doc_id: str
    title: str = ""
    section: str = ""
    source_url: str = ""
    version: str = ""


@dataclass(frozen=True)
class HandoffView:
    reason: str
    queue: str | None = None
    urgency: str | None = None
    reference: str | None = None
    message: str = ""


@dataclass
class Reply:
    """One answer from the assistant, in process or over HTTP, reduced to what scoring needs."""

    answer: str = ""
    citations: list[CitationView] = field(default_factory=list)
    handoff: HandoffView | None = None
    language: str = ""
    confidence: float = 0.0
    notices: list[str] = field(default_factory=list)
    conversation_id: str | None = None
    conversation_token: str | None = None
    latency_s: float = 0.0
    error: str | None = None

    @property
    def cited_doc_ids(self) -> list[str]:
        """Cited documents in citation order, each once."""
        return list(dict.fromkeys(c.doc_id for c in self.citations))


@dataclass
class DraftView:
    """A staff draft reply, in process or over HTTP: its text (names restored, for the staff member
    only), its sources and the questions the draft writer found in the message."""

    text: str
    citations: list[CitationView] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    error: str | None = None
    latency_s: float = 0.0


@dataclass
class CaseResult:
    case: Case
    replies: list[Reply] = field(default_factory=list)
    draft: DraftView | None = None  # kind "draft": the staff draft instead of chat replies
    retrieved: list[str] = field(default_factory=list)  # ranked doc ids (each once)
    retrieval_source: str = ""  # "index" (the retriever itself) or "citations" (over HTTP)
    scores: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def reply(self) -> Reply:
        """The reply to the last turn: the one the expectations are about. A draft case's draft is
        presented as a reply too (text, citations, error), so reports and sheets show it."""
        if self.replies:
            return self.replies[-1]
        if self.draft is not None:
            return Reply(
                answer=self.draft.text, citations=list(self.draft.citations), error=self.draft.error,
                latency_s=self.draft.latency_s,
            )
        return Reply(error="inget svar")

    @property
    def errors(self) -> list[str]:
        """Errors of the replies (or of the draft): a case with one proves nothing either way."""
        found = [r.error for r in self.replies if r.error]
        if self.draft is not None and self.draft.error:
            found.append(self.draft.error)
        return found

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def latency_s(self) -> float:
        return sum(r.latency_s for r in self.replies) + (self.draft.latency_s if self.draft else 0.0)

