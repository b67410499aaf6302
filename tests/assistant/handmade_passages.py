"""Hand-made passages for the composer tests (no index, no server)."""

from __future__ import annotations

from knowledge import Passage


def passage(pid: str, section: str, text: str, doc_id: str | None = None, dense: float = 0.0) -> Passage:
    """A Swedish passage `pid` of document `doc_id` (default: the passage id) under `section`."""
    return Passage(
        id=pid,
        doc_id=doc_id or pid,
        version="1",
        title=(doc_id or pid).capitalize(),
        section=section,
        source_url=f"https://example.invalid/{doc_id or pid}",
        language="sv",
        text=text,
        dense=dense,
    )


def compose(question: str, passages: list[Passage], language: str = "sv") -> str:
    """The extractive composer's answer (no embedder) to a question over hand-made passages."""
    from assistant.composers import ComposeRequest, ExtractiveComposer

    request = ComposeRequest(question=question, query=question, passages=passages, language=language)
    return ExtractiveComposer(None).compose(request).text
