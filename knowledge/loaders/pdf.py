"""PDF: text with pypdf, headings inferred from font size and weight, wrapped lines joined into paragraphs.

pypdf's text visitor reports every text run with its font and matrix; lines set clearly larger than
the body text, or bold at body size, are headings (level by size). Without font cues, short
numbered lines ("2.1 Bilagor") are headings. Page numbers are dropped.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from knowledge.loaders.parsed import BrokenFile, ParsedFile
from knowledge.loaders.sections import SectionBuilder, clean_inline, looks_like_header

MAX_PDF_PAGES = 1000
_HEADING_SIZE_RATIO = 1.15
_MAX_HEADING_WORDS = 15
_BULLET = re.compile(r"^(?:[•▪◦●■\-–*]|\d{1,3}[.)])\s+(.*)$")
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+[A-ZÅÄÖ]")
_PAGE_NUMBER = re.compile(r"^(?:sida|page|s\.)?\s*\d{1,4}(?:\s*(?:av|of|/)\s*\d{1,4})?$", re.IGNORECASE)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)
# Average glyph width as a share of the font size, and the gap (in font sizes) that separates cells.
_CHAR_WIDTH = 0.5
_CELL_GAP = 2.5
_COLUMN_TOLERANCE = 4.0  # points


@dataclass
class _Line:
    page: int
    y: float
    parts: list[str] = field(default_factory=list)
    sizes: Counter[float] = field(default_factory=Counter)
    bold_chars: int = 0
    # Runs set apart on the line (table cells): (x where the run starts, its text pieces).
    cells: list[tuple[float, list[str]]] = field(default_factory=list)
    end_x: float = 0.0  # where the text so far ends, estimated from its length and size
    # Every text run as the PDF placed it: (x, text, estimated end). A table cell is a run of its own
    # even when it stands closer to its neighbour than `cells` can tell apart (a narrow column).
    runs: list[tuple[float, str, float]] = field(default_factory=list)

    def add(self, x: float, piece: str, size: float) -> None:
        size = max(size, 1.0)
        width = len(piece) * size * _CHAR_WIDTH
        if piece.strip():
            self.runs.append((x, piece, x + len(piece.strip()) * size * _CHAR_WIDTH))
        # The width is a guess: the gap must be wide against the size and against the run so far.
        start = self.cells[-1][0] if self.cells else x
        gap = max(size * _CELL_GAP, 0.15 * (self.end_x - start))
        if not self.cells or x - self.end_x > gap:
            self.cells.append((x, [piece]))
            self.end_x = x + width
        else:
            self.cells[-1][1].append(piece)
            self.end_x = max(self.end_x, x) + width

    @property
    def cell_texts(self) -> list[str]:
        return [clean_inline("".join(parts)) for _x, parts in self.cells]

    @property
    def text(self) -> str:
        return clean_inline("".join(self.parts))

    @property
    def size(self) -> float:
        return self.sizes.most_common(1)[0][0] if self.sizes else 0.0

    @property
    def bold(self) -> bool:
        total = sum(self.sizes.values())
        return total > 0 and self.bold_chars / total > 0.6


def load_pdf(data: bytes, path: Path) -> ParsedFile:
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise BrokenFile("inte en PDF (saknar %PDF-huvud)")
    if b"%%EOF" not in data[-1024:]:
        raise BrokenFile("PDF är avkortad eller skadad (saknar %%EOF i slutet)")
    pdf_logger = logging.getLogger("pypdf")
    level = pdf_logger.level
    pdf_logger.setLevel(logging.ERROR)  # a damaged-but-readable PDF logs warnings per object
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise BrokenFile("PDF är krypterad med lösenord")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise BrokenFile(f"PDF har för många sidor ({len(reader.pages)}, högst {MAX_PDF_PAGES})")
        lines: list[_Line] = []
        for number, page in enumerate(reader.pages):
            lines.extend(_page_lines(page, number))
        title = str((reader.metadata or {}).get("/Title") or "")
    except BrokenFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise BrokenFile(f"skadad PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    except Exception as exc:  # pypdf raises many kinds on hostile input; one bad file must not stop a run
        raise BrokenFile(f"skadad PDF ({type(exc).__name__})") from None
    finally:
        pdf_logger.setLevel(level)
    builder = SectionBuilder()
    _emit(lines, builder)
    return ParsedFile(sections=builder.build(), title_hint=builder.first_heading or clean_inline(title))


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _page_lines(page: Any, number: int) -> list[_Line]:
    lines: list[_Line] = []
    pending_break = True

    def visit(text: str, cm: list[float], tm: list[float], font: Any, font_size: float) -> None:
        nonlocal pending_break
        if not text:
            return
        if not text.strip():
            pending_break = pending_break or "\n" in text
            if lines and not pending_break:
                lines[-1].parts.append(text)
            return
        matrix = _multiply(list(tm), list(cm))
        y = matrix[5]
        size = round(float(font_size or 0) * math.hypot(matrix[2], matrix[3]), 1)
        name = str(font.get("/BaseFont", "")) if font else ""
        for index, piece in enumerate(text.split("\n")):
            if index or pending_break or not lines or abs(lines[-1].y - y) > max(1.0, size * 0.3):
                if not piece.strip():
                    pending_break = True
                    continue
                lines.append(_Line(page=number, y=y))
            pending_break = False
            line = lines[-1]
            line.parts.append(piece)
            line.add(matrix[4], piece, size)
            chars = len(piece.strip())
            line.sizes[size] += chars
            if _BOLD.search(name):
                line.bold_chars += chars
        pending_break = text.endswith("\n")

    page.extract_text(visitor_text=visit)
    return [line for line in lines if line.text and not _PAGE_NUMBER.match(line.text)]


def _emit(lines: list[_Line], builder: SectionBuilder) -> None:
    if not lines:
        return
    weights: Counter[float] = Counter()
    for line in lines:
        weights.update(line.sizes)
    body = weights.most_common(1)[0][0]
    body_bold = sum(line.bold for line in lines if line.size == body) > 0.5 * sum(
        1 for line in lines if line.size == body
    )

    def candidate(line: _Line) -> bool:
        text = line.text
        return (
            len(text.split()) <= _MAX_HEADING_WORDS
            and not text.endswith((".", ",", ";", ":"))
            and any(ch.isalpha() for ch in text)
            and not _BULLET.match(text)
        )

    heading_sizes = sorted(
        {line.size for line in lines if candidate(line) and line.size >= body * _HEADING_SIZE_RATIO},
        reverse=True,
    )
    level_of = {size: index + 1 for index, size in enumerate(heading_sizes[:3])}
    bold_level = min(len(level_of) + 1, 4)
    use_numbering = not level_of and (body_bold or not any(line.bold for line in lines))

    def font_level(line: _Line) -> int | None:
        if not candidate(line):
            return None
        if line.size in level_of:
            return level_of[line.size]
        if line.size >= body * _HEADING_SIZE_RATIO:
            return 3
        if line.bold and not body_bold and line.size >= body * 0.95:
            return bold_level
        return None

    gaps = [
        prev.y - cur.y
        for prev, cur in pairwise(lines)
        if prev.page == cur.page and prev.size == cur.size == body and prev.y > cur.y
    ]
    # Lines inside a paragraph are the tightest; the lower quartile is robust to few lines and many gaps.
    line_gap = sorted(gaps)[len(gaps) // 4] if gaps else body * 1.2
    levels = _numbered_levels(lines, line_gap, candidate) if use_numbering else [font_level(x) for x in lines]
    tables = _tables(lines)
    in_table = {i for start, (end, _rows, _header) in tables.items() for i in range(start, end)}
    levels = [None if i in in_table else level for i, level in enumerate(levels)]

    paragraph: list[str] = []
    item: list[str] | None = None
    previous: _Line | None = None
    previous_heading: tuple[int, _Line] | None = None

    def flush() -> None:
        nonlocal item
        if item is not None:
            builder.list_item(_join(item))
            item = None
        if paragraph:
            builder.paragraph(_join(paragraph))
            paragraph.clear()

    for index, (line, level) in enumerate(zip(lines, levels, strict=True)):
        text = line.text
        if index in tables:
            flush()
            builder.end_list()
            _end, rows, header = tables[index]
            builder.table(rows, header)
        if index in in_table:
            previous = line
            continue
        if level is not None:
            if (
                previous_heading
                and previous is previous_heading[1]
                and previous_heading[0] == level
                and previous.page == line.page
                and 0 < previous.y - line.y < line.size * 1.6
            ):
                # A long heading wrapped onto a second line.
                builder.retitle_last(text)
            else:
                flush()
                builder.heading(level, text)
            previous_heading = (level, line)
            previous = line
            continue
        new_block = (
            previous is None
            or (previous_heading is not None and previous is previous_heading[1])
            or (previous.page == line.page and previous.y - line.y > line_gap * 1.25)
            or (previous.page == line.page and previous.y < line.y)
        )
        if match := _BULLET.match(text):
            flush()
            item = [match.group(1)]
        elif new_block:
            flush()
            builder.end_list()
            paragraph.append(text)
        elif item is not None:
            item.append(text)
        else:
            paragraph.append(text)
        previous = line
    flush()


def _tables(lines: list[_Line]) -> dict[int, tuple[int, list[list[str]], list[str] | None]]:
    """Tables, by the index of their first line: (index after the last line, rows, header).

    A table starts at a line whose runs stand apart in two or more columns and goes on over the
    lines of the same page and size whose runs start in those columns and end before the next
    column (a row label may open a column left of the first: a header row leaves its first cell
    empty). Rows are read in the order the PDF wrote the cells, so a row whose cells wrap onto
    several lines, set a little higher or lower than each other, stays one row."""
    found: dict[int, tuple[int, list[list[str]], list[str] | None]] = {}
    i = 0
    while i < len(lines):
        first = lines[i]
        if len(first.cells) < 2:
            i += 1
            continue
        columns = sorted(x for x, _parts in first.cells)
        lowest = first.y
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if (
                line.page != first.page
                or abs(line.size - first.size) > 0.5
                or line.y > first.y + first.size  # above the table: another column of the page
                or lowest - line.y > 3 * max(line.size, 1.0)  # a gap: the table has ended
            ):
                break
            runs = [(x, end) for x, _text, end in line.runs]
            if runs and runs[0][0] < columns[0] - _COLUMN_TOLERANCE and _fits(runs, [runs[0][0], *columns]):
                columns.insert(0, runs[0][0])  # a label column left of the first
            if not runs or not _fits(runs, columns):
                break
            lowest = min(lowest, line.y)
            j += 1
        rows = _rows(lines[i:j], columns)
        if len(rows) >= 2:
            header = None
            bold_header = len(rows) > 2 and first.bold and not all(lines[k].bold for k in range(i + 1, j))
            if bold_header or looks_like_header(rows[0], rows[1:]):
                header, rows = rows[0], rows[1:]
            found[i] = (j, rows, header)
            i = j
        else:
            i += 1
    return found


def _fits(runs: list[tuple[float, float]], columns: list[float]) -> bool:
    """Whether a line's runs are table cells: each starts in a column (or goes on in the cell before
    it) and ends before the next column starts."""
    for x, end in runs:
        slot = _column(x, columns)
        if slot is None:
            if x < columns[0]:
                return False
            slot = max(k for k, start in enumerate(columns) if start <= x)
        following = columns[slot + 1] if slot + 1 < len(columns) else None
        if following is not None and end > following + 2 * _COLUMN_TOLERANCE:
            return False
    return True


def _rows(lines: list[_Line], columns: list[float]) -> list[list[str]]:
    """The rows of a table's lines: a cell in a column left of the one before it opens a new row; a
    cell in the same column goes on (its text wrapped); one further right is the next cell."""
    rows: list[list[list[str]]] = []
    last = -1
    for line in lines:
        for x, text, _end in line.runs:
            slot = _column(x, columns)
            if slot is None:  # a run inside a cell (a word set in bold)
                slot = max(0, last)
            if not rows or slot < last:
                rows.append([[] for _ in columns])
            rows[-1][slot].append(text)
            last = slot
    texts = [[_cell_text(cell) for cell in row] for row in rows]
    return [row for row in texts if any(row)]


def _cell_text(pieces: list[str]) -> str:
    parts = [clean_inline(piece) for piece in pieces if piece.strip()]
    return _join(parts) if parts else ""


def _column(x: float, columns: list[float]) -> int | None:
    for index, start in enumerate(columns):
        if abs(x - start) <= _COLUMN_TOLERANCE:
            return index
    return None


def _numbered_levels(
    lines: list[_Line], line_gap: float, candidate: Callable[[_Line], bool]
) -> list[int | None]:
    """Headings of a PDF without font cues: short numbered lines ("2.1 Bilagor"), and a short first line
    standing apart (the title). Consecutive numbered lines of the same depth are a list, not headings."""
    levels: list[int | None] = [None] * len(lines)
    offset = 0
    if len(lines) > 1 and candidate(lines[0]) and not _NUMBERED_HEADING.match(lines[0].text):
        first, second = lines[0], lines[1]
        if first.page != second.page or first.y - second.y > line_gap * 1.25:
            levels[0] = 1
            offset = 1
    numbered = [_NUMBERED_HEADING.match(line.text) for line in lines]
    for index, (line, match) in enumerate(zip(lines, numbered, strict=True)):
        if match is None or len(line.text.split()) > 10 or line.text.endswith((".", ",", ";", ":")):
            continue
        depth = match.group(1).rstrip(".").count(".") + 1
        neighbours = [numbered[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]
        if any(n is not None and n.group(1).rstrip(".").count(".") + 1 == depth for n in neighbours):
            continue
        levels[index] = min(depth + offset, 4)
    return levels


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        # "för-" + "valtare" was one word split by the layout; "in-" + "och" is a real hyphen.
        if (
            re.search(r"[^\W\d_]{3,}-$", text)
            and line[:1].islower()
            and not line.startswith(("och ", "eller "))
        ):
            text = text[:-1] + line
        else:
            text = f"{text} {line}"
    return text
