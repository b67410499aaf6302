"""The unit that retrieval returns and answers cite."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Passage:
    id: str
    doc_id: str
    version: str
    title: str
    section: str
    source_url: str
    language: str
    text: str
    score: float = 0.0
