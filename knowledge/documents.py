"""Approved office documents as loaded from disk: their approval metadata and their sections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class DocumentMeta:
    """Approval metadata of one document (sidecar YAML, front matter or HTML meta tags)."""

    doc_id: str
    title: str
    approved: bool
    version: str
    language: str
    source_url: str = ""
    approved_by: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    audience: str | None = None
    # "Questions this page answers" (optional metadata): matched against a question at search time.
    questions: tuple[str, ...] = ()

    def servable_reason(self, today: dt.date) -> str | None:
        """Why this document must not be served today, or None when it may be."""
        if not self.approved:
            return "inte godkänd (approved: false)"
        if self.valid_from and self.valid_from > today:
            return f"inte giltig än (valid_from {self.valid_from.isoformat()})"
        if self.valid_until and today >= self.valid_until:
            return f"har gått ut (valid_until {self.valid_until.isoformat()})"
        return None


@dataclass(frozen=True)
class Section:
    """A run of text under one heading path, e.g. ("Årsräkning", "Bilagor")."""

    heading_path: tuple[str, ...]
    text: str


@dataclass
class Document:
    meta: DocumentMeta
    sections: list[Section]
    path: Path | None = None


@dataclass
class LoadIssue:
    """A file that was skipped (policy: draft, expired) or failed (broken file)."""

    path: Path
    reason: str


@dataclass
class LoadReport:
    documents: list[Document] = field(default_factory=list)
    skipped: list[LoadIssue] = field(default_factory=list)
    failed: list[LoadIssue] = field(default_factory=list)
