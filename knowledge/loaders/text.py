"""Plain text: paragraphs split on blank lines; a short stand-alone line without a full stop is a heading."""

from __future__ import annotations

import re
from pathlib import Path

from knowledge.loaders.decoding import decode_utf8
from knowledge.loaders.parsed import ParsedFile
from knowledge.loaders.sections import SectionBuilder

_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s+(.*)$")
_MAX_HEADING_WORDS = 10
_END_PUNCTUATION = tuple('.,;:!?…)»"”')


def looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _MAX_HEADING_WORDS
        and not line.rstrip().endswith(_END_PUNCTUATION)
        and line[:1].isupper()
        and not _ITEM.match(line)
    )


def load_text(data: bytes, path: Path) -> ParsedFile:
    text = decode_utf8(data)
    builder = SectionBuilder()
    blocks = [block.strip("\n") for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block.strip()]
    for number, block in enumerate(blocks):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if len(lines) == 1 and looks_like_heading(lines[0]) and number + 1 < len(blocks):
            # The opening line names the document; later stand-alone short lines are its sections.
            builder.heading(1 if number == 0 else 2, lines[0])
            continue
        paragraph: list[str] = []
        for line in lines:
            if match := _ITEM.match(line):
                if paragraph:
                    builder.paragraph(" ".join(paragraph))
                    paragraph = []
                builder.list_item(match.group(1))
            else:
                paragraph.append(line)
        if paragraph:
            builder.paragraph(" ".join(paragraph))
        builder.end_list()
    return ParsedFile(sections=builder.build(), title_hint=builder.first_heading)
