"""What a format loader hands back: sections, the metadata fields the file itself carries, a title hint."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from knowledge.documents import Section


class BrokenFile(Exception):
    """A file that cannot be read as its format; the message is a one-line Swedish reason."""


@dataclass
class ParsedFile:
    sections: list[Section]
    # Metadata found inside the file (front matter, HTML meta tags), before the sidecar is applied.
    fields: dict[str, Any] = field(default_factory=dict)
    # The format's own idea of a title (first heading, <title>, PDF/DOCX properties), if any.
    title_hint: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(section.text for section in self.sections)
