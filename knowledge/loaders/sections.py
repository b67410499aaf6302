"""Builds sections from a stream of headings, paragraphs and list items, in reading order.

Every loader feeds the same builder, so all formats give the same shape: a section per heading
path, paragraphs separated by a blank line, list items as "- item" lines.
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

    def build(self) -> list[Section]:
        self._flush()
        return self._sections

    def _flush(self) -> None:
        if self._blocks:
            path = tuple(text for _, text in self._path)
            self._sections.append(Section(heading_path=path, text="\n\n".join(self._blocks)))
        self._blocks = []
        self._last_was_item = False
