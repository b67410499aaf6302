"""What the harness talks to: the Assistant in this process, or a running server by URL.

Both give the same `Reply`, so every scorer works on either. In process the harness also sees the
retriever itself (ranked documents for recall) and the stored passages (for groundedness); over
HTTP, retrieval is judged from the citations and passages come from a corpus folder.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from evals.results import CitationView, DraftView, HandoffView, Reply

if TYPE_CHECKING:
    from assistant import Assistant
    from knowledge import Passage

RANK_DEPTH = 20  # passages fetched to rank five distinct documents
__all__ = ["CorpusPassages", "DraftView", "HttpTarget", "InProcessTarget", "Target", "reply_from"]


class Target(Protocol):
    description: str

    def chat(
        self,
        message: str,
        conversation_id: str | None = None,
        token: str | None = None,
        language: str | None = None,
    ) -> Reply: ...

    def draft(self, text: str, staff: str) -> DraftView | None: ...

    def ranked_documents(self, question: str, reply: Reply) -> list[str] | None: ...

    def passage_texts(self, citation: CitationView, sentence: str, question: str = "") -> list[str]: ...

    def document_ids(self) -> list[str] | None: ...


def _citations(raw: list[dict[str, Any]]) -> list[CitationView]:
    return [
        CitationView(
            n=int(c.get("n", 0) or 0),
            doc_id=str(c.get("doc_id", "")),
            title=str(c.get("title", "") or ""),
            section=str(c.get("section", "") or ""),
            source_url=str(c.get("source_url", "") or ""),
            version=str(c.get("version", "") or ""),
        )
        for c in raw
    ]


def reply_from(data: dict[str, Any], latency_s: float) -> Reply:
    """A ChatReply (as JSON-like dict) reduced to a Reply."""
    handoff = data.get("handoff")
    return Reply(
        answer=data.get("answer") or "",
        citations=_citations(data.get("citations") or []),
        handoff=HandoffView(
            reason=str(handoff.get("reason", "")),
            queue=handoff.get("queue"),
            urgency=handoff.get("urgency"),
            reference=handoff.get("reference"),
            message=handoff.get("message") or "",
        )
        if handoff
        else None,
        language=data.get("language") or "",
        confidence=float(data.get("confidence") or 0.0),
        notices=list(data.get("notices") or []),
        conversation_id=data.get("conversation_id"),
        conversation_token=data.get("conversation_token"),
        latency_s=latency_s,
    )


class CorpusPassages:
    """Passages of a corpus folder, chunked the way ingest chunks them (for groundedness over HTTP),
    with the allow list of `office_file` (the office file the server is configured with)."""

    def __init__(self, corpus: Path, office_file: Path | None = None) -> None:
        from guardrails import load_office
        from knowledge import chunk_document, load_documents

        report = load_documents(corpus)
        office = load_office(office_file)
        self._by_doc: dict[str, list[Any]] = {}
        for document in report.documents:
            for passage in chunk_document(document, office=office):
                self._by_doc.setdefault(passage.doc_id, []).append(passage)

    def texts(self, citation: CitationView, sentence: str, question: str = "") -> list[str]:
        passages = self._by_doc.get(citation.doc_id, [])
        same_section = [p.text for p in passages if citation.section and p.section == citation.section]
        return same_section or [p.text for p in passages]

    def document_ids(self) -> list[str]:
        return sorted(self._by_doc)


class InProcessTarget:
    """The real Assistant object, driven in this process."""

    def __init__(self, assistant: Assistant, description: str = "i processen") -> None:
        self.assistant = assistant
        self.description = description
        self.traces: list[dict[str, Any]] = []
        self._retrieval: dict[str, tuple[str, list[str]]] = {}  # message -> (query, retrieval languages)

    def chat(
        self,
        message: str,
        conversation_id: str | None = None,
        token: str | None = None,
        language: str | None = None,
    ) -> Reply:
        started = time.perf_counter()
        try:
            result = self.assistant.turn(message, conversation_id, token, language)
        except Exception as exc:  # one failing case must not end the run; it is scored as failed
            return Reply(error=f"{type(exc).__name__}: {exc}", latency_s=time.perf_counter() - started)
        latency = time.perf_counter() - started
        trace = result.trace.as_dict()
        self.traces.append(trace)
        reply = reply_from(result.reply.model_dump(), latency)
        retrieve = [s for s in trace["stages"] if s.get("stage") == "retrieve"]
        query = trace.get("query") or trace.get("redacted_text") or message
        languages = list(dict.fromkeys(str(s.get("language") or reply.language) for s in retrieve))
        self._retrieval[message] = (query, languages or [reply.language])
        return reply

    def draft(self, text: str, staff: str) -> DraftView | None:
        started = time.perf_counter()
        try:
            result = self.assistant.draft(text, staff)
        except Exception as exc:
            return DraftView(text="", error=f"{type(exc).__name__}: {exc}",
                             latency_s=time.perf_counter() - started)
        return DraftView(
            text=result.text,
            citations=_citations([c.model_dump() for c in result.citations]),
            questions=list(result.questions),
            latency_s=time.perf_counter() - started,
        )

    @lru_cache(maxsize=2048)  # noqa: B019 - one target per run; the cache dies with it
    def _retrieved(self, query: str, language: str) -> tuple[Passage, ...]:
        # The pipeline's own retrieval, repeated: search is deterministic and greedy, so these
        # passages start with exactly the ones the composer saw (and cited).
        return tuple(self.assistant.index.search(query, k=RANK_DEPTH, language=language or None))

    def ranked_documents(self, question: str, reply: Reply) -> list[str] | None:
        query, languages = self._retrieval.get(question, (question, [reply.language]))
        passages = self._retrieved(query, languages[0])
        return list(dict.fromkeys(p.doc_id for p in passages))

    def passage_texts(self, citation: CitationView, sentence: str, question: str = "") -> list[str]:
        # The cited section's own passages (a citation names the section it quotes, and an answer
        # quotes only the sections it cites): never other passages that search happened to find.
        cited = self.assistant.index.section_of(citation.doc_id, citation.section, citation.version or None)
        return [p.text for p in cited]

    def document_ids(self) -> list[str] | None:
        return [meta.doc_id for meta in self.assistant.index.documents()]


class HttpTarget:
    """A running Tillit server (`tillit serve`), by base URL."""

    def __init__(
        self,
        url: str,
        staff_key: str | None = None,
        passages: CorpusPassages | None = None,
        timeout_s: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import httpx

        self.description = f"server {url}"
        self.url = url.rstrip("/")
        self.staff_key = staff_key
        self._passages = passages
        self._sleep = sleep
        self._client = httpx.Client(base_url=self.url, timeout=timeout_s)

    def close(self) -> None:
        self._client.close()

    def reachable(self) -> str | None:
        """None when the server answers /healthz; otherwise why not (for a one-line error)."""
        try:
            response = self._client.get("/healthz", timeout=10.0)
        except Exception as exc:
            return f"servern {self.url} svarar inte ({type(exc).__name__}: {exc})"
        if response.status_code != 200:
            return f"servern {self.url} svarar {response.status_code} på /healthz"
        return None

    def _post(self, path: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
        import httpx

        for _attempt in range(6):
            response = self._client.post(path, json=body, headers=headers or {})
            if response.status_code != 429:
                break
            # The server's rate limit protects citizens; the harness waits its turn.
            self._sleep(float(response.headers.get("Retry-After", "5") or 5))
        if response.status_code >= 400:
            try:
                detail = response.json().get("detail", response.text)
            except ValueError:
                detail = response.text
            raise httpx.HTTPStatusError(f"HTTP {response.status_code}: {detail}", request=response.request,
                                        response=response)
        return response.json()

    def chat(
        self,
        message: str,
        conversation_id: str | None = None,
        token: str | None = None,
        language: str | None = None,
    ) -> Reply:
        body: dict[str, Any] = {"message": message}
        if conversation_id:
            body["conversation_id"] = conversation_id
            body["conversation_token"] = token
        if language:
            body["language"] = language
        started = time.perf_counter()
        try:
            data = self._post("/api/chat", body)
        except Exception as exc:
            return Reply(error=str(exc), latency_s=time.perf_counter() - started)
        return reply_from(data, time.perf_counter() - started)

    def draft(self, text: str, staff: str) -> DraftView | None:
        if not self.staff_key:
            return None
        started = time.perf_counter()
        try:
            data = self._post("/api/drafts", {"text": text}, {"Authorization": f"Bearer {self.staff_key}"})
        except Exception as exc:
            return DraftView(text="", error=str(exc), latency_s=time.perf_counter() - started)
        return DraftView(
            text=data.get("text", ""),
            citations=_citations(data.get("citations") or []),
            questions=list(data.get("questions") or []),
            latency_s=time.perf_counter() - started,
        )

    def ranked_documents(self, question: str, reply: Reply) -> list[str] | None:
        return reply.cited_doc_ids

    def passage_texts(self, citation: CitationView, sentence: str, question: str = "") -> list[str]:
        return self._passages.texts(citation, sentence) if self._passages else []

    def document_ids(self) -> list[str] | None:
        if self.staff_key:
            try:
                response = self._client.get(
                    "/api/documents", headers={"Authorization": f"Bearer {self.staff_key}"}
                )
                if response.status_code == 200:
                    return [d["doc_id"] for d in response.json()]
            except Exception:
                pass
        return self._passages.document_ids() if self._passages else None
