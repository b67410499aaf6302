"""Word documents: Heading/Title styles become headings, list paragraphs "- item", table rows "a | b".

Hidden text (Word's "Dold" font setting, w:vanish, on a run or through its styles) is left out: a
reader of the document does not see it, and it is where an injected instruction would hide.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from knowledge.loaders.parsed import BrokenFile, ParsedFile
from knowledge.loaders.sections import SectionBuilder, clean_inline, looks_like_header

# A .docx is a zip: refuse archives that would inflate far beyond any real document (zip bombs).
MAX_DOCX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_DOCX_ENTRIES = 5000
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|lista|punkt|bullet|number", re.IGNORECASE)


def load_docx(data: bytes, path: Path) -> ParsedFile:
    _check_archive(data)
    import docx  # python-docx; imported here so loading other formats does not pay for it
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BrokenFile(f"skadad DOCX ({type(exc).__name__})") from None
    except Exception as exc:  # lxml and python-docx raise many kinds on damaged XML
        raise BrokenFile(f"skadad DOCX ({type(exc).__name__})") from None
    builder = SectionBuilder()
    title = ""
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                title = _paragraph(block, builder) or title
            elif isinstance(block, Table):
                builder.end_list()
                _table(block, builder)
        core_title = clean_inline(document.core_properties.title or "")
    except Exception as exc:
        raise BrokenFile(f"skadad DOCX ({type(exc).__name__})") from None
    return ParsedFile(sections=builder.build(), title_hint=title or builder.first_heading or core_title)


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_DOCX_ENTRIES:
                raise BrokenFile(f"DOCX har för många delar ({len(entries)})")
            total = sum(entry.file_size for entry in entries)
            if total > MAX_DOCX_UNCOMPRESSED_BYTES:
                raise BrokenFile(
                    f"DOCX packas upp till {total // (1024 * 1024)} MB (högst "
                    f"{MAX_DOCX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB); misstänkt zip-bomb"
                )
            if "word/document.xml" not in archive.namelist():
                raise BrokenFile("inte en DOCX (saknar word/document.xml)")
    except zipfile.BadZipFile:
        raise BrokenFile("skadad DOCX (inte en giltig zip-fil)") from None


def _table(table: Any, builder: SectionBuilder) -> None:
    """Rows with their column headers: the first row names the columns when Word marks it as a
    header row (repeated on each page), when it is set in bold, or when it looks like labels."""
    rows: list[list[str]] = []
    header_marked = False
    for number, row in enumerate(table.rows):
        cells = _unique(
            clean_inline("\n".join(visible_text(p) for p in cell.paragraphs)) for cell in row.cells
        )
        if not any(cells):
            continue
        if number == 0:
            header_marked = _repeated_header(row) or _all_bold(row)
        rows.append(cells)
    if not rows:
        return
    header = None
    if len(rows) > 1 and (header_marked or looks_like_header(rows[0], rows[1:])):
        header, rows = rows[0], rows[1:]
    builder.table(rows, header)


def _repeated_header(row: Any) -> bool:
    properties = row._tr.trPr  # w:trPr / w:tblHeader
    if properties is None:
        return False
    return any(child.tag.endswith("}tblHeader") for child in properties)


def _all_bold(row: Any) -> bool:
    runs = [run for cell in row.cells for p in cell.paragraphs for run in p.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _unique(cells: object) -> list[str]:
    # Merged cells repeat their text once per grid column.
    seen: list[str] = []
    for cell in cells:  # type: ignore[attr-defined]
        if not seen or seen[-1] != cell:
            seen.append(cell)
    return seen


def _paragraph(paragraph: object, builder: SectionBuilder) -> str:
    """Feed one paragraph to the builder; return its text when it is the document's Title."""
    text = clean_inline(visible_text(paragraph))
    if not text:
        return ""
    style = paragraph.style.name if paragraph.style is not None else ""  # type: ignore[attr-defined]
    if style.lower() == "title":
        # Level 0, so the Heading 1 sections below nest under the title.
        builder.heading(0, text)
        return text
    if match := _HEADING_STYLE.match(style):
        builder.heading(int(match.group(1)), text)
        return ""
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None  # type: ignore[attr-defined]
    if numbered or _LIST_STYLE.search(style):
        builder.list_item(text)
        return ""
    builder.end_list()
    builder.paragraph(text)
    return ""


def visible_text(paragraph: Any) -> str:
    """The paragraph's text without its hidden runs (hyperlinks' runs included)."""
    inherited = _style_hides(paragraph.style)
    parts: list[str] = []
    for item in paragraph.iter_inner_content():
        for run in getattr(item, "runs", None) or [item]:
            explicit = run.font.hidden
            if explicit is None:
                explicit = _style_hides(run.style) or inherited
            if not explicit:
                parts.append(run.text)
    return "".join(parts)


def _style_hides(style: Any) -> bool:
    seen = 0
    while style is not None and seen < 20:  # a style chain is short; a loop in a hostile file is not
        hidden = style.font.hidden
        if hidden is not None:
            return bool(hidden)
        style = style.base_style
        seen += 1
    return False
