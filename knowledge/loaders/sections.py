"""Builds sections from a stream of headings, paragraphs and list items, in reading order.

Every loader feeds the same builder, so all formats give the same shape: a section per heading
path, paragraphs separated by a blank line, list items as "- item" lines, and a table as one block
with a line per row that carries its column headers ("Måndag – Telefontid: 9.00–12.00.").
A row read alone (a passage, an answer sentence) still says what each value is.
"""

from __future__ import annotations

import re

from knowledge.documents import Section

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Soft hyphens and zero-width characters split words invisibly and spoil search.
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean_inline(text: str) -> str:
    """One line of text: invisible characters removed, all kinds of spaces folded to one space."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text.replace("\n", " "))).strip()


_END = (".", "!", "?", ":", ";", "…")


def row_text(cells: list[str], header: list[str] | None = None) -> str:
    """One table row as a sentence that names its columns: "Måndag – Telefontid: 9–12; Besök: 13–15."

    The first cell labels the row; every other cell is given with its column header (when the table
    has one). Empty cells are left out; a row with only its label is that label."""
    cells = [clean_inline(c) for c in cells]
    head = [clean_inline(h) for h in header] if header else []
    label = cells[0] if cells else ""
    parts: list[str] = []
    for i, cell in enumerate(cells[1:], start=1):
        if not cell:
            continue
        name = head[i] if i < len(head) else ""
        same = name and name.casefold() == cell.casefold()
        parts.append(f"{name}: {cell}" if name and not same else cell)
    joiner = " " if label.endswith(":") else " – "  # "Telefon: 0611-…" is already labelled
    text = joiner.join(x for x in (label, "; ".join(parts)) if x)
    if not text:
        return ""
    return text if text.endswith(_END) else text + "."


def looks_like_header(first: list[str], rest: list[list[str]]) -> bool:
    """Whether a table's first row names its columns, for formats that do not say (DOCX, text):
    short labels without digits, addresses or full stops, above at least one row of values."""
    cells = [clean_inline(c) for c in first]
    if len(cells) < 2 or not rest or not all(cells):
        return False
    return all(
        len(c.split()) <= 4 and not any(ch.isdigit() for ch in c) and "@" not in c and not c.endswith(".")
        for c in cells
    )


class SectionBuilder:
    def __init__(self) -> None:
        self._path: list[tuple[int, str]] = []
        self._blocks: list[str] = []
        self._sections: list[Section] = []
        self._last_was_item = False
        self.first_heading = ""

    def heading(self, level: int, text: str) -> None:
        text = clean_inline(text)
        if not text:
            return
        self._flush()
        self.first_heading = self.first_heading or text
        while self._path and self._path[-1][0] >= level:
            self._path.pop()
        self._path.append((level, text))

    def retitle_last(self, more: str) -> None:
        """Append `more` to the latest heading (a heading that wrapped onto a second line)."""
        more = clean_inline(more)
        if not self._path or not more:
            return
        level, text = self._path[-1]
        self._path[-1] = (level, f"{text} {more}")
        if self.first_heading == text:
            self.first_heading = self._path[-1][1]

    def paragraph(self, text: str) -> None:
        lines = [clean_inline(line) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self._blocks.append(text)
            self._last_was_item = False

    def list_item(self, text: str) -> None:
        text = clean_inline(text)
        if not text:
            return
        if self._last_was_item and self._blocks:
            # Consecutive items stay one block, one item per line.
            self._blocks[-1] += "\n- " + text
        else:
            self._blocks.append("- " + text)
        self._last_was_item = True

    def end_list(self) -> None:
        self._last_was_item = False

    def table(self, rows: list[list[str]], header: list[str] | None = None) -> None:
        """A table as one block, a line per row with its column headers (see `row_text`)."""
        lines = [row_text(row, header) for row in rows]
        lines = [line for line in lines if line]
        if not lines and header:
            lines = [row_text(header)]
        if lines:
            self._blocks.append("\n".join(lines))
            self._last_was_item = False

    def build(self) -> list[Section]:
        self._flush()
        return self._sections

    def _flush(self) -> None:
        if self._blocks:
            path = tuple(text for _, text in self._path)
            self._sections.append(Section(heading_path=path, text="\n\n".join(self._blocks)))
        self._blocks = []
        self._last_was_item = False
