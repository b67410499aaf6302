"""Plain text: a header block of metadata lines, headings, paragraphs, lists and tables.

Office texts saved as .txt follow a few conventions, all read here:

- a header block at the top, one "Nyckel: värde" per line ("Dokument-ID: NV-003", "Titel: …",
  "Giltig från: 2025-01-01", "Fastställd av: …"), sometimes between rules of "=" or "-": it is
  metadata, never text a citizen is served; the fields a document's metadata knows are passed on;
- headings: a line underlined with "=", "-", "~" or "*"; a line in capitals; a short stand-alone
  line without a full stop, also one that opens a block over its text ("Vem kan klaga?"). Levels
  follow the order in which the styles first appear (as in reStructuredText), below the title;
- list items ("- ", "* ", "• ", "1. "), and tables: rows of cells split by "|" or by tabs, or
  aligned in columns by runs of spaces, read as rows that carry their column headers.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from guardrails.text.diacritics import fold_diacritics
from knowledge.loaders.decoding import decode_utf8
from knowledge.loaders.parsed import ParsedFile
from knowledge.loaders.sections import SectionBuilder, looks_like_header

_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s+(.*)$")
_MAX_HEADING_WORDS = 10
_END_PUNCTUATION = tuple('.,;:!?…)»"”')
_UNDERLINE = re.compile(r"^\s*([=\-~*_#+^])\1{2,}\s*$")
_FIELD = re.compile(r"^\s*([^\W\d_][\w .\-/()]{0,38}?)\s*:\s+(\S.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_COLUMNS = re.compile(r"\t+| {3,}")
_HEADER_MAX_LINES = 20
# A signature block ("-- " and the lines under it) at the end of a file is at most this long.
_SIGNATURE_MAX_LINES = 4
# A line in capitals is a heading up to this many words (nobody writes prose in capitals).
_MAX_CAPS_HEADING_WORDS = 16
# A run-in heading is at most this share of its block's widest other line (hard-wrapped prose runs
# close to its width; "Vem kan klaga?" over a paragraph is a fraction of it).
_RUN_IN_WIDTH = 0.6

# Header-block keys (folded: lower case, no diacritics, no punctuation) -> metadata field names.
# fmt: off
_FIELD_NAMES = {
    "dokument id": "doc_id", "dokumentid": "doc_id", "dok id": "doc_id", "doc id": "doc_id",
    "document id": "doc_id", "id": "doc_id",
    "titel": "title", "title": "title", "rubrik": "title",
    "giltig fran": "valid_from", "galler fran": "valid_from", "giltig fr o m": "valid_from",
    "galler fr o m": "valid_from", "valid from": "valid_from", "ikrafttradande": "valid_from",
    "giltig till": "valid_until", "galler till": "valid_until", "valid until": "valid_until",
    "faststalld av": "approved_by", "godkand av": "approved_by", "beslutad av": "approved_by",
    "approved by": "approved_by",
    "version": "version", "versionsnummer": "version",
    "webbadress": "source_url", "url": "source_url", "webbsida": "source_url", "lank": "source_url",
    "source url": "source_url", "web address": "source_url",
    "sprak": "language", "language": "language",
    "malgrupp": "audience", "audience": "audience",
}
# fmt: on
_URL = re.compile(r"^https?://\S+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_DOC_ID = re.compile(r"^\w[\w.\-]{0,127}$")


def looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _MAX_HEADING_WORDS
        and not line.rstrip().endswith(_END_PUNCTUATION)
        and line[:1].isupper()
        and not _ITEM.match(line)
    )


def is_capitalised_heading(line: str) -> bool:
    """A line set in capitals ("ÅRSRÄKNING OCH REDOGÖRELSE"): a heading in plain-text office files."""
    letters = [ch for ch in line if ch.isalpha()]
    words = line.split()
    return (
        len(letters) >= 3
        and all(ch.isupper() for ch in letters)
        and 0 < len(words) <= _MAX_CAPS_HEADING_WORDS
        and not line.rstrip().endswith((".", ",", ";", ":", "!"))
        and not _ITEM.match(line)
        and "|" not in line
    )


def load_text(data: bytes, path: Path) -> ParsedFile:
    text = decode_utf8(data)
    lines = _without_signature([line.rstrip() for line in text.split("\n")])
    fields, start, header_title = _header_block(lines)
    builder = SectionBuilder()
    if header_title:
        builder.heading(1, header_title)
    _Reader(builder, header_title).read(lines[start:])
    title = header_title or builder.first_heading
    return ParsedFile(sections=builder.build(), fields=fields, title_hint=title)


def _without_signature(lines: list[str]) -> list[str]:
    """The lines without a signature block at the end: a line of just "--" (the e-mail convention,
    "-- ") and the few lines under it (the office's name, address and date stamp), which say who
    wrote the page, not what it says."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in reversed(filled[-(_SIGNATURE_MAX_LINES + 1) :]):
        if lines[i].strip() == "--":
            return lines[:i]
    return lines


def _folded(text: str) -> str:
    return re.sub(r"\W+", " ", fold_diacritics(text.casefold())).strip()


# -- the header block -----------------------------------------------------------------------------
def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", fold_diacritics(name.lower())).strip().replace("  ", " ")


def _header_block(lines: list[str]) -> tuple[dict[str, Any], int, str]:
    """(metadata fields, the line where the text starts, the title the header names) for a header
    block at the top of the file; ({}, 0, "") when the file has none.

    A header block is the first lines of the file (after blank lines, a title line and rules) when
    at least two of them are "Key: value" lines and every line up to the first blank line is one.
    """
    i = 0
    n = len(lines)
    while i < n and (not lines[i].strip() or _UNDERLINE.match(lines[i])):
        i += 1
    start = i
    found: list[tuple[str, str]] = []
    j = i
    lead_title = ""
    while j < n and j - start < _HEADER_MAX_LINES:
        line = lines[j].strip()
        if not line:
            break
        if _UNDERLINE.match(line):
            j += 1
            if found:
                break  # a rule closes the block
            continue
        match = _FIELD.match(line)
        if match and len(match.group(1).split()) <= 4 and not _ITEM.match(line):
            found.append((match.group(1), match.group(2).strip()))
        elif not found and not lead_title and j == start:
            lead_title = line  # an organisation or title line above the fields
        else:
            return {}, 0, ""
        j += 1
    if len(found) < 2:
        return {}, 0, ""
    fields: dict[str, Any] = {}
    title = ""
    for name, value in found:
        field = _FIELD_NAMES.get(_key(name))
        if field == "title":
            title = value
        if field and _valid(field, value) and field not in fields:
            fields[field] = value
    # The rule under the block, and blank lines after it, belong to the header.
    while j < n and (not lines[j].strip() or _UNDERLINE.match(lines[j])):
        j += 1
    return fields, j, title


def _valid(field: str, value: str) -> bool:
    """Only values the metadata accepts are passed on: a header in another style never breaks a file."""
    if field in ("valid_from", "valid_until"):
        if not _ISO_DATE.match(value):
            return False
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    if field == "source_url":
        return bool(_URL.match(value))
    if field == "language":
        return bool(_LANGUAGE.match(value.lower()))
    if field == "doc_id":
        return bool(_DOC_ID.match(value))
    return len(value) <= 200


# -- the body -------------------------------------------------------------------------------------
class _Reader:
    def __init__(self, builder: SectionBuilder, title: str) -> None:
        self.builder = builder
        self.title = title  # named in the header block: the body's headings are its sections
        self.styles: list[str] = []  # heading styles after the title, in the order they first appear
        self.headings = 0

    def heading(self, text: str, style: str) -> None:
        """The first heading is the document's title (level 1) unless the header block named it;
        later heading styles take levels 2, 3, 4 in the order they first appear."""
        text = text.strip().strip("#").strip()
        if not text:
            return
        first = self.headings == 0
        self.headings += 1
        if first and self.title and _folded(text) == _folded(self.title):
            return  # the title again, under the header block
        if first and not self.title:
            self.builder.heading(1, text)
            return
        if style not in self.styles:
            self.styles.append(style)
        self.builder.heading(min(2 + self.styles.index(style), 4), text)

    def read(self, lines: list[str]) -> None:
        blocks = _blocks(lines)
        for number, block in enumerate(blocks):
            self._block(block, last=number + 1 == len(blocks), first=number == 0)

    def _block(self, block: list[str], last: bool, first: bool) -> None:
        if len(block) == 1 and looks_like_heading(block[0]) and not last and not _FIELD.match(block[0]):
            self.heading(block[0], "plain" if not is_capitalised_heading(block[0]) else "caps")
            return
        if len(block) == 1 and is_capitalised_heading(block[0]) and not last:
            self.heading(block[0], "caps")
            return
        table = _table(block)
        if table is not None:
            rows, header = table
            self.builder.table(rows, header)
            return
        paragraph: list[str] = []

        def flush() -> None:
            if paragraph:
                self.builder.paragraph(" ".join(paragraph))
                paragraph.clear()

        i = 0
        while i < len(block):
            line = block[i].strip()
            following = block[i + 1].strip() if i + 1 < len(block) else ""
            if following and _UNDERLINE.match(following) and not _UNDERLINE.match(line):
                flush()
                self.builder.end_list()
                self.heading(line, "underline" + following[0])
                i += 2
                continue
            if _UNDERLINE.match(line):
                flush()
                i += 1
                continue
            if not paragraph and _is_run_in_heading(line, following, block):
                # "Vem kan klaga?" or "Beslut enligt föräldrabalken" on a line of its own over the
                # text it names: a heading, never the first words of that text's first sentence.
                self.builder.end_list()
                self.heading(line, "run-in")
                i += 1
                continue
            if _is_term(block[i], block[i + 1] if i + 1 < len(block) else ""):
                # "Gode mannen avlider" over an indented paragraph: the name of the case the
                # paragraph is about, a heading of its own (never glued to its first sentence).
                flush()
                self.builder.end_list()
                self.heading(line, "term")
                i += 1
                continue
            if is_capitalised_heading(line) and (following or paragraph or i == 0):
                flush()
                self.builder.end_list()
                self.heading(line, "caps")
                i += 1
                continue
            if match := _ITEM.match(line):
                flush()
                self.builder.list_item(match.group(1))
            else:
                paragraph.append(line)
            i += 1
        flush()
        self.builder.end_list()


def _is_term(line: str, following: str) -> bool:
    """A short unpunctuated line at the margin with an indented, non-list line under it: the term a
    definition-list style paragraph describes."""
    return (
        bool(following.strip())
        and not line[:1].isspace()
        and following[:1].isspace()
        and looks_like_heading(line)
        and not is_capitalised_heading(line)
        and not _FIELD.match(line)
        and not _ITEM.match(following)
    )


def _is_run_in_heading(line: str, following: str, block: list[str]) -> bool:
    """A short line that opens a block (or follows a list) with text or a list under it in the same
    block: the heading of that text ("Vem kan klaga?", "Beslut om allmänna
    handlingar"). A question counts, as in a page of questions and answers. Hard-wrapped prose is
    not read so: its lines run close to the block's width, a heading is far shorter."""
    if not following or _ITEM.match(line) or _FIELD.match(line) or _UNDERLINE.match(following):
        return False
    words = line.split()
    if not 0 < len(words) <= _MAX_HEADING_WORDS or not line[:1].isupper():
        return False
    question = line.endswith("?")
    if line.endswith(_END_PUNCTUATION) and not question:
        return False
    widest = max(len(other.strip()) for other in block if other.strip() != line)
    return len(line) <= _RUN_IN_WIDTH * widest


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _table(block: list[str]) -> tuple[list[list[str]], list[str] | None] | None:
    """The rows and header of a block that is a table: every line split by "|" (or tabs, or aligned
    runs of spaces) into the same number of cells, two or more; None for any other block."""
    lines = [line for line in block if line.strip()]
    if len(lines) < 2:
        return None
    rule_after_first = len(lines) > 2 and bool(_TABLE_RULE.match(lines[1])) and "|" in lines[1]
    if all("|" in line for line in lines):
        body = [line for line in lines if not (_TABLE_RULE.match(line) and "-" in line)]
        rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in body]
    elif all(_COLUMNS.search(line.strip()) for line in lines):
        rows = [[cell.strip() for cell in _COLUMNS.split(line.strip())] for line in lines]
        if len({len(row) for row in rows}) != 1:
            return None
    else:
        return None
    if min(len(row) for row in rows) < 2:
        return None
    if rule_after_first or looks_like_header(rows[0], rows[1:]):
        return rows[1:], rows[0]
    return rows, None
