"""Which loader reads which file suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from knowledge.loaders.docx import load_docx
from knowledge.loaders.html import load_html
from knowledge.loaders.markdown import load_markdown
from knowledge.loaders.parsed import ParsedFile
from knowledge.loaders.pdf import load_pdf
from knowledge.loaders.text import load_text

Loader = Callable[[bytes, Path], ParsedFile]

LOADERS: dict[str, Loader] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".txt": load_text,
}

# Document formats an editor might drop in the folder that we cannot read: reported, not ignored.
UNSUPPORTED_DOCUMENTS = frozenset(
    {".doc", ".odt", ".rtf", ".pages", ".xlsx", ".xls", ".pptx", ".ppt", ".epub"}
)


def loader_for(path: Path) -> Loader | None:
    return LOADERS.get(path.suffix.lower())
